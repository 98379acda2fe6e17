export * from './ballot.entity';
export * from './inhabil-declaration.entity';
export * from './inhabil.service';
export { VoteEligibilityService, type DerivedEligibility, type VoteCase } from './vote-eligibility.service';
export * from './vote.entity';
export type { VoteView } from './vote-view';
export * from './vote.service';
