import type { Projection } from '@samflyt/engine';
import type { CaseContext } from './case.machine';

/**
 * What an instance following a case (`case_followers`) is told when the case is concluded: the
 * grant round whose innstilling the case is, an application whose klage it is.
 */
export interface CaseConcludedEvent {
  type: 'case.concluded';
  caseId: string;
  outcome: 'decided' | 'withdrawn';
  /** The vedtak as recorded (null when withdrawn). */
  resolution: string | null;
  /** The vedtak is the forslag til vedtak, unchanged. */
  asProposed: boolean;
  /** Adopted by the case's last closed vote; true when decided without a vote. False when withdrawn. */
  adopted: boolean;
  voteResult: string | null;
  /** When the case was concluded (the database's clock). */
  at: string;
  [key: string]: unknown;
}

/**
 * When a case is decided or withdrawn, every instance that follows it gets `case.concluded` as a
 * durable signal (a timer row due now, written in the case's transaction). The link is a row in
 * `case_followers`, written by the follower's own projection when it puts the case up.
 */
export async function signalCaseFollowers(p: Projection<CaseContext>): Promise<void> {
  if (p.toState === p.fromState || (p.toState !== 'decided' && p.toState !== 'withdrawn')) return;
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
  const decided = p.toState === 'decided';
  const event: CaseConcludedEvent = {
    type: 'case.concluded',
    caseId: c.caseId,
    outcome: decided ? 'decided' : 'withdrawn',
    resolution: c.resolution,
    asProposed: decided && c.resolution === c.proposedResolution,
    adopted: decided && (vote.result?.adopted ?? true),
    voteResult: c.voteResult,
    at: vote.at.toISOString(),
  };
  for (const f of followers) p.signal(f.instance_id, event);
}
