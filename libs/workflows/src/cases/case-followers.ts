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

/** The state a transition concluded the case in, or null when it did not conclude it now. */
export function concludedNow(fromState: string | null, toState: string): 'decided' | 'withdrawn' | null {
  if (toState === fromState) return null;
  return toState === 'decided' || toState === 'withdrawn' ? toState : null;
}

/** The event for the followers of a case concluded as `outcome`, given its last vote's result (if any) and when. */
export function caseConcluded(
  c: Pick<CaseContext, 'caseId' | 'resolution' | 'proposedResolution' | 'voteResult'>,
  outcome: 'decided' | 'withdrawn',
  lastVote: { adopted: boolean } | null,
  at: Date,
): CaseConcludedEvent {
  const decided = outcome === 'decided';
  return {
    type: 'case.concluded',
    caseId: c.caseId,
    outcome,
    resolution: c.resolution,
    asProposed: decided && c.resolution === c.proposedResolution,
    adopted: decided && (lastVote?.adopted ?? true),
    voteResult: c.voteResult,
    at: at.toISOString(),
  };
}
