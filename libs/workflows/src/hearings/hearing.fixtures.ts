import type { AnswerSubmitted } from './hearing.model';

/** Ids and events the hearing unit tests share (the rules and the machine). */
export const org = (n: number) => `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;

export const ANSWER = '30000000-0000-4000-8000-000000000001';

/** A first answer of `organisationId` alone, before the deadline, with `extra` on top. */
export const answer = (organisationId: string, extra: Partial<AnswerSubmitted> = {}): AnswerSubmitted => ({
  type: 'answer.submitted',
  answerId: ANSWER,
  organisationId,
  coSigners: [],
  version: 1,
  late: false,
  text: 'Svar.',
  questionAnswers: [],
  attachmentIds: [],
  ...extra,
});
