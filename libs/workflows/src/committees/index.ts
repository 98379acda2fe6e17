export * from './committee.model';
