import { notFound, type Transactional } from '@samflyt/engine';
import type { DocumentFormat } from '@samflyt/workflows';
import { DateTime } from 'luxon';
import { importCommittee, type CommitteeImportSummary } from './committee-import';
import type {
  CommitteesRepository,
  CommitteeSummaryView,
  CommitteeView,
  PersonMembershipView,
  PersonView,
} from './committees.repository';

/** Today's date in Norway (YYYY-MM-DD): memberships are valid per calendar day there. */
export const osloToday = (): string => DateTime.now().setZone('Europe/Oslo').toISODate()!;

/** Committees, their members on a date, and a person's memberships; new members come by importing a document. */
export class CommitteeService {
  constructor(
    private readonly repo: CommitteesRepository,
    private readonly db: Transactional,
  ) {}

  list(at: string = osloToday()): Promise<CommitteeSummaryView[]> {
    return this.repo.list(at);
  }

  /** The committee and its seats valid on `at`. */
  async get(code: string, at: string = osloToday()): Promise<CommitteeView> {
    const committee = await this.repo.get(code, at);
    if (!committee) throw notFound(`committee with the code ${code}`);
    return committee;
  }

  /** A person by id (when `id` is a uuid) or by e-mail (compared lower-case); null when unknown. */
  findPerson(by: { id?: string | null; email?: string | null }): Promise<PersonView | null> {
    return this.repo.findPerson(by);
  }

  /** All of a person's memberships, past, current and future; `current` says which are valid on `at`. */
  membershipsOf(personId: string, at: string = osloToday()): Promise<PersonMembershipView[]> {
    return this.repo.membershipsOf(personId, at);
  }

  /** The person a login belongs to, with their memberships; 404 when the register has none. */
  async me(personId: string | null): Promise<{ person: PersonView; memberships: PersonMembershipView[] }> {
    const person = personId ? await this.repo.findPerson({ id: personId }) : null;
    if (!person) throw notFound('person in the register with this login (token sub or email)');
    return { person, memberships: await this.membershipsOf(person.id) };
  }

  /** Imports a committee document (see `importCommittee`). */
  import(document: unknown, format: DocumentFormat): Promise<CommitteeImportSummary> {
    return importCommittee(this.db, document, format);
  }
}
