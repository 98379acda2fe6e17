import type { Queryable } from '@samflyt/engine';

export interface LetterDocumentRow {
  id: string;
  instance_id: string | null;
  kind: string;
  addressee_person_id: string | null;
  addressee_name: string;
  addressee_organisation: string | null;
  addressee_email: string | null;
  case_ref: string | null;
  their_ref: string | null;
  subject: string;
  template_scope: string | null;
  template_version: number;
  checksum_sha256: string;
  size: number;
  created_at: Date;
}

export interface NewLetter extends Omit<LetterDocumentRow, 'created_at' | 'size'> {
  letter_key: string;
  outbox_id: string;
  bytes: Buffer;
  created_at: Date;
}

export interface TemplateVersionRow {
  kind: string;
  version: number;
  subject: string;
  body: string;
  created_by: string;
  created_by_name: string | null;
  created_at: Date;
}

const COLUMNS = `id, instance_id, kind, addressee_person_id, addressee_name, addressee_organisation, addressee_email,
  case_ref, their_ref, subject, template_scope, template_version, checksum_sha256, size, created_at`;
const TEMPLATE_COLUMNS = `kind, version, subject, body, created_by, created_by_name, created_at`;

/** `letters` (written once, never changed) and `letter_templates` (a new row per version). */
export class LettersRepository {
  constructor(private readonly db: Queryable) {}

  async byKey(letterKey: string): Promise<(LetterDocumentRow & { bytes: Buffer }) | undefined> {
    const [row] = (await this.db.query(`SELECT ${COLUMNS}, bytes FROM letters WHERE letter_key = $1`, [
      letterKey,
    ])) as (LetterDocumentRow & { bytes: Buffer })[];
    return row;
  }

  /** Inserts the letter unless one with its key exists (then nothing: the first one stands). */
  async insertOnce(l: NewLetter): Promise<void> {
    await this.db.query(
      `INSERT INTO letters (id, letter_key, instance_id, outbox_id, kind, addressee_person_id, addressee_name,
         addressee_organisation, addressee_email, case_ref, their_ref, subject, template_scope, template_version,
         checksum_sha256, size, bytes, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       ON CONFLICT (letter_key) DO NOTHING`,
      [
        l.id,
        l.letter_key,
        l.instance_id,
        l.outbox_id,
        l.kind,
        l.addressee_person_id,
        l.addressee_name,
        l.addressee_organisation,
        l.addressee_email,
        l.case_ref,
        l.their_ref,
        l.subject,
        l.template_scope,
        l.template_version,
        l.checksum_sha256,
        l.bytes.length,
        l.bytes,
        l.created_at,
      ],
    );
  }

  async get(id: string): Promise<LetterDocumentRow | undefined> {
    const [row] = (await this.db.query(`SELECT ${COLUMNS} FROM letters WHERE id = $1`, [id])) as LetterDocumentRow[];
    return row;
  }

  async bytes(id: string): Promise<Buffer | undefined> {
    const [row] = (await this.db.query(`SELECT bytes FROM letters WHERE id = $1`, [id])) as { bytes: Buffer }[];
    return row?.bytes;
  }

  async forInstance(instanceId: string): Promise<LetterDocumentRow[]> {
    return (await this.db.query(`SELECT ${COLUMNS} FROM letters WHERE instance_id = $1 ORDER BY created_at, id`, [
      instanceId,
    ])) as LetterDocumentRow[];
  }

  /** The version in force at `at`: the newest written before it. */
  async templateAsOf(scope: string, kind: string, at: Date): Promise<TemplateVersionRow | undefined> {
    const [row] = (await this.db.query(
      `SELECT ${TEMPLATE_COLUMNS} FROM letter_templates WHERE scope = $1 AND kind = $2 AND created_at <= $3
        ORDER BY version DESC LIMIT 1`,
      [scope, kind, at],
    )) as TemplateVersionRow[];
    return row;
  }

  /** Every version of a kind, newest first. */
  async templateVersions(scope: string, kind: string): Promise<TemplateVersionRow[]> {
    return (await this.db.query(
      `SELECT ${TEMPLATE_COLUMNS} FROM letter_templates WHERE scope = $1 AND kind = $2 ORDER BY version DESC`,
      [scope, kind],
    )) as TemplateVersionRow[];
  }

  /** The newest version of each kind the scope has changed. */
  async latestTemplates(scope: string): Promise<TemplateVersionRow[]> {
    return (await this.db.query(
      `SELECT DISTINCT ON (kind) ${TEMPLATE_COLUMNS} FROM letter_templates WHERE scope = $1 ORDER BY kind, version DESC`,
      [scope],
    )) as TemplateVersionRow[];
  }

  /** A new version after the newest; two at once: one gets the primary key's conflict. */
  async addTemplateVersion(
    scope: string,
    kind: string,
    text: { subject: string; body: string },
    by: { id: string; name: string },
  ): Promise<TemplateVersionRow> {
    const [row] = (await this.db.query(
      `INSERT INTO letter_templates (scope, kind, version, subject, body, created_by, created_by_name)
       SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5, $6 FROM letter_templates WHERE scope = $1 AND kind = $2
       RETURNING ${TEMPLATE_COLUMNS}`,
      [scope, kind, text.subject, text.body, by.id, by.name],
    )) as TemplateVersionRow[];
    return row;
  }
}
