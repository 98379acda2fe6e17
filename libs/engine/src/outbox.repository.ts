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
  /** The correlation id of the request whose transition wrote it. */
  correlationId: string | null;
  /** The instance whose event wrote it (null for messages outside a workflow). */
  instanceId: string | null;
  /** A letter to render, keep and attach (RenderedMessage.letter), or null. */
  letter: Record<string, unknown> | null;
  createdAt: Date;
}

/** A pending row in keyset order, with the correlation id its job carries. */
export type PendingRow = KeysetRow & { correlationId: string | null };

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
              correlation_id AS "correlationId", instance_id AS "instanceId", letter, created_at AS "createdAt"
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
          SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END,
              failed_at = CASE WHEN $3 THEN now() ELSE failed_at END
        WHERE id = $1`,
      [id, error, giveUp],
    );
  }

  /** Given up without an attempt (no valid recipient): `failed` at once, with the reason. */
  async markFailed(id: string, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE outbox_messages SET status = 'failed', failed_at = now(), last_error = $2 WHERE id = $1 AND status = 'pending'`,
      [id, reason],
    );
  }

  /**
   * Of these pending messages whose BullMQ job failed for good, claims those due for another round: fewer than
   * `maxRequeues` rounds so far and past `requeue_after`. Each claimed row counts one more round and may not be
   * claimed again for `backoffMs × 2^rounds`; a row that used up its rounds is marked `failed` with the reason.
   */
  async claimRequeues(
    ids: readonly string[],
    opts: { maxRequeues: number; backoffMs: number },
  ): Promise<{ requeue: string[]; gaveUp: string[] }> {
    if (ids.length === 0) return { requeue: [], gaveUp: [] };
    const rows = (await this.db.query(
      `WITH gave_up AS (
         UPDATE outbox_messages
            SET status = 'failed', failed_at = now(),
                last_error = 'delivery given up after ' || requeues || ' rounds of retries' ||
                             coalesce(': ' || last_error, '')
          WHERE id = ANY($1::uuid[]) AND status = 'pending' AND requeues >= $2
          RETURNING id, 'gave-up' AS outcome),
       claimed AS (
         UPDATE outbox_messages
            SET requeues = requeues + 1,
                requeue_after = now() + make_interval(secs => $3::float8 / 1000 * power(2, requeues))
          WHERE id = ANY($1::uuid[]) AND status = 'pending' AND requeues < $2
            AND (requeue_after IS NULL OR requeue_after <= now())
          RETURNING id, 'requeue' AS outcome)
       SELECT id, outcome FROM gave_up UNION ALL SELECT id, outcome FROM claimed`,
      [ids, opts.maxRequeues, opts.backoffMs],
    )) as { id: string; outcome: 'gave-up' | 'requeue' }[];
    return {
      requeue: rows.filter((r) => r.outcome === 'requeue').map((r) => r.id),
      gaveUp: rows.filter((r) => r.outcome === 'gave-up').map((r) => r.id),
    };
  }

  /** Up to `limit` pending messages after `after`, in (created_at, id) order: `at` is created_at. */
  async pendingAfter(after: KeysetRow | null, limit: number): Promise<PendingRow[]> {
    return (await this.db.query(
      `SELECT id, created_at AS at, correlation_id AS "correlationId" FROM outbox_messages
        WHERE status = 'pending' AND (created_at, id) > ($1::timestamptz, $2::uuid)
        ORDER BY created_at, id LIMIT $3`,
      [...keysetAfter(after), limit],
    )) as PendingRow[];
  }
}
