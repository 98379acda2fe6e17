import { keysetAfter, type KeysetRow } from './keyset';
import type { Queryable } from './workflow-definition';

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** An e-mail the engine wrote in an event's transaction, to be sent by the worker. */
export interface OutboxMessage {
  id: string;
  idempotencyKey: string;
  recipient: string;
  recipientName: string | null;
  subject: string;
  body: string;
  status: OutboxStatus;
  /** The instance whose event wrote it (null for messages outside a workflow). */
  instanceId: string | null;
  /** A letter to render, keep and attach (RenderedMessage.letter), or null. */
  letter: Record<string, unknown> | null;
  createdAt: Date;
}

/**
 * The outbox (`outbox_messages`) as the worker and the reconciler use it. `lock` holds the row until the
 * transaction of the Queryable ends: build this on a transaction's manager to send a message under its lock.
 */
export class OutboxRepository {
  constructor(private readonly db: Queryable) {}

  /** The message, locked `FOR UPDATE`; undefined when no row has this id. */
  async lock(id: string): Promise<OutboxMessage | undefined> {
    const [row] = (await this.db.query(
      `SELECT id, idempotency_key AS "idempotencyKey", recipient, recipient_name AS "recipientName", subject, body, status,
              instance_id AS "instanceId", letter, created_at AS "createdAt"
         FROM outbox_messages WHERE id = $1 FOR UPDATE`,
      [id],
    )) as OutboxMessage[];
    return row;
  }

  /** One more attempt that went out; last_error stays, recording that the message needed retries. */
  async recordSent(id: string, messageId: string): Promise<void> {
    await this.db.query(
      `UPDATE outbox_messages
          SET status = 'sent', sent_at = now(), attempts = attempts + 1, message_id = $2
        WHERE id = $1`,
      [id, messageId],
    );
  }

  /** One more attempt that failed, and why; `giveUp` marks the message `failed` (no more attempts). */
  async recordFailedAttempt(id: string, error: string, giveUp: boolean): Promise<void> {
    await this.db.query(
      `UPDATE outbox_messages
          SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END
        WHERE id = $1`,
      [id, error, giveUp],
    );
  }

  /** Up to `limit` pending messages after `after`, in (created_at, id) order: `at` is created_at. */
  async pendingAfter(after: KeysetRow | null, limit: number): Promise<KeysetRow[]> {
    return (await this.db.query(
      `SELECT id, created_at AS at FROM outbox_messages
        WHERE status = 'pending' AND (created_at, id) > ($1::timestamptz, $2::uuid)
        ORDER BY created_at, id LIMIT $3`,
      [...keysetAfter(after), limit],
    )) as KeysetRow[];
  }
}
