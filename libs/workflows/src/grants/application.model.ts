import type { CaseConcludedEvent } from '../cases/case-followers';
import type { Answers } from './form';
import type { FormField } from './grants.schemas';
import type { ReportRequirement, RoundPerson } from './round.model';

/** What a grant application holds and is told: its input, its context and its events. */

export interface ApplicationInput {
  applicationId: string;
  round: {
    roundId: string;
    instanceId: string;
    title: string;
    closesAt: string;
    form: FormField[];
    appealable: boolean;
    appealPeriod: string;
    /** Days after sending a letter counts as received; absent (0) in applications started before it existed. */
    letterReceivedAfterDays?: number;
    conditions: string;
    reporting: ReportRequirement[];
    reminderOffsets: string[];
    reportReminderOffsets: string[];
    reviewingCommittee: string;
    decidingCommittee: string;
    secretariat: RoundPerson;
  };
  applicant: { personId: string; name: string; email: string };
  organisation: { id: string; name: string };
  title: string;
  requestedAmount: number;
  answers: Answers;
}

export interface GrantDecision {
  granted: boolean;
  amount: number;
  /** Why (avslag: the rules, facts and main considerations, forvaltningsloven § 24–25). */
  reasons: string;
  resolution: string;
  caseRef: string | null;
  /** The day of the letter (ISO 8601): appeal period and relative report dates count from it. */
  letterAt: string;
}

export interface Report {
  key: string;
  title: string;
  dueAt: string;
  text: string | null;
  submittedAt: string | null;
  accepted: boolean;
}

export interface Appeal {
  text: string;
  registeredAt: string;
  caseId: string | null;
  caseRef: string | null;
  proposal: { upheld: boolean; amount: number; resolution: string } | null;
  needsRecording: string | null;
  outcome: { upheld: boolean; amount: number; resolution: string } | null;
}

export interface ApplicationContext extends ApplicationInput {
  infoRequests: { message: string; deadline: string; answer: string | null }[];
  rejectionReason: string | null;
  decision: GrantDecision | null;
  appealDeadline: string | null;
  appeal: Appeal | null;
  reports: Report[];
  withdrawnReason: string | null;
}

export type ApplicationEvent =
  | { type: 'application.updated'; title?: string; requestedAmount?: number; answers?: Answers }
  | { type: 'application.submitted' }
  | { type: 'application.withdrawn'; reason: string }
  | { type: 'reminder.due'; offset: string }
  | { type: 'deadline.passed' }
  | { type: 'check.completed' }
  | { type: 'check.infoRequested'; message: string; deadline: string }
  | { type: 'check.rejected'; reason: string }
  | { type: 'info.provided'; message: string; answers?: Answers }
  | { type: 'info.reminderDue'; offset: string }
  | { type: 'info.deadlinePassed' }
  | { type: 'review.started' }
  | ({ type: 'decision.made' } & GrantDecision)
  | { type: 'appeal.registered'; text: string; at: string }
  | { type: 'appealWindow.passed' }
  | { type: 'appeal.caseCreated'; caseId: string; caseRef: string; upheld: boolean; amount: number; resolution: string }
  | CaseConcludedEvent
  | { type: 'appeal.decided'; upheld: boolean; amount: number; resolution: string; at: string }
  | { type: 'report.submitted'; key: string; text: string; at: string }
  | { type: 'report.accepted'; key: string }
  | { type: 'report.reminderDue'; key: string; offset: string }
  | { type: 'report.overdue'; key: string }
  | { type: 'round.cancelled'; reason: string };
