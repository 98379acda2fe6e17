export * from './agenda';
export * from './meeting.machine';
export * from './meeting.projection';
export * from './meeting.templates';
export * from './meeting.workflow';
