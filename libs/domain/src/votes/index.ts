export * from './inhabil.service';
export * from './vote-eligibility';
export * from './vote-eligibility.service';
export * from './vote-rules';
export * from './vote-view';
export * from './vote.projection';
export * from './vote.service';
export * from './votes.repository';
