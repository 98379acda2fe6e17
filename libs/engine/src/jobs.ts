/** Queue and job names shared by api (producer) and worker (consumer). No `:` in job ids (BullMQ rule). */
export enum QueueName {
  Timers = 'samflyt-timers',
  Outbox = 'samflyt-outbox',
}

export enum JobName {
  FireTimer = 'timer.fire',
  SendMessage = 'outbox.send',
}

export interface FireTimerJob {
  timerId: string;
  /** The correlation id of the request that armed the timer (libs/engine/src/correlation.ts). */
  correlationId?: string;
}

export interface SendMessageJob {
  messageId: string;
  /** The correlation id of the request whose transition wrote the message. */
  correlationId?: string;
}

export interface JobPayloads {
  [JobName.FireTimer]: FireTimerJob;
  [JobName.SendMessage]: SendMessageJob;
}

export const queueOf: Record<JobName, QueueName> = {
  [JobName.FireTimer]: QueueName.Timers,
  [JobName.SendMessage]: QueueName.Outbox,
};

/**
 * Timers further away than this get no Redis job yet; the reconciler (every 30 s) enqueues them as
 * they come near. Short, so a rescheduled deadline leaves few stale delayed jobs behind.
 */
export const TIMER_HORIZON_MS = 60 * 60 * 1000;

export const OUTBOX_ATTEMPTS = 8;
export const OUTBOX_BACKOFF_MS = 2_000;
/**
 * A pending message whose job failed for good (every attempt used while the database or the worker failed, not the
 * SMTP server, which marks the row itself) is put back by the reconciler at most this many rounds, the n-th no
 * earlier than OUTBOX_REQUEUE_BACKOFF_MS × 2^(n-1) after the one before (1, 2, 4, 8, 16 min), then marked failed.
 */
export const OUTBOX_MAX_REQUEUES = 5;
export const OUTBOX_REQUEUE_BACKOFF_MS = 60_000;

/**
 * An address an SMTP server can be asked to deliver to: local@domain.tld, no spaces, no brackets or separators, at
 * most 254 characters. Anything else is a message that can never go out, marked failed at once.
 */
export function isDeliverableAddress(address: string): boolean {
  return address.length <= 254 && /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\.]+$/.test(address);
}
