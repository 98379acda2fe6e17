export * from './deadline-warnings';
export * from './hearing-links';
export * from './hearing.machine';
export * from './hearing.projection';
export * from './hearing.templates';
export * from './hearing.workflow';
