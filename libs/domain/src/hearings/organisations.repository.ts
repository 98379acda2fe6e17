import { randomUUID } from 'node:crypto';
import { conflict, isUuid, type Queryable } from '@samflyt/engine';
import { containing, queryPage, type Page, type PageRequest } from '../paging';

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

export interface OrganisationFilter {
  kind?: string;
  q?: string;
}

/** The organisations hearings are sent to, and their contact persons. */
export class OrganisationsRepository {
  constructor(private readonly db: Queryable) {}

  /** A page of organisations (kommuner first, then by name) with their contact persons. */
  async page(filter: OrganisationFilter, page: PageRequest): Promise<Page<OrganisationWithContacts>> {
    const where = `($1::text IS NULL OR o.kind = $1) AND ($2::text IS NULL OR o.name ILIKE $2)`;
    const params = [filter.kind ?? null, filter.q ? containing(filter.q) : null];
    return queryPage<OrganisationWithContacts>(
      this.db,
      {
        count: `SELECT count(*)::int AS total FROM organisations o WHERE ${where}`,
        rows: `SELECT o.id, o.name, o.kind, o.number, o.region,
              coalesce((SELECT json_agg(json_build_object('id', k.id, 'organisationId', k.organisation_id, 'name', k.name,
                          'email', k.email, 'title', k.title) ORDER BY k.created_at, k.id)
                          FROM organisation_contacts k WHERE k.organisation_id = o.id), '[]') AS contacts
         FROM organisations o
        WHERE ${where}
        ORDER BY o.kind = 'kommune' DESC, o.name, o.id`,
        params,
      },
      page,
    );
  }

  /** The names of those of `ids` that are organisations. */
  async names(ids: string[]): Promise<Map<string, string>> {
    const known = ids.filter(isUuid);
    const rows = (await this.db.query(`SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])`, [known])) as {
      id: string;
      name: string;
    }[];
    return new Map(rows.map((o) => [o.id, o.name]));
  }

  /** The contact persons of each organisation, in the order they were added. */
  async contactsOf(organisationIds: string[]): Promise<Map<string, ContactView[]>> {
    const rows = (await this.db.query(
      `SELECT id, organisation_id AS "organisationId", name, email, title FROM organisation_contacts
        WHERE organisation_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [organisationIds.filter(isUuid)],
    )) as ContactView[];
    const map = new Map<string, ContactView[]>(organisationIds.map((id) => [id, []]));
    for (const r of rows) map.get(r.organisationId)?.push(r);
    return map;
  }

  /** Adds a contact person; one e-mail address once per organisation (409). */
  async addContact(contact: Omit<ContactView, 'id'>): Promise<ContactView> {
    const id = randomUUID();
    try {
      await this.db.query(
        `INSERT INTO organisation_contacts (id, organisation_id, name, email, title) VALUES ($1, $2, $3, $4, $5)`,
        [id, contact.organisationId, contact.name, contact.email, contact.title],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw conflict(`${contact.email} is already a contact of this organisation`, {
          constraint: 'organisation_contacts_email',
        });
      }
      throw error;
    }
    return { id, ...contact };
  }

  /** Removes a contact person of an organisation; whether there was one. */
  async removeContact(organisationId: string, contactId: string): Promise<boolean> {
    const [{ count }] = (await this.db.query(
      `WITH gone AS (DELETE FROM organisation_contacts WHERE organisation_id = $1 AND id = $2 RETURNING id)
       SELECT count(*)::int AS count FROM gone`,
      [organisationId, contactId],
    )) as { count: number }[];
    return count > 0;
  }
}
