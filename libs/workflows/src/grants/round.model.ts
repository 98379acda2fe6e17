import type { CaseConcludedEvent } from '../cases/case-followers';
import type { Adjustment, Criterion, RankedApplication, ScoreSheet } from './allocation';
import type { FormField } from './grants.schemas';

/** What a grant round holds and is told: its set-up, its context and its events. */

/** A report a funded project owes: `due` is a date/date-time, or a duration after the tilskuddsbrev. */
export interface ReportRequirement {
  key: string;
  title: string;
  due: string;
}

export interface RoundSettings {
  title: string;
  /** Utlysningstekst (Markdown). */
  callText: string;
  form: FormField[];
  criteria: Criterion[];
  /** NOK, whole kroner. */
  budget: number;
  minAmount: number;
  maxAmount: number;
  qualityThreshold: number | null;
  /** ISO 8601, UTC. */
  opensAt: string;
  closesAt: string;
  scoringDeadline: string;
  /** Committee codes: who scores (the expanded AU) and who decides (ASU). */
  reviewingCommittee: string;
  decidingCommittee: string;
  appealable: boolean;
  /** ISO 8601 duration; forvaltningsloven § 29: three weeks. */
  appealPeriod: string;
  /** Days after sending a letter counts as received (0: the day it is e-mailed); rounds set up before it lack it. */
  letterReceivedAfterDays: number;
  /** Vilkår in the tilskuddsbrev. */
  conditions: string;
  reporting: ReportRequirement[];
  applicantReminderOffsets: string[];
  scorerReminderOffsets: string[];
  reportReminderOffsets: string[];
}

export interface RoundPerson {
  id: string;
  name: string;
  email: string | null;
}

export interface RoundInput extends RoundSettings {
  roundId: string;
  createdBy: RoundPerson;
}

/** An application as the round sees it once review starts. */
export interface ReviewedApplication {
  applicationId: string;
  instanceId: string;
  title: string;
  organisation: string;
  requested: number;
  submittedAt: string;
}

export interface Scorer {
  personId: string;
  name: string;
  email: string;
}

export interface Recusal {
  applicationId: string;
  personId: string;
  name: string;
  reason: string;
}

export interface Award {
  applicationId: string;
  amount: number;
}

export interface RoundDecision {
  source: 'vote' | 'secretariat';
  caseId: string | null;
  resolution: string;
  voteResult: string | null;
  awards: Award[];
}

export interface RoundContext extends RoundInput {
  approval: string | null;
  applications: ReviewedApplication[];
  scorers: Scorer[];
  /** applicationId → scorer person id → sheet. */
  sheets: Record<string, Record<string, ScoreSheet>>;
  recusals: Recusal[];
  /** At the end of scoring: who had applications left unscored. */
  nonScorers: { personId: string; name: string; missing: string[] }[];
  scoringClosedBy: 'deadline' | 'secretariat' | null;
  ranking: RankedApplication[] | null;
  adjustments: Adjustment[];
  decisionCase: { caseId: string; ref: string } | null;
  /** The case was decided otherwise than the innstilling, or the vote failed: the secretariat records the outcome. */
  decisionNeedsRecording: string | null;
  decision: RoundDecision | null;
  cancelledReason: string | null;
}

export type RoundEvent =
  | { type: 'round.updated'; settings: Partial<RoundSettings> }
  | { type: 'round.approved'; reference: string }
  | { type: 'round.opened' }
  | { type: 'deadline.passed' }
  | { type: 'review.started'; applications: ReviewedApplication[]; scorers: Scorer[] }
  | { type: 'score.recorded'; applicationId: string; scorerId: string; scores: Record<string, number>; comment: string }
  | { type: 'inhabil.declared'; applicationId: string; personId: string; name: string; reason: string }
  | { type: 'reminder.due'; offset: string }
  | { type: 'scoring.deadlinePassed' }
  | { type: 'scoring.closed' }
  | {
      type: 'innstilling.adjusted';
      applicationId: string;
      amount: number;
      rank: number | null;
      reason: string;
      by: { id: string; name: string };
    }
  | { type: 'innstilling.submitted'; caseId: string; caseRef: string }
  | CaseConcludedEvent
  | { type: 'decision.recorded'; resolution: string; awards: Award[] }
  | { type: 'followUp.started' }
  | { type: 'round.completed' }
  | { type: 'round.cancelled'; reason: string };
