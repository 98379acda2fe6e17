import { notFound, type Actor } from '@samflyt/engine';
import type { ContactRequest } from '@samflyt/workflows';
import type { Page, PageRequest } from '../paging';
import { requireSecretariat } from './hearing-access';
import type {
  ContactView,
  OrganisationFilter,
  OrganisationsRepository,
  OrganisationWithContacts,
} from './organisations.repository';

const KEEPS_CONTACTS = 'Only the secretariat keeps contact persons';

/**
 * Contact persons of the organisations (postmottak, the kommunalsjef for helse …): a hearing's
 * invitation, reminders and receipts go to them. One e-mail address once per organisation.
 */
export class ContactService {
  constructor(private readonly organisations: OrganisationsRepository) {}

  /** A page of organisations (kommuner first, then by name) with their contact persons. */
  async list(filter: OrganisationFilter, page: PageRequest): Promise<Page<OrganisationWithContacts>> {
    return this.organisations.page(filter, page);
  }

  async add(organisationId: string, body: ContactRequest, actor: Actor): Promise<ContactView> {
    requireSecretariat(actor, KEEPS_CONTACTS);
    if (!(await this.organisations.names([organisationId])).has(organisationId)) {
      throw notFound('organisation', organisationId);
    }
    return this.organisations.addContact({
      organisationId,
      name: body.name,
      email: body.email,
      title: body.title || null,
    });
  }

  async remove(organisationId: string, contactId: string, actor: Actor): Promise<void> {
    requireSecretariat(actor, KEEPS_CONTACTS);
    if (!(await this.organisations.removeContact(organisationId, contactId))) throw notFound('contact', contactId);
  }
}
