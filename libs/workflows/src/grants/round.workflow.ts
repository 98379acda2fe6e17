import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { text } from '../schemas';
import {
  hasRole,
  type Actor,
  isoDuration,
  norwegianDateTime,
  norwegianDuration,
  type RenderedMessage,
  type WorkflowDefinition,
} from '@samflyt/engine';
import { kroner, totalOf } from './allocation';
import { committeeMember, grantsSecretariat } from './grants-api';
import { projectRound } from './round.projection';
import { roundSettings, roundSettingsPatch } from './round.schema';
import { innstillingOf, missingFor, roundMachine, type RoundContext, type RoundInput } from './round.machine';

const id = text(200);
const person = z.strictObject({ id, name: text(200), email: z.email().max(320).nullable() });

export const roundInput = z.strictObject({ roundId: z.uuid().optional(), settings: roundSettings, createdBy: person });

const secretariatOrAu = (actor: Actor, c: RoundContext) =>
  grantsSecretariat(actor) || committeeMember(actor, c.reviewingCommittee);

const signature =
  '\n\nVennlig hilsen\nsekretariatet for helsefellesskapet\n\n(Denne e-posten er sendt automatisk fra samflyt.)';
const mail = (subject: string, body: string): RenderedMessage => ({ subject, text: `${body}${signature}` });
const hello = (d: Record<string, unknown>) => {
  const name = (d.recipient as { name?: string } | undefined)?.name;
  return name ? `Hei ${name},\n\n` : '';
};
const personIdOf = (c: RoundContext, d: Record<string, unknown>) =>
  c.scorers.find((s) => s.email === (d.recipient as { email?: string } | undefined)?.email)?.personId ?? '';

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
      schema: z.strictObject({ settings: roundSettingsPatch }),
      allow: grantsSecretariat,
    },
    'round.approved': {
      description: 'ASU has approved the call (reference: the case or decision), it opens at opensAt.',
      schema: z.strictObject({ reference: text(500) }),
      allow: grantsSecretariat,
    },
    'round.opened': {
      description: 'Timer at opensAt, or the secretariat opens early.',
      schema: z.strictObject({}),
      allow: grantsSecretariat,
    },
    'deadline.passed': { description: 'Timer: the closing time; no more submissions.', schema: z.strictObject({}) },
    'review.started': {
      description: 'The secretariat starts scoring; applications and scorers are derived by the API.',
      schema: z.strictObject({
        applications: z
          .array(
            z.strictObject({
              applicationId: z.uuid(),
              instanceId: z.uuid(),
              title: text(500),
              organisation: text(300),
              requested: z.int().min(0),
              submittedAt: text(40),
            }),
          )
          .max(1000),
        scorers: z.array(z.strictObject({ personId: id, name: text(200), email: z.email() })).max(100),
      }),
      allow: grantsSecretariat,
    },
    'score.recorded': {
      description: 'An AU member scores an application on every criterion, with a comment.',
      schema: z.strictObject({
        applicationId: z.uuid(),
        scorerId: id,
        scores: z.record(z.string().max(40), z.number().finite()),
        comment: z.string().trim().max(10_000),
      }),
      allow: (actor, c) => committeeMember(actor, c.reviewingCommittee),
    },
    'inhabil.declared': {
      description: 'An AU member declares themself inhabil for an application (forvaltningsloven § 6).',
      schema: z.strictObject({ applicationId: z.uuid(), personId: id, name: text(200), reason: text(2_000) }),
      allow: secretariatOrAu,
    },
    'reminder.due': {
      description: 'Timer: reminder to scorers with missing scores.',
      schema: z.strictObject({ offset: isoDuration }),
    },
    'scoring.deadlinePassed': {
      description: 'Timer: the scoring deadline; ranking with the scores there are.',
      schema: z.strictObject({}),
    },
    'scoring.closed': {
      description: 'The secretariat closes scoring early when everyone has scored.',
      schema: z.strictObject({}),
      allow: grantsSecretariat,
    },
    'innstilling.adjusted': {
      description: 'AU changes an amount (0: not recommended) or a place in the ranking, with a written reason.',
      schema: z.strictObject({
        applicationId: z.uuid(),
        amount: z.int().min(0).max(1_000_000_000),
        rank: z.int().min(1).max(1000).nullable(),
        reason: text(5_000),
        by: z.strictObject({ id, name: text(200) }),
      }),
      allow: secretariatOrAu,
    },
    'innstilling.submitted': {
      description: 'The innstilling goes to the deciding committee as a case (created by the API).',
      schema: z.strictObject({ caseId: z.uuid(), caseRef: text(20) }),
      allow: grantsSecretariat,
    },
    'case.concluded': {
      description: 'Signal: the decision case was decided or withdrawn.',
      schema: z.object({ caseId: z.uuid() }).passthrough(),
    },
    'decision.recorded': {
      description: 'The secretariat records a vedtak that departs from the innstilling: the awards as decided.',
      schema: z.strictObject({
        resolution: text(20_000),
        awards: z
          .array(z.strictObject({ applicationId: z.uuid(), amount: z.int().min(0).max(1_000_000_000) }))
          .max(1000),
      }),
      allow: grantsSecretariat,
    },
    'followUp.started': {
      description: 'Letters are out; the round follows up funded projects.',
      schema: z.strictObject({}),
      allow: grantsSecretariat,
    },
    'round.completed': {
      description: 'Every project has reported; the round is closed.',
      schema: z.strictObject({}),
      allow: grantsSecretariat,
    },
    'round.cancelled': {
      description: 'Cancelled with a reason, from any state before the decision.',
      schema: z.strictObject({ reason: text(2_000) }),
      allow: grantsSecretariat,
    },
  },
  project: projectRound,
  summary: (c) => ({ title: c.title, caseRef: c.decisionCase?.ref ?? null, responsible: null }),
  deadlineTimers: ['closes', 'scoring-deadline'],
  templates: {
    reviewOpened: (c, d) =>
      mail(
        `Søknader til vurdering: ${c.title}`,
        `${hello(d)}${c.applications.length} søknader er klare for vurdering i samflyt. Gi poeng på hvert kriterium med en ` +
          `kommentar, og meld fra om inhabilitet (forvaltningsloven § 6) før du vurderer en søknad.\n\n` +
          `Frist for vurdering: ${norwegianDateTime(c.scoringDeadline)}.`,
      ),
    scorerReminder: (c, d) =>
      mail(
        `Påminnelse: vurdering av søknader til ${c.title}, frist om ${norwegianDuration(String(d.offset))}`,
        `${hello(d)}du har ${missingFor(c, personIdOf(c, d)).length} søknad(er) igjen å vurdere. ` +
          `Fristen er ${norwegianDateTime(c.scoringDeadline)}.`,
      ),
    scoringClosed: (c) =>
      mail(
        `Vurderingen er avsluttet: ${c.title}`,
        `Vurderingen er avsluttet${c.scoringClosedBy === 'deadline' ? ' ved fristen' : ''}. ` +
          (c.nonScorers.length > 0
            ? `Disse vurderte ikke alle søknadene: ${c.nonScorers.map((n) => n.name).join(', ')}.`
            : 'Alle har vurdert alle søknader de ikke var inhabile i.') +
          `\n\nForeslått fordeling: ${kroner(totalOf(innstillingOf(c)))} av ${kroner(c.budget)}.`,
      ),
    awarded: (c) =>
      mail(
        `Vedtak om tildeling: ${c.title}`,
        `${c.decidingCommittee} har fattet vedtak. ${c.decision?.awards.length ?? 0} prosjekter får til sammen ` +
          `${kroner(totalOf(c.decision?.awards ?? []))}. Tilskuddsbrev og avslag er sendt søkerne.`,
      ),
  },
};
