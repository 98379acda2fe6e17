export * from './agenda';
export * from './meeting.machine';
export * from './meeting.schemas';
export * from './meeting.templates';
export * from './meeting.workflow';
