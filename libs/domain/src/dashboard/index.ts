export * from './dashboard.repository';
export * from './message-resend.repository';
