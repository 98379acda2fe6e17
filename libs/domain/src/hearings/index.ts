export * from './contacts.service';
export * from './hearing-answers.service';
export * from './hearing-summary';
export * from './hearing-summary.service';
export * from './hearing-view';
export * from './hearing.service';
export {
  HearingsRepository,
  type AnswerRow,
  type AnswerVersionRow,
  type AttachmentRow,
  type HearingFilter,
  type HearingCountsRow,
  type HearingListRow,
  type HearingRow,
  type RecipientRow,
  type SignatoryRow,
} from './hearings.repository';
