export * from './case.machine';
export * from './case.workflow';
