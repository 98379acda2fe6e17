import { MigrationInterface, QueryRunner } from 'typeorm';

export class Engine1732370000000 implements MigrationInterface {
  name = 'Engine1732370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workflow_instances (
        id uuid PRIMARY KEY,
        workflow text NOT NULL,
        version int NOT NULL,
        state text NOT NULL,
        status text NOT NULL,
        snapshot jsonb NOT NULL,
        revision int NOT NULL CHECK (revision >= 1),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX workflow_instances_workflow_state ON workflow_instances (workflow, state)`);
    await q.query(`
      CREATE TABLE workflow_journal (
        id bigserial PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES workflow_instances (id),
        seq int NOT NULL,
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        actor jsonb NOT NULL,
        from_state text,
        to_state text NOT NULL,
        idempotency_key text,
        at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (instance_id, seq)
      )`);
    await q.query(`
      CREATE TABLE workflow_timers (
        id uuid PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES workflow_instances (id),
        timer_group text NOT NULL,
        name text NOT NULL,
        event jsonb NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'fired', 'cancelled')),
        armed_revision int NOT NULL,
        fired_at timestamptz,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX workflow_timers_pending_due ON workflow_timers (due_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX workflow_timers_instance_status ON workflow_timers (instance_id, status)`);
    await q.query(`
      CREATE TABLE outbox_messages (
        id uuid PRIMARY KEY,
        instance_id uuid REFERENCES workflow_instances (id),
        idempotency_key text NOT NULL UNIQUE,
        channel text NOT NULL,
        recipient text NOT NULL,
        recipient_name text,
        subject text NOT NULL,
        body text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_messages_status_created ON outbox_messages (status, created_at)`);
    await q.query(`
      CREATE TABLE idempotency_records (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status int NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_records`);
    await q.query(`DROP TABLE outbox_messages`);
    await q.query(`DROP TABLE workflow_timers`);
    await q.query(`DROP TABLE workflow_journal`);
    await q.query(`DROP TABLE workflow_instances`);
  }
}
