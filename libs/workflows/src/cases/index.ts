export * from './case-followers';
export * from './case.machine';
export * from './case.schemas';
export * from './case.workflow';
