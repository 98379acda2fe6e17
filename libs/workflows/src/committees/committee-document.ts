import { parseDocument } from 'yaml';
import { z } from 'zod';
import { committeeCode, email as emailAddress, text } from '../schemas';
import { CommitteeDocumentError, documentPath, type DocumentFieldError } from './committee-document.error';
import {
  COMMITTEE_KINDS,
  DECISION_RULES,
  MEMBER_ROLES,
  MUNICIPAL_REGIONS,
  ORGANISATION_KINDS,
  PARTIES,
  type MembershipRole,
} from './committee.model';
import { calendarDate as date, type DocumentFormat } from './committee.schemas';

/**
 * The file format of a committee and its members (YAML or JSON), as the secretariat writes it:
 *
 * ```yaml
 * code: ASU
 * name: Administrativt samarbeidsutvalg
 * kind: asu
 * decision_rule: consensus        # default
 * parent: null                    # code of an existing committee
 * notice_days: 7                  # default
 * members:
 *   - name: Ingjerd Astad
 *     email: ingjerd.astad@trondelag-sor-vest.test
 *     organisation: { name: Trondheim kommune, kind: kommune, number: '5001', region: Trondheimsområdet }
 *     role: leder
 *     party: kommune
 *     represents: Trøndelag sør-vest
 *     vote: true
 *     from: 2024-01-01
 * ```
 * `organisation` may also be just a name, of an organisation given elsewhere in the document or imported before.
 */

/** An e-mail address as the register keys persons: trimmed, lower-case. */
const email = z
  .string()
  .trim()
  .pipe(emailAddress)
  .transform((s) => s.toLowerCase());

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of: ${values.join(', ')}` });

const organisationNumber = z
  .union([z.string(), z.number().int().nonnegative()], { error: 'must be a string of digits' })
  .transform(String)
  .pipe(z.string().regex(/^[0-9]{4}([0-9]{5})?$/, 'must be a kommunenummer (4 digits) or organisasjonsnummer (9)'));

export const organisationSchema = z.strictObject({
  name: text(200),
  kind: oneOf(ORGANISATION_KINDS).optional(),
  number: organisationNumber.nullish(),
  region: oneOf(MUNICIPAL_REGIONS).nullish(),
});
export type OrganisationInput = z.output<typeof organisationSchema>;

/** `organisation: Trondheim kommune` is short for `organisation: { name: Trondheim kommune }`. */
const organisationRef = z.preprocess((v) => (typeof v === 'string' ? { name: v } : v), organisationSchema);

const WITHOUT_VOTE: readonly MembershipRole[] = ['observatør', 'sekretariat', 'vara'];

const memberSchema = z
  .strictObject({
    name: text(200),
    email,
    title: text(200).nullish(),
    organisation: organisationRef.nullish(),
    role: oneOf(MEMBER_ROLES),
    party: oneOf(PARTIES),
    represents: text(300).nullish(),
    /** Required for leder, nestleder and medlem; observers, the secretariat and varas never have a vote of their own. */
    vote: z.boolean({ error: 'must be true or false' }).optional(),
    vara_for: email.nullish(),
    from: date,
    to: date.nullish(),
  })
  .superRefine((m, ctx) => {
    const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (WITHOUT_VOTE.includes(m.role) && m.vote) issue('vote', `a ${m.role} has no vote of their own`);
    if (!WITHOUT_VOTE.includes(m.role) && m.vote === undefined)
      issue('vote', `is required for a ${m.role} (true or false)`);
    if (m.vara_for && m.role !== 'vara') issue('vara_for', 'only a vara stands in for a member');
    if (m.vara_for && m.vara_for === m.email) issue('vara_for', 'a vara cannot stand in for themself');
    if (m.to && m.to < m.from) issue('to', `must not be before from (${m.from})`);
  });
export type MemberInput = z.output<typeof memberSchema>;

export const committeeDocumentSchema = z
  .strictObject({
    code: committeeCode,
    name: text(200),
    kind: oneOf(COMMITTEE_KINDS),
    decision_rule: oneOf(DECISION_RULES).default('consensus'),
    parent: committeeCode.nullish(),
    notice_days: z
      .number({ error: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(0, 'must be at least 0')
      .max(60, 'must be at most 60')
      .default(7),
    members: z.array(memberSchema).max(1000, 'at most 1000 members in one document').default([]),
  })
  .superRefine((doc, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (doc.parent && doc.parent === doc.code) issue(['parent'], 'a committee cannot be its own parent');

    const firstOf = new Map<string, number>();
    /** Per organisation name and field: the first member that gave it, to check the others agree. */
    const given = new Map<string, Map<'kind' | 'number' | 'region', { index: number; value: string }>>();
    doc.members.forEach((m, i) => {
      const first = firstOf.get(m.email);
      if (first === undefined) firstOf.set(m.email, i);
      else if (doc.members[first].name !== m.name)
        issue(['members', i, 'name'], `differs from members[${first}].name for the same e-mail`);
      doc.members.slice(0, i).forEach((other, j) => {
        if (other.email !== m.email) return;
        if (other.from === m.from) issue(['members', i, 'from'], `members[${j}] has the same e-mail and from`);
        else if (overlaps(other, m)) issue(['members', i, 'from'], `the period overlaps members[${j}] (same person)`);
      });

      if (m.organisation) {
        const fields = given.get(m.organisation.name) ?? new Map();
        given.set(m.organisation.name, fields);
        for (const key of ['kind', 'number', 'region'] as const) {
          const value = m.organisation[key];
          if (value == null) continue;
          const earlier = fields.get(key);
          if (!earlier) fields.set(key, { index: i, value });
          else if (earlier.value !== value)
            issue(['members', i, 'organisation', key], `differs from members[${earlier.index}].organisation.${key}`);
        }
      }
    });
    doc.members.forEach((m, i) => {
      const target = m.vara_for ? firstOf.get(m.vara_for) : undefined;
      if (target !== undefined && doc.members[target].role === 'vara')
        issue(['members', i, 'vara_for'], `members[${target}] is a vara too`);
    });
  });
export type CommitteeDocument = z.output<typeof committeeDocumentSchema>;

export const organisationsDocumentSchema = z.strictObject({
  organisations: z
    .array(organisationSchema.required({ kind: true }))
    .max(2000)
    .superRefine((list, ctx) => {
      const seen = new Map<string, number>();
      list.forEach((o, i) => {
        const first = seen.get(o.name);
        if (first !== undefined)
          ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `organisations[${first}] has the same name` });
        else seen.set(o.name, i);
      });
    }),
});
export type OrganisationsDocument = z.output<typeof organisationsDocumentSchema>;

/** Periods [from, to] (to open-ended when null) share at least one day. */
export function overlaps(a: { from: string; to?: string | null }, b: { from: string; to?: string | null }): boolean {
  return (a.to == null || b.from <= a.to) && (b.to == null || a.from <= b.to);
}

/**
 * A document as text (YAML, or JSON — which YAML also reads) or as an already parsed value.
 * Throws CommitteeDocumentError naming the line of a syntax error or the path of each invalid field.
 */
export function parseDocumentText(input: unknown, format: DocumentFormat = 'yaml'): unknown {
  if (typeof input !== 'string') return input;
  if (format === 'json') {
    try {
      return JSON.parse(input) as unknown;
    } catch (error) {
      throw new CommitteeDocumentError([
        { field: '(document)', message: `malformed JSON: ${(error as Error).message}` },
      ]);
    }
  }
  const doc = parseDocument(input, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new CommitteeDocumentError(
      doc.errors
        .slice(0, 10)
        .map((e) => ({ field: '(document)', message: `malformed YAML: ${e.message.split('\n')[0]}` })),
    );
  }
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    throw new CommitteeDocumentError([{ field: '(document)', message: `malformed YAML: ${(error as Error).message}` }]);
  }
}

export function validate<T extends z.ZodType>(schema: T, value: unknown, prefix: PropertyKey[] = []): z.output<T> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new CommitteeDocumentError(fieldErrors(parsed.error, prefix));
}

/** Zod's issues in the words of the document's author, at the paths they read. */
function fieldErrors(error: z.ZodError, prefix: PropertyKey[]): DocumentFieldError[] {
  return error.issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ field: documentPath([...path, key]), message: 'is not a known field' }));
    return [{ field: documentPath(path), message: messageOf(issue) }];
  });
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1)
    return 'must not be empty';
  if (issue.code === 'too_big' && issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
  if (issue.code === 'invalid_format' && issue.format === 'email') return 'must be an e-mail address';
  return issue.message;
}
