import { actsVia, hasRole, ruleViolated, type Actor, type WorkflowDefinition } from '@samflyt/engine';
import { quorum, ruleName } from './decision-rules';
import { voteMachine, type VoteContext, type VoteInput } from './vote.machine';
import { voteEvents as e, voteInput, type VoteWorkflowInput } from './vote.schemas';
import { voteTemplates } from './vote.templates';

/**
 * People act on votes only through the votes API (the votes service sets their actor's `via` to this):
 * it derives who may vote from memberships, attendance and inhabilitet, so voters cannot be typed
 * in through the generic instances endpoint; and the generic endpoint answers an event with the
 * whole context, which holds every choice, so a voter casting there would see how others voted.
 */
export const VOTES_API_VIA = 'votes-api';

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
  throw ruleViolated(
    `Quorum is not met under the ${input.rule} rule (${ruleName[input.rule]}): ${reasons.join('; ')}`,
    { quorum: { rule: input.rule, ...q, votingSeats: input.votingSeats } },
  );
}

const viaVotesApi = (actor: Actor) => actsVia(actor, VOTES_API_VIA);
const secretariatViaVotesApi = (actor: Actor) => viaVotesApi(actor) && hasRole(actor, 'secretariat');
const eligibleViaVotesApi = (actor: Actor, c: VoteContext) =>
  viaVotesApi(actor) && c.voters.some((v) => v.personId === actor.id);

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
  canStart: secretariatViaVotesApi,
  // The context holds every choice: the raw instance is for the secretariat; voters read GET /votes/{id}.
  canRead: (actor) => hasRole(actor, 'secretariat', 'admin'),
  events: {
    'vote.cast': {
      description: 'An eligible voter casts their own ballot (voterId is their own person id).',
      schema: e.ballot,
      allow: eligibleViaVotesApi,
    },
    'ballot.recorded': {
      description: "In a meeting, the secretariat records an eligible voter's ballot (show of hands).",
      schema: e.ballot,
      allow: secretariatViaVotesApi,
    },
    'vote.closed': {
      description: 'The secretariat closes a vote held in a meeting; the result is counted.',
      schema: e.none,
      allow: secretariatViaVotesApi,
    },
    'vote.cancelled': {
      description: 'The secretariat cancels an open vote (opened by mistake), with a reason; nothing is counted.',
      schema: e.cancelled,
      allow: secretariatViaVotesApi,
    },
    'reminder.due': {
      description: 'Timer: a reminder before the deadline of a written round, to those who have not voted.',
      schema: e.reminderDue,
    },
    'deadline.passed': {
      description: 'Timer: the deadline of a written round; the vote closes.',
      schema: e.none,
    },
  },
  summary: (c) => ({ title: c.case.title, caseRef: c.case.ref, responsible: null }),
  deadlineTimers: ['deadline'],
  templates: voteTemplates,
};
