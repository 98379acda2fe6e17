export * from './idempotency-record.entity';
export * from './journal-entry.entity';
export * from './outbox-message.entity';
export * from './timer.entity';
export * from './workflow-instance.entity';
