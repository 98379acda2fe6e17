export * from './decision-rules';
// `Presence` is also a meeting's name (another shape): exported here under a vote's name.
export {
  eligibleVoters,
  type Eligibility,
  type Exclusion,
  type MemberRole,
  type Party,
  type Presence as VotePresence,
  type Seat,
  type Voter,
} from './eligibility';
export * from './vote-minutes';
export * from './vote.machine';
export * from './vote.schemas';
export * from './vote.templates';
export * from './vote.workflow';
