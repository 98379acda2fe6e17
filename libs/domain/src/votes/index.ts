export * from './ballot.entity';
export * from './inhabil-declaration.entity';
export * from './inhabil.service';
export { VoteEligibilityService, type DerivedEligibility, type VoteCase } from './vote-eligibility.service';
export * from './vote.entity';
export * from './vote.service';
