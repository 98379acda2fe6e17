// @samflyt/engine: runs registered machines durably. It knows no feature: features register definitions with it.
export * from './actor';
export * from './effects';
export * from './engine.migration';
export * from './engine.service';
export * from './errors';
export * from './ids';
export * from './job-dispatcher';
export * from './jobs';
export * from './machine-coverage';
export * from './read-model.migration';
export * from './registry';
export * from './snapshots';
export * from './time';
export * from './transition-writes';
export * from './workflow-definition';
export { parse } from './event-check';
