export * from './assignment.machine';
export * from './assignment.workflow';
