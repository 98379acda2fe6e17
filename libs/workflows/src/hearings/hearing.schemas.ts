import { deadline, isoDuration, uuidSchema as uuid } from '@samflyt/engine';
import { z } from 'zod';
import { committeeCode, email, reason, text } from '../schemas';
import { GENERAL_QUESTION } from './hearing.model';

/**
 * Every input rule of a hearing, once: the workflow's input and event payloads and the hearings API's request bodies
 * are built from these.
 */

const QUESTION_ID_LENGTH = 40;

const uniqueBy = <T>(key: (t: T) => string, message: string) =>
  [(a: T[]) => new Set(a.map(key)).size === a.length, message] as const;

/** A question's id: what answers and summary texts refer to it by. */
export const questionId = z
  .string()
  .regex(
    new RegExp(`^[a-z0-9][a-z0-9-]{0,${QUESTION_ID_LENGTH - 1}}$`),
    `must be 1-${QUESTION_ID_LENGTH} lower-case letters, digits and dashes`,
  );

/** A reference to a question in an answer or a summary text; the hearing's questions say whether it is one. */
const questionRef = z.string().max(QUESTION_ID_LENGTH);

const questionText = text(2_000).meta({
  example: 'Gir strukturen tilstrekkelig plass til forebygging og rehabilitering?',
});

export const hearingQuestion = z.strictObject({ id: questionId, text: questionText });

const questions = z
  .array(hearingQuestion)
  .max(50)
  .refine(...uniqueBy((q: { id: string }) => q.id, 'must not repeat a question id'))
  .refine((a) => a.every((q) => q.id !== GENERAL_QUESTION), `"${GENERAL_QUESTION}" is reserved for the whole answer`);

const title = text(500);
const origin = z.string().trim().max(500).nullable();
const proposal = text(100_000);
const contactName = text(200);
const MAX_CONTACTS = 20;
const MAX_RECIPIENTS = 200;
const MAX_QUESTIONS = 50;

const contact = z.strictObject({ id: uuid, name: contactName, email });

const recipients = z
  .array(
    z.strictObject({
      organisationId: uuid,
      name: text(300),
      contacts: z
        .array(contact)
        .max(MAX_CONTACTS)
        .refine(...uniqueBy((p: { email: string }) => p.email.toLowerCase(), 'must not repeat an e-mail address')),
    }),
  )
  .max(MAX_RECIPIENTS)
  .refine(...uniqueBy((r: { organisationId: string }) => r.organisationId, 'must not repeat an organisation'));

const attachments = z
  .array(z.strictObject({ id: uuid, filename: text(255), mediaType: text(200), size: z.int().min(0) }))
  .max(50);

const reminderOffsets = z
  .array(isoDuration)
  .max(10)
  .refine((a) => new Set(a).size === a.length, 'must not repeat an offset');

const url = z.url({ protocol: /^https?$/ }).max(500);

export const hearingInput = z.strictObject({
  hearingId: uuid,
  committee: z.strictObject({ code: text(30), name: text(300) }),
  title,
  origin,
  proposal,
  attachments,
  questions,
  recipients,
  deadline: deadline.nullable(),
  reminderOffsets,
  acceptLateAnswers: z.boolean(),
  links: z.strictObject({ answer: url, attachments: url }),
  linkKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 random bytes, base64url'),
  owner: z.strictObject({ id: text(200), name: text(200), email: email.nullable() }),
});

const answerText = z.string().max(100_000);
const questionAnswers = z
  .array(z.strictObject({ questionId: questionRef.meta({ example: 'q1' }), text: z.string().max(50_000) }))
  .max(MAX_QUESTIONS);
const coSigners = z.array(uuid).max(MAX_RECIPIENTS);
const answerAttachmentIds = z.array(uuid).max(20);
const summaryText = text(50_000);
const conclusion = text(20_000);
const withdrawalReason = z.string().trim().max(2_000).nullable();

/** The payload of each hearing event (besides `type`). */
export const hearingEvents = {
  'hearing.updated': z.strictObject({
    title: title.optional(),
    origin: origin.optional(),
    proposal: proposal.optional(),
    attachments: attachments.optional(),
    questions: questions.optional(),
    recipients: recipients.optional(),
    deadline: deadline.nullable().optional(),
    reminderOffsets: reminderOffsets.optional(),
    acceptLateAnswers: z.boolean().optional(),
  }),
  'hearing.sent': z.strictObject({}),
  'answer.submitted': z.strictObject({
    answerId: uuid,
    organisationId: uuid,
    coSigners,
    pendingCoSigners: coSigners.optional(),
    version: z.int().min(1).max(1_000),
    late: z.boolean(),
    text: answerText,
    questionAnswers,
    attachmentIds: answerAttachmentIds,
  }),
  'signature.withdrawn': z.strictObject({
    answerId: uuid,
    organisationId: uuid,
    version: z.int().min(2).max(1_000),
    reason: withdrawalReason,
  }),
  'coSignature.confirmed': z.strictObject({ answerId: uuid, organisationId: uuid, version: z.int().min(2).max(1_000) }),
  'answer.withheld': z.strictObject({ answerId: uuid, reason }),
  'answer.released': z.strictObject({ answerId: uuid }),
  'extension.granted': z.strictObject({ organisationId: uuid, deadline, reason }),
  'lateAnswers.closed': z.strictObject({}),
  'lateAnswers.reopened': z.strictObject({}),
  'reminder.due': z.strictObject({ organisationId: uuid, offset: isoDuration, deadline: z.string().max(40) }),
  'link.reissued': z.strictObject({ organisationId: uuid }),
  'deadline.passed': z.strictObject({}),
  'summary.started': z.strictObject({}),
  'summary.textRecorded': z.strictObject({ questionId: questionRef, text: summaryText }),
  'hearing.presented': z.strictObject({ caseId: uuid, caseRef: text(20), meetingId: uuid.nullable() }),
  'hearing.concluded': z.strictObject({ conclusion }),
  'hearing.withdrawn': z.strictObject({ reason }),
};

// ---- the hearings API's requests ------------------------------------------------------------------

const questionRequest = z
  .strictObject({
    id: questionId.optional().meta({ example: 'q1', description: 'Stable id (a-z, 0-9, -); q1, q2 … when left out' }),
    text: questionText,
  })
  .meta({ id: 'QuestionRequestDto' });

const recipientRequest = z
  .strictObject({
    organisationId: uuid.meta({ description: 'An organisation (GET /organisations)' }),
    contactIds: z
      .array(uuid)
      .max(MAX_CONTACTS)
      .optional()
      .meta({ description: "A subset of the organisation's contact persons; all of them when left out" }),
  })
  .meta({ id: 'RecipientRequestDto' });

const draftFields = {
  title: title.meta({ example: 'Høring: ny fagrådsstruktur' }),
  proposal: proposal.meta({ description: 'The høringsnotat as text (Markdown allowed)' }),
  origin: origin.optional().meta({ example: 'ASU sak 12/24, vedtak 3' }),
  questions: z
    .array(questionRequest)
    .max(MAX_QUESTIONS)
    .optional()
    .meta({ description: 'Questions the recipients are asked to answer' }),
  recipients: z.array(recipientRequest).max(MAX_RECIPIENTS).optional().meta({ description: 'The høringsinstanser' }),
  deadline: deadline.nullable().optional().meta({
    example: '2024-06-01',
    description: 'Høringsfrist: a date (end of that day in Oslo) or a date-time with offset',
  }),
  reminderOffsets: reminderOffsets.optional().meta({
    example: ['P14D', 'P3D'],
    description:
      'Reminders this long before each recipient’s deadline to those who have not answered (default P14D, P3D)',
  }),
  acceptLateAnswers: z
    .boolean()
    .optional()
    .meta({ description: 'Accept answers after the deadline, marked late (default true)' }),
};

/** `PUT /hearings/{id}`: the fields given replace the draft's. */
export const hearingDraftRequest = z.strictObject({
  ...draftFields,
  title: draftFields.title.optional(),
  proposal: draftFields.proposal.optional(),
});
export type HearingDraftRequest = z.output<typeof hearingDraftRequest>;

/** `POST /hearings`: a new draft. */
export const createHearingRequest = z.strictObject({
  committeeCode: committeeCode.meta({ description: 'The owning committee: the sammendrag goes on its agenda' }),
  ...draftFields,
  answerPageUrl: z
    .string()
    .regex(/^https?:\/\/[^\s#]{1,490}$/, 'must be an http(s) URL without a fragment')
    .optional()
    .meta({
      example: 'https://samflyt.example/hoering/svar',
      description: 'The answer page of the web app; the personal token follows in the fragment (#token=…)',
    }),
});
export type CreateHearingRequest = z.output<typeof createHearingRequest>;

export const extensionRequest = z.strictObject({
  deadline: deadline.meta({
    example: '2024-06-15',
    description: 'The recipient’s new deadline, later than its current one',
  }),
  reason: reason.meta({ example: 'Kommunestyret behandler svaret 12. juni' }),
});

export const lateAnswersRequest = z.strictObject({
  accept: z
    .boolean()
    .meta({ description: 'false: no more answers after a recipient’s deadline; true: accepted, marked late' }),
});

export const withdrawSignatureRequest = z.strictObject({
  reason: withdrawalReason
    .optional()
    .meta({ example: 'Kommunestyret vedtok et eget høringssvar', description: 'Told to the lead' }),
});

export const conclusionRequest = z.strictObject({
  conclusion: conclusion.meta({ example: 'ASU vedtok ny fagrådsstruktur i sak 45/24.' }),
});

export const summaryTextRequest = z.strictObject({
  text: summaryText.meta({ description: 'The secretariat’s summary of the answers to this question' }),
});

export const presentRequest = z.strictObject({
  meetingId: uuid.optional().meta({ description: 'A meeting of the owning committee: the case goes on its agenda' }),
  title: text(500)
    .optional()
    .meta({ description: 'The case title; «Høring: … – sammendrag av høringssvar» by default' }),
  proposedResolution: text(20_000)
    .optional()
    .meta({ description: 'Forslag til vedtak; «… tar sammendraget av høringssvarene til orientering.»' }),
});
export type PresentRequest = z.output<typeof presentRequest>;

const answerFields = {
  text: answerText.optional().meta({ description: 'The answer as a whole (free text)' }),
  answers: questionAnswers.optional().meta({ description: 'Answers per question of the hearing' }),
  coSigners: coSigners.optional().meta({
    description: 'Other recipients of the hearing that sign this answer jointly (a joint answer counts for each)',
  }),
  attachmentIds: answerAttachmentIds.optional().meta({ description: 'Files uploaded for this answer first' }),
};

/** An answer through a personal link: the organisation is the link's. */
export const answerRequest = z.strictObject(answerFields);
export type AnswerRequest = z.output<typeof answerRequest>;

/** An answer the secretariat registers for a recipient (it came by letter or e-mail). */
export const registerAnswerRequest = z.strictObject({
  ...answerFields,
  organisationId: uuid.meta({ description: 'The recipient whose answer came by letter or e-mail' }),
});

/** A contact person of an organisation. */
export const contactRequest = z.strictObject({
  name: contactName.meta({ example: 'Postmottak Malvik kommune' }),
  email: email.meta({ example: 'postmottak@malvik.kommune.example' }),
  title: z.string().trim().max(300).nullable().optional().meta({ example: 'Kommunalsjef helse og velferd' }),
});
export type ContactRequest = z.output<typeof contactRequest>;
