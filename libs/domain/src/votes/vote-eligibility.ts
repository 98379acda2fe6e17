import { eligibleVoters, type EligibleVoter, type Exclusion, type Seat, type VotePresence } from '@samflyt/workflows';
import type { VoterSeatRow } from './votes.repository';

export interface Eligible {
  voters: EligibleVoter[];
  excluded: { personId: string; name: string; reason: Exclusion }[];
  /** Seats with a vote in the committee on that date: the base of the quorum. */
  votingSeats: number;
}

/**
 * Who may vote, from the committee's seats on the day, the meeting's attendance (null for a written round: every
 * member is taken as present, varas as absent) and who is inhabil; each voter with the e-mail to reach them.
 */
export function eligibilityOf(
  seatRows: VoterSeatRow[],
  attendance: VotePresence[] | null,
  inhabil: string[],
): Eligible {
  const seats: Seat[] = seatRows.map((r) => ({
    personId: r.person_id,
    name: r.name,
    role: r.role,
    party: r.party,
    hasVote: r.has_vote,
    varaFor: r.vara_for_person_id,
  }));
  const presence =
    attendance ??
    seats.map((s): VotePresence => ({ personId: s.personId, status: s.role === 'vara' ? 'absent' : 'present' }));
  const { voters, excluded } = eligibleVoters(seats, presence, new Set(inhabil));
  const byId = new Map(seatRows.map((r) => [r.person_id, r]));
  return {
    voters: voters.map((v) => ({
      ...v,
      email: byId.get(v.personId)!.email,
      ...(v.inPlaceOf ? { inPlaceOfName: byId.get(v.inPlaceOf)?.name ?? null } : {}),
    })),
    excluded,
    votingSeats: seats.filter(
      (s) => s.hasVote && s.role !== 'vara' && s.role !== 'observatør' && s.role !== 'sekretariat',
    ).length,
  };
}
