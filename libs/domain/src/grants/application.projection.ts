import { eventNotAllowed, norwegianDateTime, type Projection } from '@samflyt/engine';
import { appealDecided, avslag, formalRejection, tilskuddsbrev, type ApplicationContext } from '@samflyt/workflows';
import { callClosed } from './application-rules';

/**
 * `grant_applications` and its letters and reports, written with each event. Two rules of time are
 * the database's: a submission after the closing time and a klage after the appeal period are
 * refused by `now()` here, even if the timer that closes them has not fired yet.
 */
export async function projectApplication(p: Projection<ApplicationContext>): Promise<void> {
  const c = p.after;
  const e = p.event;
  if (p.before === null) {
    const inserted = await p.query(
      `INSERT INTO grant_applications (id, round_id, instance_id, applicant_person_id, applicant_name, applicant_email,
              organisation_id, organisation_name, title, requested_amount, answers, state)
       SELECT $1, r.id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM grant_rounds r
        WHERE r.id = $2 AND r.state = 'open' AND now() < (r.settings->>'closesAt')::timestamptz
       RETURNING id`,
      [
        c.applicationId,
        c.round.roundId,
        p.instanceId,
        c.applicant.personId,
        c.applicant.name,
        c.applicant.email,
        c.organisation.id,
        c.organisation.name,
        c.title,
        c.requestedAmount,
        c.answers,
        p.toState,
      ],
    );
    if (inserted.length === 0) {
      throw eventNotAllowed(
        `The call is not open for applications (it closed ${norwegianDateTime(c.round.closesAt)} or has not opened)`,
        { state: 'not-open', allowedEvents: [] },
      );
    }
    return;
  }
  if (e.type === 'application.submitted') {
    const ok = await p.query(`SELECT 1 WHERE now() <= $1::timestamptz`, [c.round.closesAt]);
    if (ok.length === 0) throw callClosed(c.round.closesAt, p.fromState ?? undefined);
  }
  if (e.type === 'appeal.registered') {
    const ok = await p.query(`SELECT 1 WHERE now() <= $1::timestamptz`, [p.before.appealDeadline]);
    if (ok.length === 0) {
      throw eventNotAllowed(`The appeal period ended at ${p.before.appealDeadline}; a klage is no longer accepted`, {
        state: p.fromState ?? undefined,
        allowedEvents: [],
      });
    }
  }
  await p.query(
    `UPDATE grant_applications SET title = $2, requested_amount = $3, answers = $4, state = $5,
            submitted_at = CASE WHEN $6 THEN now() ELSE submitted_at END,
            granted_amount = $7, decision = $8, appeal = $9, rejection_reason = $10, updated_at = now()
      WHERE id = $1`,
    [
      c.applicationId,
      c.title,
      c.requestedAmount,
      c.answers,
      p.toState,
      e.type === 'application.submitted',
      c.decision?.granted ? c.decision.amount : null,
      c.decision,
      c.appeal,
      c.rejectionReason,
    ],
  );
  if (e.type === 'appeal.caseCreated') {
    await p.query(`INSERT INTO case_followers (case_id, instance_id) VALUES ($1, $2)`, [e.caseId, p.instanceId]);
  }
  // The letters, kept as sent.
  const letters: { kind: string; message: { subject: string; text: string } }[] = [];
  if (e.type === 'decision.made')
    letters.push(
      c.decision!.granted
        ? { kind: 'tilskuddsbrev', message: tilskuddsbrev(c) }
        : { kind: 'avslag', message: avslag(c) },
    );
  if (p.toState === 'rejected' && p.fromState !== 'rejected')
    letters.push({ kind: 'avvisning', message: formalRejection(c) });
  if (c.appeal?.outcome && !p.before.appeal?.outcome) letters.push({ kind: 'klagevedtak', message: appealDecided(c) });
  for (const l of letters) {
    await p.query(
      `INSERT INTO grant_letters (id, application_id, kind, subject, body, recipient) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)`,
      [c.applicationId, l.kind, l.message.subject, l.message.text, c.applicant.email],
    );
  }
  if (c.reports !== p.before.reports) {
    for (const r of c.reports) {
      await p.query(
        `INSERT INTO grant_reports (application_id, key, title, due_at, text, submitted_at, accepted)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (application_id, key) DO UPDATE SET due_at = EXCLUDED.due_at, text = EXCLUDED.text,
           submitted_at = EXCLUDED.submitted_at, accepted = EXCLUDED.accepted`,
        [c.applicationId, r.key, r.title, r.dueAt, r.text, r.submittedAt, r.accepted],
      );
    }
  }
}
