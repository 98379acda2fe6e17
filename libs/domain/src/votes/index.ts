export * from './inhabil.service';
export { VoteEligibilityService, type DerivedEligibility, type VoteCase } from './vote-eligibility.service';
export type { VoteView } from './vote-view';
export * from './vote.service';
