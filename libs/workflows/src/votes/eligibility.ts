import type { MembershipParty, MembershipRole } from '../committees/committee.model';
import type { PresenceStatus } from '../meetings/meeting.machine';
import type { EXCLUSIONS } from './vote.schemas';

/**
 * Who may vote on a case, derived from memberships, attendance and inhabilitet — never typed in.
 * Pure: the caller reads the rows, this decides.
 */

export type MemberRole = MembershipRole;
export type Party = MembershipParty;

export interface Seat {
  personId: string;
  name: string;
  role: MemberRole;
  party: Party;
  hasVote: boolean;
  /** For a vara: the member they are vara for (informative; the attendance says whom they stand in for). */
  varaFor?: string | null;
}

export interface Presence {
  personId: string;
  status: PresenceStatus;
  /** A vara standing in for this member at this meeting. */
  standsInFor?: string | null;
}

export type Exclusion = (typeof EXCLUSIONS)[number];

export interface Voter {
  personId: string;
  name: string;
  party: Party;
  /** Set when a vara votes in place of an absent member. */
  inPlaceOf?: string;
}

export interface Eligibility {
  voters: Voter[];
  excluded: { personId: string; name: string; reason: Exclusion }[];
}

const isPresent = (p: Presence | undefined) => p !== undefined && p.status !== 'absent';

export function eligibleVoters(seats: Seat[], attendance: Presence[], inhabil: ReadonlySet<string>): Eligibility {
  const seatOf = new Map(seats.map((s) => [s.personId, s]));
  const presenceOf = new Map(attendance.map((p) => [p.personId, p]));
  const voters: Voter[] = [];
  const excluded: Eligibility['excluded'] = [];
  const exclude = (s: { personId: string; name: string }, reason: Exclusion) =>
    excluded.push({ personId: s.personId, name: s.name, reason });

  for (const seat of seats) {
    const presence = presenceOf.get(seat.personId);
    if (seat.role === 'sekretariat') exclude(seat, 'secretariat');
    else if (seat.role === 'observatør') exclude(seat, 'observer');
    else if (!isPresent(presence)) exclude(seat, 'absent');
    else if (seat.role === 'vara') {
      // Only the attendance record makes a vara stand in ("møtte som vara for …"): a vara who is at
      // the meeting for another reason (Eirik Aronsen presenting sak 13/24 on 17.04.24) does not vote.
      const standsInFor = presence!.standsInFor ?? null;
      const member = standsInFor ? seatOf.get(standsInFor) : undefined;
      if (!member) exclude(seat, 'vara-not-standing-in');
      else if (!member.hasVote || member.role === 'observatør') exclude(seat, 'vara-for-member-without-vote');
      else if (isPresent(presenceOf.get(member.personId))) exclude(seat, 'vara-for-member-present');
      else if (inhabil.has(seat.personId)) exclude(seat, 'inhabil');
      else voters.push({ personId: seat.personId, name: seat.name, party: member.party, inPlaceOf: member.personId });
    } else if (!seat.hasVote) exclude(seat, 'no-vote');
    else if (inhabil.has(seat.personId)) exclude(seat, 'inhabil');
    else voters.push({ personId: seat.personId, name: seat.name, party: seat.party });
  }
  // Two varas for one absent member: only the first counts.
  const seen = new Set<string>();
  const unique = voters.filter((v) => {
    const key = v.inPlaceOf ?? v.personId;
    if (seen.has(key)) {
      excluded.push({ personId: v.personId, name: v.name, reason: 'vara-for-member-present' });
      return false;
    }
    seen.add(key);
    return true;
  });
  return { voters: unique, excluded };
}
