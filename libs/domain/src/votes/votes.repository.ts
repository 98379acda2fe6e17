import { isUuid, type Queryable } from '@samflyt/engine';
import { caseRef, type DecisionRule, type Seat, type VotePresence } from '@samflyt/workflows';
import type { BallotRow, VoteRow } from './vote-view';

/** The case a vote is about, as the vote needs it. */
export interface VoteCase {
  id: string;
  ref: string;
  title: string;
  proposal: string | null;
  meetingId: string | null;
  /** The case workflow's instance and its state: `draft`, `onAgenda`, `decided`, `withdrawn`. */
  instanceId: string;
  state: string;
  committee: { id: string; code: string; name: string; decisionRule: DecisionRule };
}

/** One seat in a committee on a day, with the person's name and e-mail. */
export interface VoterSeatRow {
  person_id: string;
  name: string;
  email: string;
  role: Seat['role'];
  party: Seat['party'];
  has_vote: boolean;
  vara_for_person_id: string | null;
}

export interface InhabilRow {
  case_id: string;
  person_id: string;
  name: string;
  reason: string;
  declared_by: string;
  declared_at: Date;
}

/** Votes, ballots and inhabilitet, and the memberships and attendance who may vote is derived from. */
export class VotesRepository {
  constructor(private readonly db: Queryable) {}

  async findCase(caseId: string): Promise<VoteCase | null> {
    if (!isUuid(caseId)) return null;
    const [row] = (await this.db.query(
      `SELECT c.id, c.year, c.number, c.title, c.proposed_resolution, c.meeting_id, c.instance_id, wi.state,
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
      instance_id: string;
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
      instanceId: row.instance_id,
      state: row.state,
      committee: { id: row.committee_id, code: row.code, name: row.committee_name, decisionRule: row.decision_rule },
    };
  }

  async meeting(id: string): Promise<{ committee_id: string; starts_at: Date } | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.query(`SELECT committee_id, starts_at FROM meetings WHERE id = $1`, [id]);
    return row ?? null;
  }

  /** One seat per person (a vote-bearing seat first, should the periods overlap), in the committee's order. */
  seats(committeeId: string, date: string): Promise<VoterSeatRow[]> {
    return this.db.query(
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

  /** Whether the person holds a seat (any role) in the committee on the date. */
  async isMember(committeeId: string, personId: string, date: string): Promise<boolean> {
    if (!isUuid(personId)) return false;
    const rows = await this.db.query(
      `SELECT 1 FROM memberships
        WHERE committee_id = $1 AND person_id = $2 AND valid_from <= $3 AND (valid_to IS NULL OR valid_to >= $3)
        LIMIT 1`,
      [committeeId, personId, date],
    );
    return rows.length > 0;
  }

  async attendance(meetingId: string): Promise<VotePresence[]> {
    const rows = (await this.db.query(
      `SELECT person_id, status, stands_in_for_person_id FROM attendance WHERE meeting_id = $1`,
      [meetingId],
    )) as { person_id: string; status: VotePresence['status']; stands_in_for_person_id: string | null }[];
    return rows.map((r) => ({ personId: r.person_id, status: r.status, standsInFor: r.stands_in_for_person_id }));
  }

  /** Who is declared inhabil in the case. */
  async inhabil(caseId: string): Promise<string[]> {
    const rows = (await this.db.query(`SELECT person_id FROM inhabil_declarations WHERE case_id = $1`, [caseId])) as {
      person_id: string;
    }[];
    return rows.map((r) => r.person_id);
  }

  async vote(voteId: string): Promise<VoteRow | null> {
    if (!isUuid(voteId)) return null;
    const [row] = (await this.db.query(`SELECT * FROM votes WHERE id = $1`, [voteId])) as VoteRow[];
    return row ?? null;
  }

  votesOf(caseId: string): Promise<VoteRow[]> {
    return this.db.query(`SELECT * FROM votes WHERE case_id = $1 ORDER BY opened_at, id`, [caseId]);
  }

  ballots(voteId: string): Promise<BallotRow[]> {
    return this.db.query(
      `SELECT person_id, choice, cast_at FROM ballots WHERE vote_id = $1 ORDER BY cast_at, person_id`,
      [voteId],
    );
  }

  /**
   * Serializes what changes who may vote on a case, until the transaction ends: an inhabilitet declaration, and
   * the start of a vote (whose projection checks that no voter was declared inhabil after eligibility was read).
   */
  async lockCaseEligibility(caseId: string): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`case-eligibility:${caseId}`]);
  }

  /** The id of a vote open on the case, if any. */
  async openVoteOn(caseId: string): Promise<string | null> {
    const [row] = (await this.db.query(`SELECT id FROM votes WHERE case_id = $1 AND state = 'open'`, [caseId])) as {
      id: string;
    }[];
    return row?.id ?? null;
  }

  /** Records a declaration; a second one for the same member and case hits the primary key. */
  async insertInhabil(caseId: string, personId: string, reason: string, declaredBy: string): Promise<InhabilRow> {
    const [row] = (await this.db.query(
      `WITH d AS (
         INSERT INTO inhabil_declarations (case_id, person_id, reason, declared_by) VALUES ($1, $2, $3, $4)
         RETURNING case_id, person_id, reason, declared_by, declared_at)
       SELECT d.*, p.name FROM d JOIN persons p ON p.id = d.person_id`,
      [caseId, personId, reason, declaredBy],
    )) as InhabilRow[];
    return row;
  }

  /** A case's declarations, or only the one person's when `all` is false. */
  inhabilDeclarations(caseId: string, all: boolean, personId: string): Promise<InhabilRow[]> {
    return this.db.query(
      `SELECT d.case_id, d.person_id, p.name, d.reason, d.declared_by, d.declared_at
         FROM inhabil_declarations d JOIN persons p ON p.id = d.person_id
        WHERE d.case_id = $1 AND ($2 OR d.person_id::text = $3) ORDER BY d.declared_at, p.name`,
      [caseId, all, personId],
    );
  }
}
