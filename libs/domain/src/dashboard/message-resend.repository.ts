import { conflict, notFound, type Actor } from '@samflyt/engine';
import type { DataSource } from 'typeorm';
import { messageItem, type MessageItem } from './dashboard.repository';

export interface MessageEventItem {
  event: 'resent';
  actor: { id: string; name: string };
  previousRecipient: string;
  recipient: string;
  previousError: string | null;
  at: string;
}

/**
 * The secretariat mends an e-mail that failed: the address corrected (or kept), the message made pending again and
 * its rounds of retries reset, journaled in `outbox_message_events` in the same transaction. The caller then hands
 * it to the queue; if Redis is away, the worker's reconciler does.
 */
export class MessageResendRepository {
  constructor(private readonly db: DataSource) {}

  /** @throws not-found for an unknown message; conflict unless the message is `failed`. */
  async resend(id: string, recipient: string | undefined, actor: Actor): Promise<MessageItem> {
    return this.db.transaction(async (m) => {
      const [row] = (await m.query(
        `SELECT id, recipient, status, last_error FROM outbox_messages WHERE id = $1 FOR UPDATE`,
        [id],
      )) as { id: string; recipient: string; status: string; last_error: string | null }[];
      if (!row) throw notFound('message', id);
      if (row.status !== 'failed') {
        throw conflict(`Only a failed message can be sent again; this one is ${row.status}`, { constraint: 'status' });
      }
      const to = recipient ?? row.recipient;
      await m.query(
        `UPDATE outbox_messages
            SET recipient = $2, status = 'pending', last_error = NULL, failed_at = NULL, requeues = 0, requeue_after = NULL
          WHERE id = $1`,
        [id, to],
      );
      await m.query(
        `INSERT INTO outbox_message_events (message_id, event, actor, previous_recipient, recipient, previous_error)
         VALUES ($1, 'resent', $2, $3, $4, $5)`,
        [id, JSON.stringify({ id: actor.id, name: actor.name }), row.recipient, to, row.last_error],
      );
      const [updated] = (await m.query(
        `SELECT o.*, i.workflow FROM outbox_messages o LEFT JOIN workflow_instances i ON i.id = o.instance_id
          WHERE o.id = $1`,
        [id],
      )) as Record<string, unknown>[];
      return messageItem(updated);
    });
  }

  /** What people did about one message, oldest first; not-found for an unknown message. */
  async events(id: string): Promise<MessageEventItem[]> {
    const rows = (await this.db.query(
      `SELECT o.id AS message, e.event, e.actor, e.previous_recipient, e.recipient, e.previous_error, e.at
         FROM outbox_messages o LEFT JOIN outbox_message_events e ON e.message_id = o.id
        WHERE o.id = $1 ORDER BY e.id`,
      [id],
    )) as Record<string, any>[];
    if (rows.length === 0) throw notFound('message', id);
    return rows
      .filter((r) => r.event !== null)
      .map((r) => ({
        event: r.event,
        actor: r.actor,
        previousRecipient: r.previous_recipient,
        recipient: r.recipient,
        previousError: r.previous_error,
        at: new Date(r.at).toISOString(),
      }));
  }
}
