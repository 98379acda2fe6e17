import { isUuid, OSLO, ErrorCode, DomainError } from '@samflyt/engine';
import {
  eligibleVoters,
  type DecisionRule,
  type EligibleVoter,
  type Exclusion,
  type VotePresence,
  type Seat,
  type VoteMode,
} from '@samflyt/workflows';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';

/** The case a vote is about, as the vote needs it. */
export interface VoteCase {
  id: string;
  ref: string;
  title: string;
  proposal: string | null;
  meetingId: string | null;
  /** The case workflow's state: `draft`, `onAgenda`, `decided`, `withdrawn`. */
  state: string;
  committee: { id: string; code: string; name: string; decisionRule: DecisionRule };
}

export interface DerivedEligibility {
  /** The date the memberships were read for (the meeting's date, or today for a written round). */
  date: string;
  meetingId: string | null;
  voters: EligibleVoter[];
  excluded: { personId: string; name: string; reason: Exclusion }[];
  /** Seats with a vote in the committee on that date: the base of the quorum. */
  votingSeats: number;
}

interface SeatRow {
  person_id: string;
  name: string;
  email: string;
  role: Seat['role'];
  party: Seat['party'];
  has_vote: boolean;
  vara_for_person_id: string | null;
}

/** `12/24`: the case number in two digits (at least) and the year in two. */
export const caseRef = (number: number, year: number): string =>
  `${String(number).padStart(2, '0')}/${String(year % 100).padStart(2, '0')}`;

/**
 * Who may vote on a case, read from the rows and decided by the pure `eligibleVoters`:
 * the committee's memberships on the day, the meeting's attendance (a vote in a meeting) and the
 * case's inhabilitet declarations. Never typed in.
 */
export class VoteEligibilityService {
  constructor(private readonly dataSource: DataSource) {}

  async findCase(caseId: string): Promise<VoteCase | null> {
    if (!isUuid(caseId)) return null;
    const [row] = (await this.dataSource.query(
      `SELECT c.id, c.year, c.number, c.title, c.proposed_resolution, c.meeting_id, wi.state,
              m.id AS committee_id, m.code, m.name AS committee_name, m.decision_rule
         FROM cases c JOIN committees m ON m.id = c.committee_id JOIN workflow_instances wi ON wi.id = c.instance_id
        WHERE c.id = $1`,
      [caseId],
    )) as {
      id: string;
      year: number;
      number: number;
      title: string;
      proposed_resolution: string | null;
      meeting_id: string | null;
      state: string;
      committee_id: string;
      code: string;
      committee_name: string;
      decision_rule: DecisionRule;
    }[];
    if (!row) return null;
    return {
      id: row.id,
      ref: caseRef(row.number, row.year),
      title: row.title,
      proposal: row.proposed_resolution || null,
      meetingId: row.meeting_id,
      state: row.state,
      committee: { id: row.committee_id, code: row.code, name: row.committee_name, decisionRule: row.decision_rule },
    };
  }

  /**
   * In a meeting: the members with a vote who are present (or remote), a vara only in place of an
   * absent member with a vote. A written round is held outside a meeting: every member with a vote
   * may take part, varas do not.
   */
  async derive(
    kase: VoteCase,
    how: { mode: VoteMode; meetingId: string | null },
    today: Date,
  ): Promise<DerivedEligibility> {
    let date = DateTime.fromJSDate(today, { zone: OSLO }).toISODate()!;
    let attendance: VotePresence[] | null = null;
    if (how.mode === 'meeting') {
      if (!how.meetingId) {
        throw new DomainError(
          ErrorCode.RuleViolated,
          `Case ${kase.ref} is not on a meeting's agenda; name the meeting (meetingId) or hold a written round`,
        );
      }
      const meeting = await this.meeting(how.meetingId);
      if (!meeting) throw new DomainError(ErrorCode.ReferenceNotFound, `No meeting with id "${how.meetingId}"`);
      if (meeting.committee_id !== kase.committee.id) {
        throw new DomainError(
          ErrorCode.RuleViolated,
          `The meeting belongs to another committee than case ${kase.ref} (${kase.committee.code})`,
        );
      }
      date = DateTime.fromJSDate(meeting.starts_at, { zone: OSLO }).toISODate()!;
      attendance = await this.attendance(how.meetingId);
      if (attendance.length === 0) {
        throw new DomainError(
          ErrorCode.RuleViolated,
          'No attendance is recorded for the meeting; record who is present before a vote opens',
        );
      }
    }
    const seatRows = await this.seats(kase.committee.id, date);
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
    const inhabil = new Set(await this.inhabil(kase.id));
    const { voters, excluded } = eligibleVoters(seats, presence, inhabil);
    const byId = new Map(seatRows.map((r) => [r.person_id, r]));
    return {
      date,
      meetingId: how.mode === 'meeting' ? how.meetingId : null,
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

  /** Whether the person holds a seat (any role) in the committee on the date. */
  async isMember(committeeId: string, personId: string, date: string): Promise<boolean> {
    if (!isUuid(personId)) return false;
    const rows = await this.dataSource.query(
      `SELECT 1 FROM memberships
        WHERE committee_id = $1 AND person_id = $2 AND valid_from <= $3 AND (valid_to IS NULL OR valid_to >= $3)
        LIMIT 1`,
      [committeeId, personId, date],
    );
    return rows.length > 0;
  }

  private async meeting(id: string): Promise<{ committee_id: string; starts_at: Date } | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.dataSource.query(`SELECT committee_id, starts_at FROM meetings WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** One seat per person (a vote-bearing seat first, should the periods overlap), in the committee's order. */
  private async seats(committeeId: string, date: string): Promise<SeatRow[]> {
    return this.dataSource.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (ms.person_id) ms.person_id, p.name, p.email, ms.role, ms.party, ms.has_vote,
                ms.vara_for_person_id
           FROM memberships ms JOIN persons p ON p.id = ms.person_id
          WHERE ms.committee_id = $1 AND ms.valid_from <= $2 AND (ms.valid_to IS NULL OR ms.valid_to >= $2)
          ORDER BY ms.person_id, ms.has_vote DESC, ms.valid_from DESC
       ) seat
       ORDER BY array_position(ARRAY['kommune', 'sykehus', 'fastlege', 'bruker', 'ansatt', 'annen'], seat.party),
                array_position(ARRAY['leder', 'nestleder', 'medlem', 'vara', 'observatør', 'sekretariat'], seat.role),
                seat.name`,
      [committeeId, date],
    );
  }

  private async attendance(meetingId: string): Promise<VotePresence[]> {
    const rows = (await this.dataSource.query(
      `SELECT person_id, status, stands_in_for_person_id FROM attendance WHERE meeting_id = $1`,
      [meetingId],
    )) as { person_id: string; status: VotePresence['status']; stands_in_for_person_id: string | null }[];
    return rows.map((r) => ({ personId: r.person_id, status: r.status, standsInFor: r.stands_in_for_person_id }));
  }

  private async inhabil(caseId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT person_id FROM inhabil_declarations WHERE case_id = $1`, [
      caseId,
    ])) as { person_id: string }[];
    return rows.map((r) => r.person_id);
  }
}
