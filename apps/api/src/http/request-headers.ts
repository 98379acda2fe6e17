import { invalidInput } from '@samflyt/engine';

const PRINTABLE_ASCII = /^[\x20-\x7E]{1,200}$/;

/** `Idempotency-Key`: 1–200 printable ASCII characters. */
export function parseIdempotencyKey(value: string | undefined, required: boolean): string | undefined {
  if (value === undefined || value === '') {
    if (!required) return undefined;
    throw invalidInput([{ field: 'Idempotency-Key', message: 'the header is required: a unique key per request' }]);
  }
  if (!PRINTABLE_ASCII.test(value)) {
    throw invalidInput([{ field: 'Idempotency-Key', message: 'must be 1-200 printable ASCII characters' }]);
  }
  return value;
}

const ETAG = /^(?:W\/)?"(\d{1,9})"$|^(\d{1,9})$/;

/** `If-Match`: `"3"`, `W/"3"` or `3` → 3; `*` or absent → no precondition. */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined || value === '' || value === '*') return undefined;
  const match = ETAG.exec(value);
  if (!match) {
    throw invalidInput([{ field: 'If-Match', message: 'must be one revision ETag such as "3" (as sent in ETag)' }]);
  }
  return Number(match[1] ?? match[2]);
}

/** Whether `If-None-Match` names the current revision (so the client's copy is fresh). */
export function ifNoneMatchHits(value: string | undefined, revision: number): boolean {
  if (!value) return false;
  if (value.trim() === '*') return true;
  return value.split(',').some((tag) => ETAG.exec(tag.trim())?.slice(1).find(Boolean) === String(revision));
}

export const etagOf = (revision: number): string => `"${revision}"`;
