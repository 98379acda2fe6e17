import { z } from 'zod';
import { text } from '../schemas';
import { hasRole, type Actor, deadline, isoDuration, type WorkflowDefinition } from '@samflyt/engine';
import { GENERAL_QUESTION, hearingMachine, type HearingContext } from './hearing.machine';
import { projectHearing } from './hearing.projection';
import { hearingTemplates } from './hearing.templates';

/**
 * People act on hearings only through the hearings API, which adds this role: it resolves
 * organisations and contact persons, checks a recipient's personal link, and decides lateness;
 * and the generic instances endpoint would show the context, whose link key signs the links.
 */
export const HEARINGS_API_ROLE = 'internal:hearings-api';

export const DEFAULT_HEARING_REMINDER_OFFSETS = ['P14D', 'P3D'];

const uuid = z.uuid();
const uniqueBy = <T>(key: (t: T) => string, message: string) =>
  [(a: T[]) => new Set(a.map(key)).size === a.length, message] as const;

export const hearingQuestion = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1-40 lower-case letters, digits and dashes'),
  text: text(2_000),
});

const questions = z
  .array(hearingQuestion)
  .max(50)
  .refine(...uniqueBy((q: { id: string }) => q.id, 'must not repeat a question id'))
  .refine((a) => a.every((q) => q.id !== GENERAL_QUESTION), `"${GENERAL_QUESTION}" is reserved for the whole answer`);

const contact = z.strictObject({ id: uuid, name: text(200), email: z.email().max(320) });

const recipients = z
  .array(
    z.strictObject({
      organisationId: uuid,
      name: text(300),
      contacts: z
        .array(contact)
        .max(20)
        .refine(...uniqueBy((p: { email: string }) => p.email.toLowerCase(), 'must not repeat an e-mail address')),
    }),
  )
  .max(200)
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
  title: text(500),
  origin: z.string().trim().max(500).nullable(),
  proposal: text(100_000),
  attachments,
  questions,
  recipients,
  deadline: deadline.nullable(),
  reminderOffsets,
  acceptLateAnswers: z.boolean(),
  links: z.strictObject({ answer: url, attachments: url }),
  linkKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 random bytes, base64url'),
  owner: z.strictObject({ id: text(200), name: text(200), email: z.email().max(320).nullable() }),
});

const viaApi = (actor: Actor) => hasRole(actor, HEARINGS_API_ROLE);
const isSecretariat = (actor: Actor) => viaApi(actor) && hasRole(actor, 'secretariat');
const isRecipientOrSecretariat = (actor: Actor) => viaApi(actor) && hasRole(actor, 'secretariat', 'hearing-recipient');

export const hearingWorkflow: WorkflowDefinition<HearingContext> = {
  name: 'hearing',
  version: 1,
  title: 'Høring: høringsnotat, høringsinstanser, høringssvar og sammendrag',
  machine: hearingMachine,
  input: hearingInput,
  canStart: isSecretariat,
  // The context holds the link key: the raw instance is for the secretariat; others read GET /hearings/{id}.
  canRead: (actor) => hasRole(actor, 'secretariat', 'admin'),
  events: {
    'hearing.updated': {
      description: 'The secretariat edits the draft: title, proposal, attachments, questions, recipients, deadline.',
      schema: z.strictObject({
        title: text(500).optional(),
        origin: z.string().trim().max(500).nullable().optional(),
        proposal: text(100_000).optional(),
        attachments: attachments.optional(),
        questions: questions.optional(),
        recipients: recipients.optional(),
        deadline: deadline.nullable().optional(),
        reminderOffsets: reminderOffsets.optional(),
        acceptLateAnswers: z.boolean().optional(),
      }),
      allow: isSecretariat,
    },
    'hearing.sent': {
      description: 'Sent to every recipient: needs a deadline in the future and a contact person per recipient.',
      schema: z.strictObject({}),
      allow: isSecretariat,
    },
    'answer.submitted': {
      description: 'A høringssvar, new or changed, alone or jointly (coSigners); every version is kept.',
      schema: z.strictObject({
        answerId: uuid,
        organisationId: uuid,
        coSigners: z.array(uuid).max(200),
        version: z.int().min(1).max(1_000),
        late: z.boolean(),
        text: z.string().max(100_000),
        questionAnswers: z
          .array(z.strictObject({ questionId: z.string().max(40), text: z.string().max(50_000) }))
          .max(50),
        attachmentIds: z.array(uuid).max(20),
      }),
      allow: isRecipientOrSecretariat,
    },
    'signature.withdrawn': {
      description:
        'A co-signer withdraws its signature from a joint answer (a new version without it); the lead is told.',
      schema: z.strictObject({
        answerId: uuid,
        organisationId: uuid,
        version: z.int().min(2).max(1_000),
        reason: z.string().trim().max(2_000).nullable(),
      }),
      allow: isRecipientOrSecretariat,
    },
    'answer.withheld': {
      description: 'An answer is withheld from publication (unntatt offentlighet), with a reason.',
      schema: z.strictObject({ answerId: uuid, reason: text(2_000) }),
      allow: isSecretariat,
    },
    'answer.released': {
      description: 'A withheld answer is published after all.',
      schema: z.strictObject({ answerId: uuid }),
      allow: isSecretariat,
    },
    'extension.granted': {
      description: 'Utsatt frist for one recipient: moves its deadline and its reminders.',
      schema: z.strictObject({ organisationId: uuid, deadline, reason: text(2_000) }),
      allow: isSecretariat,
    },
    'lateAnswers.closed': {
      description: 'No more answers after a recipient’s deadline.',
      schema: z.strictObject({}),
      allow: isSecretariat,
    },
    'lateAnswers.reopened': {
      description: 'Late answers are accepted again (marked late).',
      schema: z.strictObject({}),
      allow: isSecretariat,
    },
    'reminder.due': {
      description: 'Timer: a reminder to one recipient that has not answered, before its own deadline.',
      schema: z.strictObject({ organisationId: uuid, offset: isoDuration, deadline: z.string().max(40) }),
    },
    'deadline.passed': {
      description: 'Timer: the høringsfrist; the hearing closes.',
      schema: z.strictObject({}),
    },
    'summary.started': {
      description: 'The secretariat starts the sammendrag.',
      schema: z.strictObject({}),
      allow: isSecretariat,
    },
    'summary.textRecorded': {
      description: `The secretariat's summary of the answers to one question ("${GENERAL_QUESTION}": the whole).`,
      schema: z.strictObject({ questionId: z.string().max(40), text: text(50_000) }),
      allow: isSecretariat,
    },
    'hearing.presented': {
      description: 'The sammendrag goes to the owning committee as a case (POST /hearings/{id}/present does both).',
      schema: z.strictObject({ caseId: uuid, caseRef: text(20), meetingId: uuid.nullable() }),
      allow: isSecretariat,
    },
    'hearing.concluded': {
      description: 'The hearing is concluded (the committee has dealt with it).',
      schema: z.strictObject({ conclusion: text(20_000) }),
      allow: isSecretariat,
    },
    'hearing.withdrawn': {
      description: 'Withdrawn, with a reason; recipients of a sent hearing are told.',
      schema: z.strictObject({ reason: text(2_000) }),
      allow: isSecretariat,
    },
  },
  project: projectHearing,
  summary: (c) => ({ title: c.title, caseRef: c.presentation?.caseRef ?? null, responsible: null }),
  deadlineTimers: ['deadline'],
  templates: hearingTemplates,
};
