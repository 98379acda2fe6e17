import { DomainError, ErrorCode, ruleViolated, type Projection } from '@samflyt/engine';
import { OPEN_MEETING_STATES, withVote, type CaseContext } from '@samflyt/workflows';
import { signalCaseFollowers } from './case-followers.projection';

/**
 * The `cases` row and the case's track through meetings, derived from the context after each event
 * and written in its transaction, so lists and minutes are plain queries. The number NN/YY is taken
 * from `case_numbers` when the case starts: the row lock of the upsert puts concurrent starts in order.
 */
export async function projectCase(p: Projection<CaseContext>): Promise<void> {
  const c = p.after;
  if (p.before === null) await insertCase(p);
  if (p.event.type === 'case.scheduled') await checkMeeting(p, c.meetingId!, null);
  if (p.event.type === 'case.postponed') await checkMeeting(p, c.meetingId!, p.before!.meetingId);
  const last = c.meetings.at(-1);
  await p.query(
    `UPDATE cases SET title = $2, proposed_resolution = $3, responsible = $4, case_officer = $5, meeting_id = $6,
            resolution = $7, minutes_text = $8
      WHERE id = $1`,
    [
      c.caseId,
      c.title,
      c.proposedResolution,
      c.responsible,
      c.caseOfficer,
      c.meetingId,
      c.resolution === null ? null : withVote(c.resolution, c.voteResult),
      last?.meetingId === c.meetingId ? (last?.minutesText ?? null) : null,
    ],
  );
  if (p.before === null || p.before.meetings !== c.meetings) await syncMeetings(p);
  if (p.event.type === 'case.inputRecorded') {
    const input = c.inputs.at(-1)!;
    await p.query(
      `INSERT INTO case_inputs (id, case_id, meeting_id, text, author) VALUES (gen_random_uuid(), $1, $2, $3, $4)`,
      [c.caseId, input.meetingId, input.text, input.author],
    );
  }
  await signalCaseFollowers(p);
}

async function insertCase(p: Projection<CaseContext>): Promise<void> {
  const c = p.after;
  const rows = await p.query(
    `WITH n AS (
       INSERT INTO case_numbers (committee_id, year, last)
       SELECT id, $2, coalesce($3::int, 1) FROM committees WHERE code = $1
       ON CONFLICT (committee_id, year) DO UPDATE
         SET last = CASE WHEN $3::int IS NULL THEN case_numbers.last + 1 ELSE greatest(case_numbers.last, $3::int) END
       RETURNING committee_id, last)
     INSERT INTO cases (id, committee_id, year, number, title, proposed_resolution, responsible, case_officer, instance_id)
     SELECT $4, n.committee_id, $2, coalesce($3::int, n.last), $5, $6, $7, $8, $9 FROM n
     RETURNING number`,
    [
      c.committeeCode,
      c.year,
      c.requestedNumber,
      c.caseId,
      c.title,
      c.proposedResolution,
      c.responsible,
      c.caseOfficer,
      p.instanceId,
    ],
  );
  if (rows.length === 0) {
    throw new DomainError(ErrorCode.ReferenceNotFound, `No committee with code "${c.committeeCode}"`, {
      constraint: 'cases_committee_id_fkey',
    });
  }
}

/** A case goes on the agenda of an open meeting of its own committee; when postponed, a later one. */
async function checkMeeting(
  p: Projection<CaseContext>,
  meetingId: string,
  fromMeetingId: string | null,
): Promise<void> {
  const [m] = (await p.query(
    `SELECT m.committee_id = c.committee_id AS same_committee, wi.state, m.starts_at,
            (SELECT starts_at FROM meetings WHERE id = $3) AS from_starts_at
       FROM meetings m JOIN cases c ON c.id = $2 LEFT JOIN workflow_instances wi ON wi.id = m.instance_id
      WHERE m.id = $1`,
    [meetingId, p.after.caseId, fromMeetingId],
  )) as { same_committee: boolean; state: string | null; starts_at: Date; from_starts_at: Date | null }[];
  const refuse = (message: string) => {
    throw ruleViolated(message, { state: p.fromState ?? undefined });
  };
  if (!m) {
    throw new DomainError(ErrorCode.ReferenceNotFound, `No meeting with id "${meetingId}"`, {
      constraint: 'cases_meeting_id_fkey',
    });
  }
  if (!m.same_committee) refuse(`The meeting belongs to another committee than ${p.after.committeeCode}`);
  if (m.state !== null && !(OPEN_MEETING_STATES as readonly string[]).includes(m.state)) {
    refuse(`The meeting is ${m.state}; a case can only be put on the agenda of an open meeting`);
  }
  if (m.from_starts_at && m.starts_at.getTime() <= m.from_starts_at.getTime()) {
    refuse('A case is postponed to a later meeting than the one it is on');
  }
}

async function syncMeetings(p: Projection<CaseContext>): Promise<void> {
  const c = p.after;
  await p.query(`DELETE FROM case_meetings WHERE case_id = $1 AND NOT (meeting_id = ANY($2::uuid[]))`, [
    c.caseId,
    c.meetings.map((m) => m.meetingId),
  ]);
  for (const m of c.meetings) {
    await p.query(
      `INSERT INTO case_meetings (case_id, meeting_id, outcome, resolution, minutes_text) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (case_id, meeting_id) DO UPDATE
         SET outcome = EXCLUDED.outcome, resolution = EXCLUDED.resolution, minutes_text = EXCLUDED.minutes_text`,
      [c.caseId, m.meetingId, m.outcome, m.resolution, m.minutesText],
    );
  }
}
