import { randomUUID } from 'node:crypto';
import { ErrorCode, DomainError, hasRole, invalidInput, type Actor, isUuid, notFound } from '@samflyt/engine';
import type { DataSource } from 'typeorm';

export interface ContactView {
  id: string;
  organisationId: string;
  name: string;
  email: string;
  title: string | null;
}

export interface OrganisationWithContacts {
  id: string;
  name: string;
  kind: string;
  number: string | null;
  region: string | null;
  contacts: ContactView[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Contact persons of the organisations (postmottak, the kommunalsjef for helse …): a hearing's
 * invitation, reminders and receipts go to them. One e-mail address once per organisation.
 */
export class ContactService {
  constructor(private readonly dataSource: DataSource) {}

  /** A page of organisations (kommuner first, then by name) with their contact persons, and how many match. */
  async organisations(
    filter: { kind?: string; q?: string } = {},
    page = 1,
    pageSize = 25,
  ): Promise<{ items: OrganisationWithContacts[]; total: number }> {
    const q = filter.q ? `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
    const where = `($1::text IS NULL OR o.kind = $1) AND ($2::text IS NULL OR o.name ILIKE $2)`;
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM organisations o WHERE ${where}`,
      [filter.kind ?? null, q],
    )) as { total: number }[];
    const items = (await this.dataSource.query(
      `SELECT o.id, o.name, o.kind, o.number, o.region,
              coalesce((SELECT json_agg(json_build_object('id', k.id, 'organisationId', k.organisation_id, 'name', k.name,
                          'email', k.email, 'title', k.title) ORDER BY k.created_at, k.id)
                          FROM organisation_contacts k WHERE k.organisation_id = o.id), '[]') AS contacts
         FROM organisations o
        WHERE ${where}
        ORDER BY o.kind = 'kommune' DESC, o.name, o.id LIMIT $3 OFFSET $4`,
      [filter.kind ?? null, q, pageSize, (page - 1) * pageSize],
    )) as OrganisationWithContacts[];
    return { items, total };
  }

  async add(
    organisationId: string,
    body: { name: string; email: string; title?: string | null },
    actor: Actor,
  ): Promise<ContactView> {
    if (!hasRole(actor, 'secretariat')) {
      throw new DomainError(ErrorCode.Forbidden, 'Only the secretariat keeps contact persons');
    }
    const errors = [
      !body.name?.trim() || body.name.length > 200 ? { field: 'name', message: 'must be 1-200 characters' } : null,
      !EMAIL.test(body.email ?? '') || body.email.length > 320
        ? { field: 'email', message: 'must be an e-mail address' }
        : null,
    ].filter((e) => e !== null);
    if (errors.length > 0) throw invalidInput(errors);
    await this.organisation(organisationId);
    const id = randomUUID();
    try {
      await this.dataSource.query(
        `INSERT INTO organisation_contacts (id, organisation_id, name, email, title) VALUES ($1, $2, $3, $4, $5)`,
        [id, organisationId, body.name.trim(), body.email.trim(), body.title?.trim() || null],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new DomainError(ErrorCode.Conflict, `${body.email} is already a contact of this organisation`, {
          constraint: 'organisation_contacts_email',
        });
      }
      throw error;
    }
    return { id, organisationId, name: body.name.trim(), email: body.email.trim(), title: body.title?.trim() || null };
  }

  async remove(organisationId: string, contactId: string, actor: Actor): Promise<void> {
    if (!hasRole(actor, 'secretariat')) {
      throw new DomainError(ErrorCode.Forbidden, 'Only the secretariat keeps contact persons');
    }
    if (!isUuid(organisationId) || !isUuid(contactId)) throw notFound(`contact with id "${contactId}"`);
    const [, count] = (await this.dataSource.query(
      `DELETE FROM organisation_contacts WHERE organisation_id = $1 AND id = $2`,
      [organisationId, contactId],
    )) as [unknown, number];
    if (count === 0) throw notFound(`contact with id "${contactId}"`);
  }

  async contactsOf(organisationIds: string[]): Promise<Map<string, ContactView[]>> {
    const rows = (await this.dataSource.query(
      `SELECT id, organisation_id AS "organisationId", name, email, title FROM organisation_contacts
        WHERE organisation_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [organisationIds],
    )) as ContactView[];
    const map = new Map<string, ContactView[]>(organisationIds.map((id) => [id, []]));
    for (const r of rows) map.get(r.organisationId)?.push(r);
    return map;
  }

  private async organisation(id: string): Promise<void> {
    const [row] = isUuid(id)
      ? ((await this.dataSource.query(`SELECT id FROM organisations WHERE id = $1`, [id])) as unknown[])
      : [];
    if (!row) throw notFound(`organisation with id "${id}"`);
  }
}
