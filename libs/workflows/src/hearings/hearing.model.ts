/**
 * The vocabulary of a hearing (høring): its input, its context and its events. Events and their parts are type
 * aliases, not interfaces, so that a typed event is also a plain `WorkflowEvent` the engine takes.
 */

/** Every state of a hearing, in the order of its life. */
export const HEARING_STATES = ['draft', 'open', 'closed', 'summary', 'presented', 'concluded', 'withdrawn'] as const;
export type HearingState = (typeof HEARING_STATES)[number];

/** States in which a recipient may answer (and be reminded). */
export const ANSWERING_STATES = ['open', 'closed', 'summary'] as const satisfies readonly HearingState[];

/** The question id of an answer as a whole (and of the summary of all answers). */
export const GENERAL_QUESTION = 'general';

export type HearingContact = {
  id: string;
  name: string;
  email: string;
};

/** A høringsinstans: an organisation and the people its invitation, reminders and receipts go to. */
export type HearingRecipient = {
  organisationId: string;
  name: string;
  contacts: HearingContact[];
};

export type HearingQuestion = {
  id: string;
  text: string;
};

export type HearingAttachmentRef = {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
};

export interface HearingInput {
  /** The `hearings` row the projection writes. */
  hearingId: string;
  /** The committee that owns the hearing: the summary goes on its agenda as a case. */
  committee: { code: string; name: string };
  title: string;
  /** Where the hearing comes from, e.g. «sak 12/24 i ASU». */
  origin: string | null;
  /** The proposal (høringsnotat) as text. */
  proposal: string;
  attachments: HearingAttachmentRef[];
  questions: HearingQuestion[];
  recipients: HearingRecipient[];
  /** Høringsfrist (ISO 8601, UTC); required before sending. */
  deadline: string | null;
  /** Reminders this long before each recipient's own deadline, to recipients who have not answered. */
  reminderOffsets: string[];
  /** After a recipient's deadline an answer is accepted and marked late, unless this is false. */
  acceptLateAnswers: boolean;
  /**
   * Where links in the e-mails point: the answer page (the web app's; the token follows in the
   * fragment, `#token=…`, so it stays out of server logs) and the base of the attachment downloads.
   */
  links: { answer: string; attachments: string };
  /** HMAC key of the personal answer links; never shown in a view of the hearing. */
  linkKey: string;
  owner: { id: string; name: string; email: string | null };
}

export interface AnswerRecord {
  /** The organisation that gave the answer; only its contacts (and the secretariat) may change it. */
  lead: string;
  /** Recipients who signed the answer jointly with the lead (sak 31/24). */
  coSigners: string[];
  /**
   * Recipients the lead named that have not confirmed yet: the answer does not count as theirs until each confirms
   * through its own link (absent in answers given before confirmation was asked for).
   */
  pendingCoSigners?: string[];
  version: number;
  late: boolean;
  withheld: string | null;
}

export interface Extension {
  deadline: string;
  reason: string;
}

export interface HearingContext extends HearingInput {
  /** Organisation id → its recipient's own deadline, when extended. */
  extensions: Record<string, Extension>;
  answers: Record<string, AnswerRecord>;
  /** Organisation id → the answer it signed (as lead or co-signer). One answer per organisation. */
  answeredBy: Record<string, string>;
  /** Sammendrag per question id (`general` for the answer as a whole). */
  summaryTexts: Record<string, string>;
  presentation: { caseId: string; caseRef: string; meetingId: string | null } | null;
  conclusion: string | null;
  withdrawnReason: string | null;
  /**
   * Organisation id → how many times the secretariat re-issued its personal link (none: 0). Each re-issue signs
   * the recipient's links with a new key (`recipientLinkKey`). Absent in hearings started before re-issuing existed.
   */
  linkGenerations?: Record<string, number>;
}

export type HearingUpdate = {
  title?: string;
  origin?: string | null;
  proposal?: string;
  attachments?: HearingAttachmentRef[];
  questions?: HearingQuestion[];
  recipients?: HearingRecipient[];
  deadline?: string | null;
  reminderOffsets?: string[];
  acceptLateAnswers?: boolean;
};

export type QuestionAnswer = {
  questionId: string;
  text: string;
};

export type AnswerSubmitted = {
  type: 'answer.submitted';
  answerId: string;
  organisationId: string;
  /** Co-signers that count: confirmed before, or registered by the secretariat. */
  coSigners: string[];
  /** Co-signers named through the lead's link and not confirmed yet; each is asked once per answer. */
  pendingCoSigners?: string[];
  version: number;
  /** After the lead's deadline (the hearings service decides, the projection checks by the database clock). */
  late: boolean;
  text: string;
  questionAnswers: QuestionAnswer[];
  attachmentIds: string[];
};

/** A recipient named as co-signer confirms through its own link: a new version of the answer with it signing. */
export type CoSignatureConfirmed = {
  type: 'coSignature.confirmed';
  answerId: string;
  organisationId: string;
  version: number;
};

/** A co-signer takes its organisation off a joint answer: a new version of the answer without it. */
export type SignatureWithdrawn = {
  type: 'signature.withdrawn';
  answerId: string;
  organisationId: string;
  version: number;
  reason: string | null;
};

export type HearingEvent =
  | ({ type: 'hearing.updated' } & HearingUpdate)
  | { type: 'hearing.sent' }
  | AnswerSubmitted
  | SignatureWithdrawn
  | CoSignatureConfirmed
  | { type: 'answer.withheld'; answerId: string; reason: string }
  | { type: 'answer.released'; answerId: string }
  | { type: 'extension.granted'; organisationId: string; deadline: string; reason: string }
  | { type: 'lateAnswers.closed' }
  | { type: 'lateAnswers.reopened' }
  | { type: 'reminder.due'; organisationId: string; offset: string; deadline: string }
  | { type: 'link.reissued'; organisationId: string }
  | { type: 'deadline.passed' }
  | { type: 'summary.started' }
  | { type: 'summary.textRecorded'; questionId: string; text: string }
  | { type: 'hearing.presented'; caseId: string; caseRef: string; meetingId: string | null }
  | { type: 'hearing.concluded'; conclusion: string }
  | { type: 'hearing.withdrawn'; reason: string };
