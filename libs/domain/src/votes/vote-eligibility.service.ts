import { DomainError, ErrorCode, OSLO, ruleViolated } from '@samflyt/engine';
import type { VoteMode, VotePresence } from '@samflyt/workflows';
import { DateTime } from 'luxon';
import { eligibilityOf, type Eligible } from './vote-eligibility';
import type { VoteCase, VotesRepository } from './votes.repository';

export type { VoteCase };

export interface DerivedEligibility extends Eligible {
  /** The date the memberships were read for (the meeting's date, or today for a written round). */
  date: string;
  meetingId: string | null;
}

/**
 * Who may vote on a case, read from the rows and decided by the pure `eligibilityOf`:
 * the committee's memberships on the day, the meeting's attendance (a vote in a meeting) and the
 * case's inhabilitet declarations. Never typed in.
 */
export class VoteEligibilityService {
  constructor(private readonly repo: VotesRepository) {}

  findCase(caseId: string): Promise<VoteCase | null> {
    return this.repo.findCase(caseId);
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
        throw ruleViolated(
          `Case ${kase.ref} is not on a meeting's agenda; name the meeting (meetingId) or hold a written round`,
        );
      }
      const meeting = await this.repo.meeting(how.meetingId);
      if (!meeting) throw new DomainError(ErrorCode.ReferenceNotFound, `No meeting with id "${how.meetingId}"`);
      if (meeting.committee_id !== kase.committee.id) {
        throw ruleViolated(`The meeting belongs to another committee than case ${kase.ref} (${kase.committee.code})`);
      }
      date = DateTime.fromJSDate(meeting.starts_at, { zone: OSLO }).toISODate()!;
      attendance = await this.repo.attendance(how.meetingId);
      if (attendance.length === 0) {
        throw ruleViolated('No attendance is recorded for the meeting; record who is present before a vote opens');
      }
    }
    const eligible = eligibilityOf(
      await this.repo.seats(kase.committee.id, date),
      attendance,
      await this.repo.inhabil(kase.id),
    );
    return { date, meetingId: how.mode === 'meeting' ? how.meetingId : null, ...eligible };
  }

  /** Whether the person holds a seat (any role) in the committee on the date. */
  isMember(committeeId: string, personId: string, date: string): Promise<boolean> {
    return this.repo.isMember(committeeId, personId, date);
  }
}
