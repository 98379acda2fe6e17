import { actsVia, hasRole, type Actor, type WorkflowDefinition } from '@samflyt/engine';
import { mayReadCommittee } from '../committees/committee-access';
import { hearingMachine } from './hearing.machine';
import { GENERAL_QUESTION, type HearingContext } from './hearing.model';
import { hearingEvents as schemas, hearingInput } from './hearing.schemas';
import { hearingTemplates } from './hearing.templates';

/**
 * People act on hearings only through the hearings API, which sets `via` to this: it resolves
 * organisations and contact persons, checks a recipient's personal link, and decides lateness.
 * The generic instances endpoint shows the context without its link key (`readableContext`).
 */
export const HEARINGS_API_VIA = 'hearings-api';

/** The role a recipient's personal link gives: `hearing-recipient:<hearingId>:<organisationId>`. */
export const recipientRole = (hearingId: string, organisationId: string): string =>
  `hearing-recipient:${hearingId}:${organisationId}`;

/** The personal-link roles of an actor: a link acts for its own organisation only; the secretariat has none. */
export const linkRolesOf = (actor: Actor): string[] => actor.roles.filter((r) => r.startsWith('hearing-recipient:'));

export const DEFAULT_HEARING_REMINDER_OFFSETS = ['P14D', 'P3D'];

const viaApi = (actor: Actor) => actsVia(actor, HEARINGS_API_VIA);
const isSecretariat = (actor: Actor) => viaApi(actor) && hasRole(actor, 'secretariat');
const isRecipientOrSecretariat = (actor: Actor) => viaApi(actor) && hasRole(actor, 'secretariat', 'hearing-recipient');

export const hearingWorkflow: WorkflowDefinition<HearingContext> = {
  name: 'hearing',
  version: 1,
  title: 'Høring: høringsnotat, høringsinstanser, høringssvar og sammendrag',
  machine: hearingMachine,
  input: hearingInput,
  canStart: isSecretariat,
  // As GET /hearings/{id}: the secretariat, operations and the owning committee. A draft is no one else's business.
  canRead: (actor, c) => mayReadCommittee(actor, c.committee.code),
  hiddenFrom: (_actor, _c, state) => state === 'draft',
  // The link key signs every recipient's personal link: it never leaves the server.
  readableContext: ({ linkKey: _, ...rest }) => rest,
  events: {
    'hearing.updated': {
      description: 'The secretariat edits the draft: title, proposal, attachments, questions, recipients, deadline.',
      schema: schemas['hearing.updated'],
      allow: isSecretariat,
    },
    'hearing.sent': {
      description: 'Sent to every recipient: needs a deadline in the future and a contact person per recipient.',
      schema: schemas['hearing.sent'],
      allow: isSecretariat,
    },
    'answer.submitted': {
      description: 'A høringssvar, new or changed, alone or jointly (coSigners); every version is kept.',
      schema: schemas['answer.submitted'],
      allow: isRecipientOrSecretariat,
    },
    'signature.withdrawn': {
      description:
        'A co-signer withdraws its signature from a joint answer (a new version without it); the lead is told.',
      schema: schemas['signature.withdrawn'],
      allow: isRecipientOrSecretariat,
    },
    'coSignature.confirmed': {
      description:
        'A recipient named as co-signer confirms through its own link (a new version with it signing); until then the ' +
        'joint answer does not count as its answer.',
      schema: schemas['coSignature.confirmed'],
      allow: isRecipientOrSecretariat,
    },
    'answer.withheld': {
      description: 'An answer is withheld from publication (unntatt offentlighet), with a reason.',
      schema: schemas['answer.withheld'],
      allow: isSecretariat,
    },
    'answer.released': {
      description: 'A withheld answer is published after all.',
      schema: schemas['answer.released'],
      allow: isSecretariat,
    },
    'extension.granted': {
      description: 'Utsatt frist for one recipient: moves its deadline and its reminders.',
      schema: schemas['extension.granted'],
      allow: isSecretariat,
    },
    'lateAnswers.closed': {
      description: 'No more answers after a recipient’s deadline.',
      schema: schemas['lateAnswers.closed'],
      allow: isSecretariat,
    },
    'lateAnswers.reopened': {
      description: 'Late answers are accepted again (marked late).',
      schema: schemas['lateAnswers.reopened'],
      allow: isSecretariat,
    },
    'reminder.due': {
      description: 'Timer: a reminder to one recipient that has not answered, before its own deadline.',
      schema: schemas['reminder.due'],
    },
    'link.reissued': {
      description:
        'The secretariat re-issues one recipient’s personal link: links sent before stop working; its contacts get the new one.',
      schema: schemas['link.reissued'],
      allow: isSecretariat,
    },
    'deadline.passed': {
      description: 'Timer: the høringsfrist; the hearing closes.',
      schema: schemas['deadline.passed'],
    },
    'summary.started': {
      description: 'The secretariat starts the sammendrag.',
      schema: schemas['summary.started'],
      allow: isSecretariat,
    },
    'summary.textRecorded': {
      description: `The secretariat's summary of the answers to one question ("${GENERAL_QUESTION}": the whole).`,
      schema: schemas['summary.textRecorded'],
      allow: isSecretariat,
    },
    'hearing.presented': {
      description: 'The sammendrag goes to the owning committee as a case (POST /hearings/{id}/present does both).',
      schema: schemas['hearing.presented'],
      allow: isSecretariat,
    },
    'hearing.concluded': {
      description: 'The hearing is concluded (the committee has dealt with it).',
      schema: schemas['hearing.concluded'],
      allow: isSecretariat,
    },
    'hearing.withdrawn': {
      description: 'Withdrawn, with a reason; recipients of a sent hearing are told.',
      schema: schemas['hearing.withdrawn'],
      allow: isSecretariat,
    },
  },
  summary: (c) => ({ title: c.title, caseRef: c.presentation?.caseRef ?? null, responsible: null }),
  deadlineTimers: ['deadline'],
  templates: hearingTemplates,
};
