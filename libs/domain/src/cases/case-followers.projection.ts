import type { Projection } from '@samflyt/engine';
import { caseConcluded, concludedNow, type CaseContext } from '@samflyt/workflows';

/**
 * When a case is decided or withdrawn, every instance that follows it gets `case.concluded` as a
 * durable signal (a timer row due now, written in the case's transaction). The link is a row in
 * `case_followers`, written by the follower's own projection when it puts the case up.
 */
export async function signalCaseFollowers(p: Projection<CaseContext>): Promise<void> {
  const outcome = concludedNow(p.fromState, p.toState);
  if (!outcome) return;
  const c = p.after;
  const followers = (await p.query(`SELECT instance_id FROM case_followers WHERE case_id = $1`, [c.caseId])) as {
    instance_id: string;
  }[];
  if (followers.length === 0) return;
  const [vote] = (await p.query(
    `SELECT now() AS at, (SELECT result FROM votes WHERE case_id = $1 AND state = 'closed'
                          ORDER BY closed_at DESC, id LIMIT 1) AS result`,
    [c.caseId],
  )) as { at: Date; result: { adopted: boolean } | null }[];
  const event = caseConcluded(c, outcome, vote.result, vote.at);
  for (const f of followers) p.signal(f.instance_id, event);
}
