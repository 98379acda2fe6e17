import { z } from 'zod';

const isCalendarDate = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** A day (`2024-04-17`): memberships are valid from and to a calendar day in Norway. */
export const calendarDate = z
  .string({ error: 'must be a date YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, 'is not a calendar date');

/** `?at=2024-04-17`: the day the memberships are read for; today (Oslo) when absent or empty. */
export const committeeQuery = z.strictObject({
  at: z
    .preprocess((v) => (v === '' ? undefined : v), calendarDate.optional())
    .meta({
      example: '2024-04-17',
      description: 'The date (YYYY-MM-DD) the memberships are valid on; today (Oslo) by default',
    }),
});

export const DOCUMENT_FORMATS = ['yaml', 'json'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** A committee document sent as text, with its format. */
export const importEnvelope = z.strictObject({
  format: z.enum(DOCUMENT_FORMATS, { error: 'must be yaml or json' }).meta({ example: 'yaml' }),
  document: z
    .string({ error: 'must be the document as a string' })
    .min(1, 'must not be empty')
    .meta({
      example:
        'code: AU\nname: Arbeidsutvalget\nkind: au\nparent: ASU\nmembers:\n  - name: Ingjerd Astad\n' +
        '    email: ingjerd.astad@trondelag-sor-vest.test\n    role: leder\n    party: kommune\n' +
        '    represents: Trøndelag sør-vest\n    vote: true\n    from: 2024-01-01\n',
      description: 'The committee document as text',
    }),
});
