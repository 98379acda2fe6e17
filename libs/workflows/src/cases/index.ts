export * from './case.machine';
export * from './case.workflow';
export * from './case-followers';
