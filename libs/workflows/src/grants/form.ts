import type { FieldError } from '@samflyt/engine';
import { DEFAULT_ATTACHMENT_TYPES, MAX_GRANT_ATTACHMENT_BYTES, type FormField } from './grants.schemas';

/** An attachment as an answer: what the upload stored. */
export interface AttachmentRef {
  attachmentId: string;
  filename: string;
  contentType: string;
  size: number;
}

export type Answer = string | number | AttachmentRef;
export type Answers = Record<string, Answer>;

const DEFAULT_TEXT_LENGTH = 5_000;

/**
 * Checks answers against the form. `complete` also demands every required field; a draft is checked
 * only for what it holds (types, sizes, options), so an applicant can save half a form.
 */
export function validateAnswers(form: FormField[], answers: Answers, complete: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const byKey = new Map(form.map((f) => [f.key, f]));
  for (const k of Object.keys(answers)) {
    if (!byKey.has(k)) errors.push({ field: `answers.${k}`, message: 'is not a field of this form' });
  }
  for (const f of form) {
    const field = `answers.${f.key}`;
    const value = answers[f.key];
    const empty = value === undefined || value === '' || value === null;
    if (empty) {
      if (complete && f.required) errors.push({ field, message: `«${f.label}» is required` });
      continue;
    }
    const problem = answerProblem(f, value);
    if (problem) errors.push({ field, message: problem });
  }
  return errors;
}

/** What is wrong with a given answer to a field, if anything. */
function answerProblem(f: FormField, value: Answer): string | null {
  switch (f.type) {
    case 'text': {
      const max = f.maxLength ?? DEFAULT_TEXT_LENGTH;
      if (typeof value !== 'string') return 'must be text';
      return value.length > max ? `must be at most ${max} characters` : null;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (f.min !== undefined && value < f.min) return `must be at least ${f.min}`;
      if (f.max !== undefined && value > f.max) return `must be at most ${f.max}`;
      return null;
    case 'choice':
      return typeof value === 'string' && (f.options ?? []).includes(value)
        ? null
        : `must be one of: ${(f.options ?? []).join(', ')}`;
    case 'attachment':
      return typeof value === 'object' && typeof value.attachmentId === 'string'
        ? null
        : 'is an attachment: upload it to /grant-applications/{id}/attachments/{key}';
  }
}

/** The size cap of an upload to a field: its own, or the largest any field takes. */
export function attachmentCap(form: FormField[], fieldKey: string): number {
  const f = form.find((x) => x.key === fieldKey);
  return f?.type === 'attachment' ? (f.maxBytes ?? MAX_GRANT_ATTACHMENT_BYTES) : MAX_GRANT_ATTACHMENT_BYTES;
}

/** Checks an upload against its field before it is stored. */
export function validateAttachment(
  form: FormField[],
  fieldKey: string,
  file: { contentType: string; size: number },
): FieldError[] {
  const f = form.find((x) => x.key === fieldKey);
  if (!f) return [{ field: 'key', message: `"${fieldKey}" is not a field of this form` }];
  if (f.type !== 'attachment') return [{ field: 'key', message: `«${f.label}» is not an attachment field` }];
  const allowed = f.allowedTypes ?? DEFAULT_ATTACHMENT_TYPES;
  const cap = attachmentCap(form, fieldKey);
  const errors: FieldError[] = [];
  if (!allowed.includes(file.contentType))
    errors.push({ field: 'file', message: `type ${file.contentType} is not allowed; allowed: ${allowed.join(', ')}` });
  if (file.size > cap) errors.push({ field: 'file', message: `is ${file.size} bytes; the cap is ${cap} bytes` });
  if (file.size === 0) errors.push({ field: 'file', message: 'is empty' });
  return errors;
}
