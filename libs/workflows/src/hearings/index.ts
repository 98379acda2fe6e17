export * from './deadline-warnings';
export * from './hearing-links';
export * from './hearing-rules';
export * from './hearing.machine';
export * from './hearing.model';
export * from './hearing.schemas';
export * from './hearing.templates';
export * from './hearing.workflow';
