export { projectApplication } from './application.projection';
export * from './grant-application.service';
export * from './grant-applications.repository';
export * from './grant-casework.service';
export * from './grant-review.service';
export * from './grant-round.service';
export * from './grant-rounds.repository';
export type { ReviewStatus } from './round-rules';
export { projectRound } from './round.projection';
