import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an uploaded file that no submitted answer or application names is deleted (sweepUnreferencedAttachments, run
 * by the worker's reconciler). Null: kept (files stored before this migration, and files found referenced).
 */
export class AttachmentExpiry1732450000000 implements MigrationInterface {
  name = 'AttachmentExpiry1732450000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['hearing_attachments', 'grant_attachments']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN expires_at timestamptz`);
      await q.query(`CREATE INDEX ${table}_expiry ON ${table} (expires_at) WHERE expires_at IS NOT NULL`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['hearing_attachments', 'grant_attachments']) {
      await q.query(`ALTER TABLE ${table} DROP COLUMN expires_at`);
    }
  }
}
