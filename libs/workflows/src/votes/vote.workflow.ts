import { z } from 'zod';
import { text } from '../schemas';
import {
  hasRole,
  type Actor,
  deadline,
  isoDuration,
  norwegianDateTime,
  norwegianDuration,
  type Projection,
  type RenderedMessage,
  type WorkflowDefinition,
  ErrorCode,
  DomainError,
} from '@samflyt/engine';
import { quorum, ruleName, type VoteResult } from './decision-rules';
import { voteMachine, type VoteContext, type VoteInput } from './vote.machine';

/**
 * People act on votes only through the votes API (the votes service adds this role to their actor):
 * it derives who may vote from memberships, attendance and inhabilitet, so voters cannot be typed
 * in through the generic instances endpoint; and the generic endpoint answers an event with the
 * whole context, which holds every choice, so a voter casting there would see how others voted.
 */
export const VOTES_API_ROLE = 'internal:votes-api';

/**
 * Serializes what changes who may vote on a case: an inhabilitet declaration, and the start of a
 * vote (whose projection checks that no voter was declared inhabil after eligibility was read).
 */
export const caseEligibilityLock = (caseId: string): [string, string[]] => [
  `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`,
  [`case-eligibility:${caseId}`],
];

export const CHOICES = ['for', 'against', 'abstain'] as const;
export const VOTE_MODES = ['meeting', 'written'] as const;
export const VOTE_RULES = ['consensus', 'simple-majority', 'party-majority'] as const;
export const PARTY_VALUES = ['kommune', 'sykehus', 'fastlege', 'bruker', 'ansatt', 'annen'] as const;
export const EXCLUSIONS = [
  'absent',
  'no-vote',
  'observer',
  'secretariat',
  'inhabil',
  'vara-not-standing-in',
  'vara-for-member-present',
  'vara-for-member-without-vote',
  'not-a-member',
] as const;

const id = text(200);

export const voteInput = z
  .strictObject({
    voteId: z.uuid(),
    case: z.strictObject({
      id: z.uuid(),
      ref: text(20),
      title: text(500),
      proposal: z.string().max(20_000).nullable(),
    }),
    committee: z.strictObject({ id: z.uuid(), code: text(30), name: text(300) }),
    meetingId: z.uuid().nullable(),
    mode: z.enum(VOTE_MODES),
    rule: z.enum(VOTE_RULES),
    deadline: deadline.nullable(),
    reminderOffsets: z
      .array(isoDuration)
      .max(10)
      .refine((a) => new Set(a).size === a.length, 'must not repeat an offset'),
    voters: z
      .array(
        z.strictObject({
          personId: id,
          name: text(200),
          party: z.enum(PARTY_VALUES),
          inPlaceOf: id.optional(),
          inPlaceOfName: z.string().max(200).nullable().optional(),
          email: z.email().max(320),
        }),
      )
      .max(500)
      .refine((a) => new Set(a.map((v) => v.personId)).size === a.length, 'must not repeat a voter'),
    excluded: z.array(z.strictObject({ personId: id, name: text(200), reason: z.enum(EXCLUSIONS) })).max(1000),
    /** Seats with a vote in the committee: the base of the quorum. */
    votingSeats: z.int().min(0).max(500),
    opener: z.strictObject({ id, name: text(200), email: z.email().max(320).nullable() }),
  })
  .refine((v) => (v.mode === 'written') === (v.deadline !== null), {
    message: 'a written round needs a deadline; a vote in a meeting has none',
    path: ['deadline'],
  });

export type VoteWorkflowInput = z.output<typeof voteInput>;

/** 422 naming the rule and the numbers, before anything is written. */
export function assertQuorum(input: Pick<VoteWorkflowInput, 'rule' | 'voters' | 'votingSeats'>): void {
  const q = quorum(input.rule, input.voters, input.votingSeats);
  if (q.met) return;
  const reasons = [
    q.present < q.required
      ? `${q.present} eligible voter(s) of ${input.votingSeats} seats with a vote, ${q.required} required`
      : null,
    q.missingSides.length > 0 ? `no eligible voter on the ${q.missingSides.join(' and ')} side` : null,
  ].filter(Boolean);
  throw new DomainError(
    ErrorCode.RuleViolated,
    `Quorum is not met under the ${input.rule} rule (${ruleName[input.rule]}): ${reasons.join('; ')}`,
    { quorum: { rule: input.rule, ...q, votingSeats: input.votingSeats } },
  );
}

const viaVotesApi = (actor: Actor) => hasRole(actor, VOTES_API_ROLE);
const isSecretariat = (actor: Actor) => viaVotesApi(actor) && hasRole(actor, 'secretariat');
const isEligibleActor = (actor: Actor, c: VoteContext) =>
  viaVotesApi(actor) && c.voters.some((v) => v.personId === actor.id);

const signature =
  '\n\nVennlig hilsen\nsekretariatet for helsefellesskapet\n\n(Denne e-posten er sendt automatisk fra samflyt.)';

const about = (c: VoteContext) =>
  [
    `Sak ${c.case.ref} ${c.case.title} (${c.committee.name})`,
    `Vedtaksregel: ${ruleName[c.rule]}`,
    c.deadline ? `Frist for å stemme: ${norwegianDateTime(c.deadline)}` : null,
    c.case.proposal ? `\nForslag til vedtak:\n${c.case.proposal}` : null,
  ]
    .filter((line) => line !== null)
    .join('\n');

const greeting = (d: Record<string, unknown>) => {
  const name = (d.recipient as { name?: string } | undefined)?.name;
  return name ? `Hei ${name},\n\n` : '';
};

const mail = (subject: string, lead: string, c: VoteContext): RenderedMessage => ({
  subject,
  text: `${lead}\n\n${about(c)}${signature}`,
});

/** The votes row, written with the event that changed it; a second ballot hits the primary key. */
async function project(p: Projection<VoteContext>): Promise<void> {
  const c = p.after;
  if (p.event.type === 'workflow.started') {
    await p.query(...caseEligibilityLock(c.case.id));
    const declared = (await p.query(
      `SELECT d.person_id FROM inhabil_declarations d WHERE d.case_id = $1 AND d.person_id::text = ANY($2::text[])`,
      [c.case.id, c.voters.map((v) => v.personId)],
    )) as { person_id: string }[];
    if (declared.length > 0) {
      throw new DomainError(
        ErrorCode.Conflict,
        `A voter was declared inhabil in case ${c.case.ref} while the vote was being opened; open it again`,
        { inhabil: declared.map((d) => d.person_id) },
      );
    }
    await p.query(
      `INSERT INTO votes (id, case_id, meeting_id, mode, rule, instance_id, deadline, eligible, excluded, voting_seats, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open')`,
      [
        c.voteId,
        c.case.id,
        c.meetingId,
        c.mode,
        c.rule,
        p.instanceId,
        c.deadline,
        JSON.stringify(c.voters),
        JSON.stringify(c.excluded),
        c.votingSeats,
      ],
    );
    return;
  }
  if (p.event.type === 'vote.cast' || p.event.type === 'ballot.recorded') {
    const voterId = String(p.event.voterId);
    if (p.event.type === 'vote.cast' && voterId !== p.actor.id) {
      throw new DomainError(ErrorCode.Forbidden, 'You may cast only your own ballot');
    }
    // The deadline is checked by the database clock too: a ballot after it is refused even if the
    // deadline timer has not fired yet.
    const inserted = await p.query(
      `INSERT INTO ballots (vote_id, person_id, choice, recorded_by)
       SELECT id, $2, $3, $4 FROM votes WHERE instance_id = $1 AND (deadline IS NULL OR now() <= deadline)
       RETURNING vote_id`,
      [p.instanceId, voterId, p.event.choice, p.actor.id],
    );
    if (inserted.length === 0) {
      throw new DomainError(
        ErrorCode.EventNotAllowed,
        `The deadline for this vote passed at ${c.deadline}; no more ballots are accepted`,
        { state: 'open', allowedEvents: [] },
      );
    }
    return;
  }
  if (p.toState !== p.fromState && (p.toState === 'closed' || p.toState === 'cancelled')) {
    await p.query(
      `UPDATE votes SET state = $2, result = $3, closed_at = now(), cancelled_reason = $4 WHERE instance_id = $1`,
      [p.instanceId, p.toState, c.result === null ? null : JSON.stringify(c.result), c.cancelledReason],
    );
  }
}

export const voteWorkflow: WorkflowDefinition<VoteContext> = {
  name: 'vote',
  version: 1,
  title: 'Avstemning i en sak',
  machine: voteMachine,
  input: voteInput,
  prepareInput: (input: VoteWorkflowInput): VoteInput => {
    assertQuorum(input);
    return input;
  },
  canStart: isSecretariat,
  // The context holds every choice: the raw instance is for the secretariat; voters read GET /votes/{id}.
  canRead: (actor) => hasRole(actor, 'secretariat', 'admin'),
  events: {
    'vote.cast': {
      description: 'An eligible voter casts their own ballot (voterId is their own person id).',
      schema: z.strictObject({ voterId: id, choice: z.enum(CHOICES) }),
      allow: isEligibleActor,
    },
    'ballot.recorded': {
      description: "In a meeting, the secretariat records an eligible voter's ballot (show of hands).",
      schema: z.strictObject({ voterId: id, choice: z.enum(CHOICES) }),
      allow: isSecretariat,
    },
    'vote.closed': {
      description: 'The secretariat closes a vote held in a meeting; the result is counted.',
      schema: z.strictObject({}),
      allow: isSecretariat,
    },
    'vote.cancelled': {
      description: 'The secretariat cancels an open vote (opened by mistake), with a reason; nothing is counted.',
      schema: z.strictObject({ reason: text(2_000) }),
      allow: isSecretariat,
    },
    'reminder.due': {
      description: 'Timer: a reminder before the deadline of a written round, to those who have not voted.',
      schema: z.strictObject({ offset: isoDuration }),
    },
    'deadline.passed': {
      description: 'Timer: the deadline of a written round; the vote closes.',
      schema: z.strictObject({}),
    },
  },
  project,
  summary: (c) => ({ title: c.case.title, caseRef: c.case.ref, responsible: null }),
  deadlineTimers: ['deadline'],
  templates: {
    opened: (c, d) =>
      mail(
        `Skriftlig avstemning: sak ${c.case.ref} ${c.case.title}`,
        `${greeting(d)}du er stemmeberettiget i en skriftlig avstemning. Avgi stemme (for, mot eller avstår) i samflyt innen fristen.`,
        c,
      ),
    reminder: (c, d) =>
      mail(
        `Påminnelse: avstemning i sak ${c.case.ref}, frist om ${norwegianDuration(String(d.offset))}`,
        `${greeting(d)}vi har ikke registrert din stemme i sak ${c.case.ref}. Fristen nærmer seg.`,
        c,
      ),
    result: (c, d) =>
      mail(
        `Resultat av avstemning: sak ${c.case.ref} ${c.case.title}`,
        `${greeting(d)}avstemningen er avsluttet${c.closedBy === 'deadline' ? ' ved fristen' : ''}.\n\n${(c.result as VoteResult).summary}`,
        c,
      ),
    cancelled: (c, d) =>
      mail(
        `Avstemning avlyst: sak ${c.case.ref} ${c.case.title}`,
        `${greeting(d)}avstemningen er avlyst.\n\nBegrunnelse:\n${c.cancelledReason ?? ''}`,
        c,
      ),
  },
};
