import { z } from 'zod';
import { deadline, isoDuration, uuidSchema } from '@samflyt/engine';
import { caseInput } from '../cases';
import { committeeCode, email, reasonRequest, text } from '../schemas';
import { normaliseDue } from './grant-time';

/**
 * Every input rule of grants, written once: the rounds' set-up and form, the workflows' inputs and event payloads,
 * and the API's request bodies (built from the same atoms, or from the event they become).
 */

// ---- atoms ----------------------------------------------------------------------------------

const KEY = /^[a-z][a-z0-9-]{0,39}$/;
const keyLike = (examples: string) => z.string().regex(KEY, `must be a key such as ${examples}`);

/** NOK, whole kroner. */
export const amount = z.int().min(0).max(1_000_000_000);
/** A person as the workflows name them: persons.id, or the token's subject. */
const personId = text(200);
const personName = text(200);
const offsets = z
  .array(isoDuration)
  .max(10)
  .refine((a) => new Set(a).size === a.length, 'must not repeat an offset');
const unique = <T>(list: T[], keyOf: (item: T) => string) => new Set(list.map(keyOf)).size === list.length;
/** The text of a vedtak or a forslag til vedtak. */
const resolution = text(20_000);
/** An instant the API sets (ISO 8601). */
const at = text(40);
const reportKey = text(40);
const nothing = z.strictObject({});
/** A signal from another process (a case's conclusion, the round's decision): the sender's own shape. */
const signal = (shape: z.ZodRawShape = {}) => z.object(shape).passthrough();

// ---- the søknadsskjema ----------------------------------------------------------------------

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
export const MAX_GRANT_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export const formField = z
  .strictObject({
    key: keyLike('"budsjett" or "malgruppe"').meta({ example: 'malgruppe' }),
    label: text(300).meta({ example: 'Målgruppe' }),
    help: z.string().max(2_000).optional(),
    type: z.enum(FIELD_TYPES),
    required: z.boolean(),
    /** text: the longest answer in characters (default 5 000). */
    maxLength: z.int().min(1).max(50_000).optional(),
    /** number: bounds. */
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    /** choice: the options. */
    options: z.array(text(200)).min(2).max(50).optional(),
    /** attachment: allowed MIME types and the size cap in bytes. */
    allowedTypes: z
      .array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/))
      .min(1)
      .max(20)
      .optional()
      .meta({ example: ['application/pdf'] }),
    maxBytes: z.int().min(1).max(MAX_GRANT_ATTACHMENT_BYTES).optional().meta({ example: 5_000_000 }),
  })
  .refine((f) => f.type !== 'choice' || (f.options?.length ?? 0) >= 2, {
    message: 'a choice field needs at least two options',
    path: ['options'],
  })
  .refine((f) => f.min === undefined || f.max === undefined || f.min <= f.max, {
    message: 'min must not exceed max',
    path: ['min'],
  })
  .meta({ id: 'FormFieldDto' });

export type FormField = z.output<typeof formField>;

export const formDefinition = z
  .array(formField)
  .min(1)
  .max(100)
  .refine((fields) => unique(fields, (f) => f.key), 'field keys must be unique');

const answerKey = z.string().max(40);
const answerValue = z.union([z.string().max(50_000), z.number().finite()]);
const attachmentRef = z.strictObject({
  attachmentId: uuidSchema,
  filename: text(255),
  contentType: text(200),
  size: z.int().min(1),
});

/** Answers as applicants send them: text and numbers (attachments are uploaded to their field). */
export const answersInput = z.record(answerKey, answerValue).meta({ description: 'field key → text or number' });
/** Answers as the application keeps them: also the attachment references the upload writes. */
const storedAnswers = z.record(answerKey, z.union([answerValue, attachmentRef]));

// ---- a round's set-up -----------------------------------------------------------------------

export const criterionInput = z
  .strictObject({
    key: keyLike('"gevinst" or "rapport-1"').meta({ example: 'gevinst' }),
    title: text(200).meta({ example: 'Forventet gevinst' }),
    description: text(5_000),
    weight: z.number().positive().max(100).meta({ example: 3 }),
    scaleMin: z.int().min(0).max(100).meta({ example: 1 }),
    scaleMax: z.int().min(1).max(100).meta({ example: 5 }),
  })
  .refine((c) => c.scaleMin < c.scaleMax, { message: 'scaleMin must be below scaleMax', path: ['scaleMax'] })
  .meta({ id: 'CriterionDto' });

export const reportInput = z
  .strictObject({
    key: keyLike('"gevinst" or "rapport-1"').meta({ example: 'sluttrapport' }),
    title: text(200).meta({ example: 'Sluttrapport' }),
    due: z
      .string()
      .max(40)
      .refine(
        (s) => normaliseDue(s) !== null,
        'must be a date, a date-time with offset, or a duration after the letter (P6M)',
      )
      .transform((s) => normaliseDue(s)!)
      .meta({ example: 'P12M', description: 'A date, a date-time with offset, or a duration after the tilskuddsbrev' }),
  })
  .meta({ id: 'ReportRequirementDto' });

/** Everything the secretariat sets up for a call; all of it can be changed while the round is a draft. */
export const roundSettingsShape = {
  title: text(300).meta({ example: 'Rekrutterings- og samhandlingstilskudd 2025' }),
  callText: text(50_000).meta({ description: 'Utlysningstekst (Markdown)' }),
  form: formDefinition,
  criteria: z
    .array(criterionInput)
    .min(1)
    .max(20)
    .refine((a) => unique(a, (c) => c.key), 'criterion keys must be unique'),
  budget: amount.min(1).meta({ example: 5_000_000, description: 'NOK' }),
  minAmount: amount.meta({ example: 500_000 }),
  maxAmount: amount.min(1).meta({ example: 2_000_000 }),
  qualityThreshold: z.number().min(0).max(100).nullable().meta({ description: '0–100; below it nothing is funded' }),
  opensAt: deadline.meta({ example: '2025-01-15T09:00:00+01:00' }),
  closesAt: deadline.meta({ example: '2025-03-01T12:00:00+01:00' }),
  scoringDeadline: deadline.meta({ example: '2025-03-21' }),
  reviewingCommittee: committeeCode.meta({ example: 'AU-UTVIDET' }),
  decidingCommittee: committeeCode,
  appealable: z.boolean(),
  appealPeriod: isoDuration,
  letterReceivedAfterDays: z.number().int().min(0).max(14).meta({
    description:
      'When a letter counts as received, for the klagefrist (forvaltningsloven § 29): days after sending; 0 = the day it is e-mailed',
  }),
  conditions: text(20_000).meta({ description: 'Vilkår in the tilskuddsbrev' }),
  reporting: z
    .array(reportInput)
    .max(20)
    .refine((a) => unique(a, (r) => r.key), 'report keys must be unique'),
  applicantReminderOffsets: offsets,
  scorerReminderOffsets: offsets,
  reportReminderOffsets: offsets,
};

export const ROUND_DEFAULTS = {
  qualityThreshold: null,
  appealable: true,
  appealPeriod: 'P21D',
  letterReceivedAfterDays: 0,
  applicantReminderOffsets: ['P7D', 'P1D'],
  scorerReminderOffsets: ['P3D', 'P1D'],
  reportReminderOffsets: ['P14D', 'P3D'],
  reporting: [],
};

type Settings = z.output<z.ZodObject<typeof roundSettingsShape>>;

/** Rules across fields, as field errors. */
export function settingsProblems(s: Settings): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (s.minAmount > s.maxAmount) problems.push({ field: 'minAmount', message: 'must not exceed maxAmount' });
  if (s.maxAmount > s.budget) problems.push({ field: 'maxAmount', message: 'must not exceed the budget' });
  if (s.opensAt >= s.closesAt) problems.push({ field: 'closesAt', message: 'must be after opensAt' });
  if (s.closesAt >= s.scoringDeadline) problems.push({ field: 'scoringDeadline', message: 'must be after closesAt' });
  if (s.reviewingCommittee === s.decidingCommittee)
    problems.push({ field: 'decidingCommittee', message: 'the deciding committee is not the one that scores' });
  return problems;
}

/** A round's whole set-up (`POST /grant-rounds`), the defaults filled in. */
export const roundSettings = z
  .strictObject({
    ...roundSettingsShape,
    qualityThreshold: roundSettingsShape.qualityThreshold.default(ROUND_DEFAULTS.qualityThreshold),
    appealable: roundSettingsShape.appealable.default(ROUND_DEFAULTS.appealable),
    appealPeriod: roundSettingsShape.appealPeriod.default(ROUND_DEFAULTS.appealPeriod),
    letterReceivedAfterDays: roundSettingsShape.letterReceivedAfterDays.default(ROUND_DEFAULTS.letterReceivedAfterDays),
    reporting: roundSettingsShape.reporting.default(ROUND_DEFAULTS.reporting),
    applicantReminderOffsets: offsets.default(ROUND_DEFAULTS.applicantReminderOffsets),
    scorerReminderOffsets: offsets.default(ROUND_DEFAULTS.scorerReminderOffsets),
    reportReminderOffsets: offsets.default(ROUND_DEFAULTS.reportReminderOffsets),
  })
  .superRefine((s, ctx) => {
    for (const p of settingsProblems(s as Settings))
      ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  });

/** Changes to a draft's set-up (`PATCH /grant-rounds/{id}`, `round.updated`): checked as a whole after merging. */
export const roundSettingsPatch = z.strictObject(roundSettingsShape).partial();
export type RoundSettingsPatch = z.output<typeof roundSettingsPatch>;

// ---- the round's workflow -------------------------------------------------------------------

const roundPerson = z.strictObject({ id: personId, name: personName, email: email.nullable() });

export const roundInput = z.strictObject({
  roundId: uuidSchema.optional(),
  settings: roundSettings,
  createdBy: roundPerson,
});

export const approveRoundRequest = z.strictObject({ reference: text(500).meta({ example: 'ASU sak 45/24' }) });

export const scoreRequest = z.strictObject({
  applicationId: uuidSchema,
  scores: z
    .record(z.string().max(40), z.number().finite())
    .meta({ example: { gevinst: 4, forankring: 5 }, description: 'criterion key → score on its scale' }),
  comment: z.string().trim().max(10_000),
});

export const recusalRequest = z.strictObject({
  applicationId: uuidSchema,
  reason: text(2_000).meta({ example: 'Styremedlem i søkerorganisasjonen' }),
});

const rank = z.int().min(1).max(1000);
export const adjustmentRequest = z.strictObject({
  applicationId: uuidSchema,
  amount: amount.meta({ description: 'NOK; 0: not recommended' }),
  rank: rank.nullish().meta({ description: 'New place in the ranking' }),
  reason: text(5_000),
});

export const submitInnstillingRequest = z.strictObject({
  year: caseInput.shape.year.meta({ example: 2025, description: 'Year of the case number NN/YY' }),
  responsible: caseInput.shape.responsible,
});

export const recordDecisionRequest = z.strictObject({
  resolution,
  awards: z.array(z.strictObject({ applicationId: uuidSchema, amount }).meta({ id: 'AwardDto' })).max(1000),
});

/** Payloads of the round's events, besides `type`. */
export const roundEventPayloads = {
  'round.updated': z.strictObject({ settings: roundSettingsPatch }),
  'round.approved': approveRoundRequest,
  'round.opened': nothing,
  'deadline.passed': nothing,
  'review.started': z.strictObject({
    applications: z
      .array(
        z.strictObject({
          applicationId: uuidSchema,
          instanceId: uuidSchema,
          title: text(500),
          organisation: text(300),
          requested: amount,
          submittedAt: at,
        }),
      )
      .max(1000),
    scorers: z.array(z.strictObject({ personId, name: personName, email })).max(100),
  }),
  'score.recorded': scoreRequest.extend({ scorerId: personId }),
  'inhabil.declared': recusalRequest.extend({ personId, name: personName }),
  'reminder.due': z.strictObject({ offset: isoDuration }),
  'scoring.deadlinePassed': nothing,
  'scoring.closed': nothing,
  'innstilling.adjusted': adjustmentRequest.extend({
    rank: rank.nullable(),
    by: z.strictObject({ id: personId, name: personName }),
  }),
  'innstilling.submitted': z.strictObject({ caseId: uuidSchema, caseRef: text(20) }),
  'case.concluded': signal({ caseId: uuidSchema }),
  'decision.recorded': recordDecisionRequest,
  'followUp.started': nothing,
  'round.completed': nothing,
  'round.cancelled': reasonRequest,
};

// ---- the application's workflow -------------------------------------------------------------

const applicationTitle = z.string().trim().max(500);

/** Built by the grants service from the round (never typed in by the applicant). */
export const applicationInput = z.object({
  applicationId: uuidSchema,
  round: z.object({ roundId: uuidSchema, instanceId: uuidSchema, title: text(300) }).passthrough(),
  applicant: z.strictObject({ personId, name: personName, email }),
  organisation: z.strictObject({ id: uuidSchema, name: text(300) }),
  title: applicationTitle,
  requestedAmount: amount,
  answers: storedAnswers,
});

export const createApplicationRequest = z.strictObject({
  title: applicationTitle.meta({ example: 'Felles rekrutteringsteam for sykepleiere' }),
  requestedAmount: amount.meta({ example: 1_500_000 }),
  answers: answersInput.nullish(),
});

export const updateApplicationRequest = z.strictObject({
  title: applicationTitle.optional(),
  requestedAmount: amount.optional(),
  answers: answersInput.optional(),
});

export const CHECK_OUTCOMES = ['complete', 'info-requested', 'rejected'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/** A formal check's message: what is missing, or why the application is rejected. */
const CHECK_TEXT_MAX = 5_000;
const checkText = text(CHECK_TEXT_MAX);

/** What each outcome needs besides itself is checked with the time of the request (a deadline in the future). */
export const formalCheckRequest = z.strictObject({
  outcome: z.enum(CHECK_OUTCOMES),
  message: z
    .string()
    .max(CHECK_TEXT_MAX)
    .nullish()
    .meta({ description: 'info-requested: what is missing; rejected: the reason' }),
  deadline: z.string().max(40).nullish().meta({ description: 'info-requested: the deadline' }),
});

export const provideInfoRequest = z.strictObject({ message: text(10_000), answers: answersInput.optional() });

export const appealRequest = z.strictObject({
  text: text(20_000).meta({ description: 'The klage: what is appealed, the change wanted, and why' }),
});

export const appealDecisionRequest = z.strictObject({ upheld: z.boolean(), amount, resolution });

export const appealCaseRequest = z.strictObject({
  year: caseInput.shape.year.meta({ example: 2025 }),
  upheld: z.boolean().meta({ description: 'Proposed: the klage is upheld' }),
  amount: amount.meta({ description: 'Proposed amount when upheld (NOK)' }),
  resolution: resolution.meta({ description: 'Forslag til vedtak' }),
});

export const reportRequest = z.strictObject({ text: text(50_000) });

/** Payloads of the application's events, besides `type`. */
export const applicationEventPayloads = {
  'application.updated': updateApplicationRequest.extend({ answers: storedAnswers.optional() }),
  'application.submitted': nothing,
  'application.withdrawn': reasonRequest,
  'reminder.due': z.strictObject({ offset: isoDuration }),
  'deadline.passed': nothing,
  'check.completed': nothing,
  'check.infoRequested': z.strictObject({ message: checkText, deadline }),
  'check.rejected': z.strictObject({ reason: checkText }),
  'info.provided': provideInfoRequest.extend({ answers: storedAnswers.optional() }),
  'info.reminderDue': z.strictObject({ offset: isoDuration }),
  'info.deadlinePassed': nothing,
  'review.started': nothing,
  'decision.made': signal(),
  'appeal.registered': appealRequest.extend({ at }),
  'appealWindow.passed': nothing,
  'appeal.caseCreated': appealDecisionRequest.extend({ caseId: uuidSchema, caseRef: text(20) }),
  'case.concluded': signal({ caseId: uuidSchema }),
  'appeal.decided': appealDecisionRequest.extend({ at }),
  'report.submitted': reportRequest.extend({ key: reportKey, at }),
  'report.accepted': z.strictObject({ key: reportKey }),
  'report.reminderDue': z.strictObject({ key: reportKey, offset: isoDuration }),
  'report.overdue': z.strictObject({ key: reportKey }),
  'round.cancelled': z.strictObject({ reason: z.string().max(2_000) }),
};
