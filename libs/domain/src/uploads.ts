/** "20 MB", "2000 bytes": a byte count the way an upload limit is stated. */
export function formatBytes(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb && bytes % mb === 0) return `${bytes / mb} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/**
 * A file larger than the limit of the endpoint (or of the form field) it was sent to. The API answers
 * 413 payload-too-large naming the field in `errors` and the limit in bytes in `limit`.
 */
export class FileTooLargeError extends Error {
  constructor(
    readonly field: string,
    readonly limit: number,
  ) {
    super(`The file in "${field}" is larger than the limit of ${formatBytes(limit)}`);
    this.name = 'FileTooLargeError';
  }
}

/**
 * A file whose content (its first bytes, not the name or the header the client sent) is none of the types samflyt
 * takes. The API answers 415 naming the field; nothing is written.
 */
export class UnsupportedFileTypeError extends Error {
  constructor(
    readonly field: string,
    readonly declared: string,
  ) {
    super(
      `The content of the file in "${field}" is none of the types taken (PDF, PNG, JPEG, GIF, Word, Excel, ` +
        `PowerPoint, OpenDocument or plain UTF-8 text); it was sent as ${declared || 'no type'}`,
    );
    this.name = 'UnsupportedFileTypeError';
  }
}

/**
 * How many files, and how many bytes in all, one hearing answer (the files of one organisation in one hearing) or
 * one grant application holds. Files never made part of a submitted answer or application count until they expire
 * (see UNREFERENCED_ATTACHMENT_TTL_MS).
 */
export const ATTACHMENT_QUOTA = { files: 20, bytes: 50 * 1024 * 1024 } as const;

/** A file uploaded but not (yet) part of a submitted answer or application is deleted this long after the upload. */
export const UNREFERENCED_ATTACHMENT_TTL_MS = 24 * 60 * 60 * 1000;

/** One more file would take a hearing answer or a grant application over {@link ATTACHMENT_QUOTA}: 413 naming the rule. */
export class AttachmentQuotaError extends Error {
  constructor(
    readonly holder: 'hearing answer' | 'grant application',
    readonly rule: 'files' | 'bytes',
    readonly limit: number,
  ) {
    super(
      rule === 'files'
        ? `A ${holder} holds at most ${limit} files`
        : `The files of a ${holder} are at most ${formatBytes(limit)} in all`,
    );
    this.name = 'AttachmentQuotaError';
  }
}

export interface AttachmentUsage {
  files: number;
  bytes: number;
}

/** Why one more file of `size` bytes may not join `usage` under `quota`, or null. */
export function quotaRefusal(
  holder: AttachmentQuotaError['holder'],
  usage: AttachmentUsage,
  size: number,
  quota: AttachmentUsage = ATTACHMENT_QUOTA,
): AttachmentQuotaError | null {
  if (usage.files + 1 > quota.files) return new AttachmentQuotaError(holder, 'files', quota.files);
  if (usage.bytes + size > quota.bytes) return new AttachmentQuotaError(holder, 'bytes', quota.bytes);
  return null;
}
