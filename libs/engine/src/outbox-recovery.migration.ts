import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery that recovers by itself and a secretariat that can see and mend it: how often the reconciler has put a
 * message whose BullMQ job failed for good back on the queue (`requeues`, bounded) and not before when
 * (`requeue_after`), when it was given up (`failed_at`), and the journal of what people did about it
 * (`outbox_message_events`: an address corrected, a message sent again).
 */
export class OutboxRecovery1732460000100 implements MigrationInterface {
  name = 'OutboxRecovery1732460000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_messages
      ADD COLUMN requeues int NOT NULL DEFAULT 0,
      ADD COLUMN requeue_after timestamptz,
      ADD COLUMN failed_at timestamptz`);
    await q.query(`UPDATE outbox_messages SET failed_at = coalesce(sent_at, created_at) WHERE status = 'failed'`);
    await q.query(`
      CREATE TABLE outbox_message_events (
        id bigserial PRIMARY KEY,
        message_id uuid NOT NULL REFERENCES outbox_messages (id),
        event text NOT NULL CHECK (event IN ('resent')),
        actor jsonb NOT NULL,
        previous_recipient text NOT NULL,
        recipient text NOT NULL,
        previous_error text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX outbox_message_events_message ON outbox_message_events (message_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_message_events`);
    await q.query(`ALTER TABLE outbox_messages DROP COLUMN requeues, DROP COLUMN requeue_after, DROP COLUMN failed_at`);
  }
}
