import { ruleViolated, type Projection } from '@samflyt/engine';
import {
  declineReasons,
  innstillingOf,
  roundSettingsShape,
  type RoundContext,
  type RoundSettings,
} from '@samflyt/workflows';

const SETTINGS_KEYS = Object.keys(roundSettingsShape) as (keyof RoundSettings)[];

/** The set-up part of the context: what `grant_rounds.settings` holds. */
const settingsOf = (c: RoundContext): RoundSettings =>
  Object.fromEntries(SETTINGS_KEYS.map((k) => [k, c[k]])) as unknown as RoundSettings;

/**
 * `grant_rounds` (what lists and the public call read), scores and recusals as rows, the case link,
 * and the signals to the round's applications: review started, ASU's decision, cancellation.
 */
export async function projectRound(p: Projection<RoundContext>): Promise<void> {
  const c = p.after;
  const innstilling = c.ranking ? innstillingOf(c) : null;
  if (p.before === null) {
    await p.query(
      `INSERT INTO grant_rounds (id, instance_id, title, state, settings, created_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [c.roundId, p.instanceId, c.title, p.toState, settingsOf(c), c.createdBy],
    );
    return;
  }
  await p.query(
    `UPDATE grant_rounds SET title = $2, state = $3, settings = $4, approval = $5, innstilling = $6, non_scorers = $7,
            decision_case_id = $8, decision = $9, cancelled_reason = $10, updated_at = now()
      WHERE id = $1`,
    [
      c.roundId,
      c.title,
      p.toState,
      settingsOf(c),
      c.approval,
      innstilling === null ? null : JSON.stringify(innstilling),
      JSON.stringify(c.nonScorers),
      c.decisionCase?.caseId ?? null,
      c.decision,
      c.cancelledReason,
    ],
  );
  const e = p.event;
  if (e.type === 'score.recorded') {
    for (const [criterion, score] of Object.entries(e.scores as Record<string, number>)) {
      await p.query(
        `INSERT INTO grant_scores (application_id, scorer_id, criterion, score, comment, round_id)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (application_id, scorer_id, criterion) DO UPDATE
           SET score = EXCLUDED.score, comment = EXCLUDED.comment, recorded_at = now()`,
        [e.applicationId, e.scorerId, criterion, score, e.comment, c.roundId],
      );
    }
  }
  if (e.type === 'inhabil.declared') {
    await p.query(
      `INSERT INTO grant_recusals (application_id, person_id, name, reason, round_id) VALUES ($1, $2, $3, $4, $5)`,
      [e.applicationId, e.personId, e.name, e.reason, c.roundId],
    );
    await p.query(`DELETE FROM grant_scores WHERE application_id = $1 AND scorer_id = $2`, [
      e.applicationId,
      e.personId,
    ]);
  }
  if (e.type === 'innstilling.submitted') {
    const linked = await p.query(
      `INSERT INTO case_followers (case_id, instance_id)
       SELECT id, $2 FROM cases c WHERE id = $1 AND c.committee_id = (SELECT id FROM committees WHERE code = $3)
       RETURNING case_id`,
      [e.caseId, p.instanceId, c.decidingCommittee],
    );
    if (linked.length === 0) {
      throw ruleViolated(
        `The innstilling goes to a case of ${c.decidingCommittee}; case ${String(e.caseId)} is not one`,
      );
    }
  }
  if (p.fromState === p.toState) return;
  if (p.toState === 'review') {
    for (const a of c.applications) p.signal(a.instanceId, { type: 'review.started' });
  }
  if (p.toState === 'awarded') {
    const [{ now }] = (await p.query(`SELECT now()`)) as { now: Date }[];
    const lines = new Map((innstilling ?? []).map((l) => [l.applicationId, l]));
    const caseRef = c.decisionCase?.ref ?? null;
    for (const a of c.applications) {
      const award = c.decision!.awards.find((x) => x.applicationId === a.applicationId);
      p.signal(a.instanceId, {
        type: 'decision.made',
        granted: award !== undefined,
        amount: award?.amount ?? 0,
        reasons: award ? '' : declineReasons(lines.get(a.applicationId), c.applications.length),
        resolution: c.decision!.resolution,
        caseRef,
        letterAt: now.toISOString(),
      });
    }
  }
  if (p.toState === 'cancelled') {
    const apps = (await p.query(`SELECT instance_id FROM grant_applications WHERE round_id = $1`, [c.roundId])) as {
      instance_id: string;
    }[];
    for (const a of apps) p.signal(a.instance_id, { type: 'round.cancelled', reason: c.cancelledReason ?? '' });
  }
}
