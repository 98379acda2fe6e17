export enum CommitteeErrorCode {
  /** The document is not YAML/JSON, breaks the schema, or refers to something that does not exist. */
  InvalidDocument = 'invalid-document',
}

export interface DocumentFieldError {
  /** Path in the document as its author reads it: `members[3].vara_for`, `parent`, `(document)`. */
  field: string;
  message: string;
}

/** A committee document that cannot be imported. Nothing was written. */
export class CommitteeDocumentError extends Error {
  readonly code = CommitteeErrorCode.InvalidDocument;

  constructor(readonly errors: DocumentFieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'CommitteeDocumentError';
  }
}

/** `['members', 3, 'vara_for']` → `members[3].vara_for`; the root is `(document)`. */
export function documentPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(document)';
}
