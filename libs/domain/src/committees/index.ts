export * from './committee.entity';
export * from './membership.entity';
export * from './organisation.entity';
export * from './person.entity';
