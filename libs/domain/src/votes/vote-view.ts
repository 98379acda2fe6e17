import {
  voteMinutesText,
  type Choice,
  type DecisionRule,
  type EligibleVoter,
  type Exclusion,
  type VoteMode,
  type VoteResult,
} from '@samflyt/workflows';
import type { VoteCase } from './vote-eligibility.service';

/** A vote as the API shows it: who may vote and who has, and — once closed — how, and the result. */
export interface VoteView {
  id: string;
  instanceId: string;
  caseId: string;
  caseRef: string;
  caseTitle: string;
  committeeCode: string;
  meetingId: string | null;
  mode: VoteMode;
  rule: DecisionRule;
  state: 'open' | 'closed' | 'cancelled';
  deadline: string | null;
  openedAt: string;
  closedAt: string | null;
  votingSeats: number;
  /** Who may vote, and whether they have — not how, until the vote is closed. */
  eligible: {
    personId: string;
    name: string;
    party: string;
    inPlaceOf: string | null;
    inPlaceOfName: string | null;
    hasVoted: boolean;
  }[];
  excluded: { personId: string; name: string; reason: Exclusion }[];
  voted: number;
  /** Each voter's choice, once the vote is closed; null while it is open. */
  ballots: { personId: string; name: string; choice: Choice; castAt: string }[] | null;
  result: VoteResult | null;
  cancelledReason: string | null;
  /** For the vedtak and the minutes (Norwegian), once closed. */
  minutesText: string | null;
}

/** A `votes` row as Postgres returns it. */
export interface VoteRow {
  id: string;
  instance_id: string;
  case_id: string;
  meeting_id: string | null;
  mode: VoteMode;
  rule: DecisionRule;
  state: VoteView['state'];
  deadline: Date | null;
  eligible: EligibleVoter[];
  excluded: VoteView['excluded'];
  voting_seats: number;
  result: VoteResult | null;
  cancelled_reason: string | null;
  opened_at: Date;
  closed_at: Date | null;
}

export interface BallotRow {
  person_id: string;
  choice: Choice;
  cast_at: Date;
}

/** Pure: the rows in, the view out. How each voted is left out while the vote is open. */
export function toVoteView(row: VoteRow, kase: VoteCase, ballots: BallotRow[]): VoteView {
  const voted = new Set(ballots.map((b) => b.person_id));
  const nameOf = new Map(row.eligible.map((v) => [v.personId, v.name]));
  const closed = row.state === 'closed';
  return {
    id: row.id,
    instanceId: row.instance_id,
    caseId: row.case_id,
    caseRef: kase.ref,
    caseTitle: kase.title,
    committeeCode: kase.committee.code,
    meetingId: row.meeting_id,
    mode: row.mode,
    rule: row.rule,
    state: row.state,
    deadline: row.deadline?.toISOString() ?? null,
    openedAt: row.opened_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    votingSeats: row.voting_seats,
    eligible: row.eligible.map((v) => ({
      personId: v.personId,
      name: v.name,
      party: v.party,
      inPlaceOf: v.inPlaceOf ?? null,
      inPlaceOfName: v.inPlaceOfName ?? null,
      hasVoted: voted.has(v.personId),
    })),
    excluded: row.excluded,
    voted: voted.size,
    ballots: closed
      ? ballots.map((b) => ({
          personId: b.person_id,
          name: nameOf.get(b.person_id) ?? b.person_id,
          choice: b.choice,
          castAt: b.cast_at.toISOString(),
        }))
      : null,
    result: row.result,
    cancelledReason: row.cancelled_reason,
    minutesText: closed
      ? voteMinutesText({
          mode: row.mode,
          rule: row.rule,
          deadline: row.deadline?.toISOString() ?? null,
          voters: row.eligible,
          excluded: row.excluded,
          votingSeats: row.voting_seats,
          result: row.result,
        })
      : null,
  };
}
