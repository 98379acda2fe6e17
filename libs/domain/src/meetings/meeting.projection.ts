import { DomainError, ErrorCode, forbidden, hasRole, isSystem, ruleViolated, type Projection } from '@samflyt/engine';
import { memberOf, type AttendanceEntry, type MeetingContext } from '@samflyt/workflows';

/**
 * The `meetings` row, its agenda lines and attendance, written in the event's transaction. The
 * agenda is replaced as a whole (it is the context's list); a line naming an unknown case is refused
 * by the foreign key, and nothing is written.
 */
export async function projectMeeting(p: Projection<MeetingContext>): Promise<void> {
  const c = p.after;
  switch (p.event.type) {
    case 'workflow.started':
      return insertMeeting(p);
    case 'meeting.updated':
      await p.query(
        `UPDATE meetings SET place = $2, chair_person_id = $3, minute_taker_person_id = $4, next_meeting_note = $5 WHERE id = $1`,
        [c.meetingId, c.place, c.chair?.personId ?? null, c.minuteTaker?.personId ?? null, c.nextMeetingNote],
      );
      return;
    case 'agenda.updated':
    case 'agenda.itemAdded':
      return writeAgenda(p);
    case 'attendance.answered':
      return writeAnswer(p);
    case 'attendance.recorded':
      for (const entry of p.event.entries as AttendanceEntry[]) {
        await p.query(
          `INSERT INTO attendance (meeting_id, person_id, status, stands_in_for_person_id, recorded_at)
           VALUES ($1, $2, $3, $4, now())
           ON CONFLICT (meeting_id, person_id) DO UPDATE
             SET status = EXCLUDED.status, stands_in_for_person_id = EXCLUDED.stands_in_for_person_id, recorded_at = now()`,
          [c.meetingId, entry.personId, entry.status, entry.standsInForPersonId],
        );
      }
      return;
    default:
      return;
  }
}

async function insertMeeting(p: Projection<MeetingContext>): Promise<void> {
  const c = p.after;
  const rows = await p.query(
    `INSERT INTO meetings (id, committee_id, starts_at, ends_at, place, chair_person_id, minute_taker_person_id,
                           next_meeting_note, instance_id)
     SELECT $1, id, $3, $4, $5, $6, $7, $8, $9 FROM committees WHERE code = $2
     RETURNING id`,
    [
      c.meetingId,
      c.committee.code,
      c.startsAt,
      c.endsAt,
      c.place,
      c.chair?.personId ?? null,
      c.minuteTaker?.personId ?? null,
      c.nextMeetingNote,
      p.instanceId,
    ],
  );
  if (rows.length === 0) {
    throw new DomainError(ErrorCode.ReferenceNotFound, `No committee with code "${c.committee.code}"`, {
      constraint: 'meetings_committee_id_fkey',
    });
  }
}

async function writeAgenda(p: Projection<MeetingContext>): Promise<void> {
  const c = p.after;
  const caseIds = c.agenda.flatMap((l) => (l.caseId ? [l.caseId] : []));
  if (caseIds.length > 0) {
    const foreign = (await p.query(
      `SELECT k.id FROM cases k JOIN meetings m ON m.id = $1 WHERE k.id = ANY($2::uuid[]) AND k.committee_id <> m.committee_id`,
      [c.meetingId, caseIds],
    )) as { id: string }[];
    if (foreign.length > 0) {
      throw ruleViolated(`Case ${foreign[0].id} belongs to another committee than ${c.committee.code}`, {
        state: p.toState,
      });
    }
  }
  await p.query(`DELETE FROM agenda_items WHERE meeting_id = $1`, [c.meetingId]);
  for (const [i, line] of c.agenda.entries()) {
    await p.query(
      `INSERT INTO agenda_items (id, meeting_id, position, kind, case_id, title, details, starts_at, duration_minutes, responsible)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        line.id,
        c.meetingId,
        i + 1,
        line.kind,
        line.caseId,
        line.title,
        line.details,
        line.startsAt,
        line.durationMinutes,
        line.responsible,
      ],
    );
  }
}

/** A member answers for themself; the secretariat for anyone. */
async function writeAnswer(p: Projection<MeetingContext>): Promise<void> {
  const { personId, status } = p.event as unknown as { personId: string; status: string };
  if (!isSystem(p.actor) && !hasRole(p.actor, 'secretariat') && memberOf(p.actor, p.after)?.personId !== personId) {
    throw forbidden('A member answers only for themself; the secretariat for others');
  }
  await p.query(
    `INSERT INTO attendance (meeting_id, person_id, status, responded_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (meeting_id, person_id) DO UPDATE SET status = EXCLUDED.status, responded_at = now()`,
    [p.after.meetingId, personId, status],
  );
}
