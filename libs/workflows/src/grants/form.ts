import { z } from 'zod';
import type { FieldError } from '@samflyt/engine';

/** The kinds of field the secretariat puts on a søknadsskjema. */
export const FIELD_TYPES = ['text', 'number', 'choice', 'attachment'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Attachment types accepted unless a field narrows them. */
export const DEFAULT_ATTACHMENT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'image/png',
  'image/jpeg',
];
/** 10 MB: the largest attachment any field takes. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const key = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a key such as "budsjett" or "malgruppe"');
const label = z.string().trim().min(1).max(300);

export const formField = z
  .strictObject({
    key,
    label,
    help: z.string().max(2_000).optional(),
    type: z.enum(FIELD_TYPES),
    required: z.boolean(),
    /** text: the longest answer in characters (default 5 000). */
    maxLength: z.int().min(1).max(50_000).optional(),
    /** number: bounds. */
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    /** choice: the options. */
    options: z.array(z.string().trim().min(1).max(200)).min(2).max(50).optional(),
    /** attachment: allowed MIME types and the size cap in bytes. */
    allowedTypes: z
      .array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/))
      .min(1)
      .max(20)
      .optional(),
    maxBytes: z.int().min(1).max(MAX_ATTACHMENT_BYTES).optional(),
  })
  .refine((f) => f.type !== 'choice' || (f.options?.length ?? 0) >= 2, {
    message: 'a choice field needs at least two options',
    path: ['options'],
  })
  .refine((f) => f.min === undefined || f.max === undefined || f.min <= f.max, {
    message: 'min must not exceed max',
    path: ['min'],
  });

export type FormField = z.output<typeof formField>;

export const formDefinition = z
  .array(formField)
  .min(1)
  .max(100)
  .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, 'field keys must be unique');

/** An attachment as an answer: what the upload stored. */
export interface AttachmentRef {
  attachmentId: string;
  filename: string;
  contentType: string;
  size: number;
}

export type Answer = string | number | AttachmentRef;
export type Answers = Record<string, Answer>;

/** Raw answers as applicants send them (attachments are uploaded separately). */
export const answersInput = z.record(z.string().max(40), z.union([z.string().max(50_000), z.number().finite()]));

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
    switch (f.type) {
      case 'text':
        if (typeof value !== 'string') errors.push({ field, message: 'must be text' });
        else if (value.length > (f.maxLength ?? 5_000))
          errors.push({ field, message: `must be at most ${f.maxLength ?? 5_000} characters` });
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) errors.push({ field, message: 'must be a number' });
        else if (f.min !== undefined && value < f.min) errors.push({ field, message: `must be at least ${f.min}` });
        else if (f.max !== undefined && value > f.max) errors.push({ field, message: `must be at most ${f.max}` });
        break;
      case 'choice':
        if (typeof value !== 'string' || !(f.options ?? []).includes(value))
          errors.push({ field, message: `must be one of: ${(f.options ?? []).join(', ')}` });
        break;
      case 'attachment':
        if (typeof value !== 'object' || typeof value.attachmentId !== 'string')
          errors.push({ field, message: 'is an attachment: upload it to /grant-applications/{id}/attachments/{key}' });
        break;
    }
  }
  return errors;
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
  const cap = f.maxBytes ?? MAX_ATTACHMENT_BYTES;
  const errors: FieldError[] = [];
  if (!allowed.includes(file.contentType))
    errors.push({ field: 'file', message: `type ${file.contentType} is not allowed; allowed: ${allowed.join(', ')}` });
  if (file.size > cap) errors.push({ field: 'file', message: `is ${file.size} bytes; the cap is ${cap} bytes` });
  if (file.size === 0) errors.push({ field: 'file', message: 'is empty' });
  return errors;
}
