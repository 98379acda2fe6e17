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
