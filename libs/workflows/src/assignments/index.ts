export * from './assignment.machine';
export * from './assignment.schemas';
export * from './assignment.workflow';
