export * from './contacts.service';
export * from './hearing-answers.service';
export * from './hearing-summary';
export * from './hearing-summary.service';
export * from './hearing-view';
export * from './hearing.service';
export * from './hearings.repository';
