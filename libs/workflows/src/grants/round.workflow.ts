import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { hasRole, type Actor, type WorkflowDefinition } from '@samflyt/engine';
import { committeeMember, grantsSecretariat } from './grants-api';
import { roundEventPayloads as payload, roundInput } from './grants.schemas';
import { roundTemplates } from './grants.templates';
import { roundMachine } from './round.machine';
import type { RoundContext, RoundInput } from './round.model';

const secretariatOrAu = (actor: Actor, c: RoundContext) =>
  grantsSecretariat(actor) || committeeMember(actor, c.reviewingCommittee);

export const roundWorkflow: WorkflowDefinition<RoundContext> = {
  name: 'grant-round',
  version: 1,
  title: 'Utlysning av tilskudd: utlysning, søknader, vurdering, innstilling, vedtak, oppfølging',
  machine: roundMachine,
  input: roundInput,
  prepareInput: (input: z.output<typeof roundInput>): RoundInput => ({
    roundId: input.roundId ?? randomUUID(),
    createdBy: input.createdBy,
    ...input.settings,
  }),
  canStart: grantsSecretariat,
  canRead: (actor, c) => hasRole(actor, 'secretariat', 'admin', `committee:${c.reviewingCommittee}`),
  events: {
    'round.updated': {
      description: 'The secretariat changes the set-up of a draft round.',
      schema: payload['round.updated'],
      allow: grantsSecretariat,
    },
    'round.approved': {
      description: 'ASU has approved the call (reference: the case or decision), it opens at opensAt.',
      schema: payload['round.approved'],
      allow: grantsSecretariat,
    },
    'round.opened': {
      description: 'Timer at opensAt, or the secretariat opens early.',
      schema: payload['round.opened'],
      allow: grantsSecretariat,
    },
    'deadline.passed': {
      description: 'Timer: the closing time; no more submissions.',
      schema: payload['deadline.passed'],
    },
    'review.started': {
      description: 'The secretariat starts scoring; applications and scorers are derived by the API.',
      schema: payload['review.started'],
      allow: grantsSecretariat,
    },
    'score.recorded': {
      description: 'An AU member scores an application on every criterion, with a comment.',
      schema: payload['score.recorded'],
      allow: (actor, c) => committeeMember(actor, c.reviewingCommittee),
    },
    'inhabil.declared': {
      description: 'An AU member declares themself inhabil for an application (forvaltningsloven § 6).',
      schema: payload['inhabil.declared'],
      allow: secretariatOrAu,
    },
    'reminder.due': {
      description: 'Timer: reminder to scorers with missing scores.',
      schema: payload['reminder.due'],
    },
    'scoring.deadlinePassed': {
      description: 'Timer: the scoring deadline; ranking with the scores there are.',
      schema: payload['scoring.deadlinePassed'],
    },
    'scoring.closed': {
      description: 'The secretariat closes scoring early when everyone has scored.',
      schema: payload['scoring.closed'],
      allow: grantsSecretariat,
    },
    'innstilling.adjusted': {
      description: 'AU changes an amount (0: not recommended) or a place in the ranking, with a written reason.',
      schema: payload['innstilling.adjusted'],
      allow: secretariatOrAu,
    },
    'innstilling.submitted': {
      description: 'The innstilling goes to the deciding committee as a case (created by the API).',
      schema: payload['innstilling.submitted'],
      allow: grantsSecretariat,
    },
    'case.concluded': {
      description: 'Signal: the decision case was decided or withdrawn.',
      schema: payload['case.concluded'],
    },
    'decision.recorded': {
      description: 'The secretariat records a vedtak that departs from the innstilling: the awards as decided.',
      schema: payload['decision.recorded'],
      allow: grantsSecretariat,
    },
    'followUp.started': {
      description: 'Letters are out; the round follows up funded projects.',
      schema: payload['followUp.started'],
      allow: grantsSecretariat,
    },
    'round.completed': {
      description: 'Every project has reported; the round is closed.',
      schema: payload['round.completed'],
      allow: grantsSecretariat,
    },
    'round.cancelled': {
      description: 'Cancelled with a reason, from any state before the decision.',
      schema: payload['round.cancelled'],
      allow: grantsSecretariat,
    },
  },
  summary: (c) => ({ title: c.title, caseRef: c.decisionCase?.ref ?? null, responsible: null }),
  deadlineTimers: ['closes', 'scoring-deadline'],
  templates: roundTemplates,
};
