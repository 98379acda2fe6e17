import type { Transactional } from '@samflyt/engine';
import {
  CommitteeDocumentError,
  committeeDocumentSchema,
  organisationsDocumentSchema,
  overlaps,
  parseCommitteeDocumentText,
  validateCommitteeDocument,
  type CommitteeDocument,
  type DocumentFieldError,
  type DocumentFormat,
  type OrganisationInput,
} from '@samflyt/workflows';
import { CommitteeImportRepository, type UpsertCounts, type UpsertOutcome } from './committee-import.repository';

export type { UpsertCounts, UpsertOutcome };

export interface CommitteeImportSummary {
  committee: { id: string; code: string; outcome: UpsertOutcome };
  organisations: UpsertCounts;
  persons: UpsertCounts;
  memberships: UpsertCounts;
}

export interface OrganisationsImportSummary {
  organisations: UpsertCounts;
}

/** A DataSource, or the EntityManager of a transaction the import should join. */
export type Db = Transactional;

const counts = (): UpsertCounts => ({ created: 0, updated: 0, unchanged: 0 });

type DescribedOrganisation = OrganisationInput & { kind: string };

/**
 * Imports one committee and its members from a YAML or JSON document (text, or a parsed value).
 *
 * Upserts by natural keys — organisation name, person e-mail (lower-case), committee code, membership
 * (committee, person, valid_from) — so importing the same document twice changes nothing the second
 * time. Memberships the document does not mention are left as they are. Everything happens in one
 * transaction: on any error (CommitteeDocumentError naming the paths) nothing is written.
 */
export async function importCommittee(
  db: Db,
  document: unknown,
  format: DocumentFormat = 'yaml',
): Promise<CommitteeImportSummary> {
  const doc = validateCommitteeDocument(committeeDocumentSchema, parseCommitteeDocumentText(document, format));
  return db.transaction((tx) => new CommitteeImport(new CommitteeImportRepository(tx), doc).run());
}

/** Imports `{ organisations: [{ name, kind, number?, region? }] }`: the bodies hearings are sent to. */
export async function importOrganisations(
  db: Db,
  document: unknown,
  format: DocumentFormat = 'yaml',
): Promise<OrganisationsImportSummary> {
  const doc = validateCommitteeDocument(organisationsDocumentSchema, parseCommitteeDocumentText(document, format));
  return db.transaction(async (tx) => {
    const repo = new CommitteeImportRepository(tx);
    const summary = counts();
    for (const org of doc.organisations) summary[(await repo.upsertOrganisation(org)).outcome]++;
    return { organisations: summary };
  });
}

/** One entry per e-mail: a person with several periods in the document is one person. */
export function personsOf(
  doc: CommitteeDocument,
): { name: string; email: string; organisation: string | null; title: string | null }[] {
  const byEmail = new Map<string, { name: string; email: string; organisation: string | null; title: string | null }>();
  for (const m of doc.members) {
    const seen = byEmail.get(m.email);
    byEmail.set(m.email, {
      name: m.name,
      email: m.email,
      organisation: seen?.organisation ?? m.organisation?.name ?? null,
      title: seen?.title ?? m.title ?? null,
    });
  }
  return [...byEmail.values()];
}

/** The organisations the document describes (with a kind), merged over all members who mention them. */
export function describedOrganisations(doc: CommitteeDocument): Map<string, DescribedOrganisation> {
  const merged = new Map<string, OrganisationInput>();
  for (const m of doc.members) {
    if (!m.organisation) continue;
    const seen = merged.get(m.organisation.name) ?? { name: m.organisation.name };
    merged.set(m.organisation.name, {
      name: seen.name,
      kind: seen.kind ?? m.organisation.kind,
      number: seen.number ?? m.organisation.number,
      region: seen.region ?? m.organisation.region,
    });
  }
  return new Map([...merged].filter((e): e is [string, DescribedOrganisation] => e[1].kind !== undefined));
}

class CommitteeImport {
  private readonly errors: DocumentFieldError[] = [];
  private readonly summary = { organisations: counts(), persons: counts(), memberships: counts() };
  private readonly organisations: Map<string, DescribedOrganisation>;

  constructor(
    private readonly repo: CommitteeImportRepository,
    private readonly doc: CommitteeDocument,
  ) {
    this.organisations = describedOrganisations(doc);
  }

  async run(): Promise<CommitteeImportSummary> {
    const refs = await this.resolveReferences();
    if (this.errors.length > 0) throw new CommitteeDocumentError(this.errors);

    const organisationIds = new Map(refs.existingOrganisations);
    for (const [name, org] of this.organisations) {
      const { id, outcome } = await this.repo.upsertOrganisation(org);
      organisationIds.set(name, id);
      this.summary.organisations[outcome]++;
    }
    const { doc } = this;
    const committee = await this.repo.upsertCommittee({
      code: doc.code,
      name: doc.name,
      kind: doc.kind,
      decisionRule: doc.decision_rule,
      parentId: refs.parentId,
      noticeDays: doc.notice_days,
    });
    const personIds = new Map(refs.varaTargets);
    for (const person of personsOf(doc)) {
      const { id, outcome } = await this.repo.upsertPerson({
        name: person.name,
        email: person.email,
        organisationId: person.organisation ? (organisationIds.get(person.organisation) ?? null) : null,
        title: person.title,
      });
      personIds.set(person.email, id);
      this.summary.persons[outcome]++;
    }
    for (const m of doc.members) {
      const { outcome } = await this.repo.upsertMembership({
        committeeId: committee.id,
        personId: personIds.get(m.email)!,
        role: m.role,
        party: m.party,
        represents: m.represents ?? null,
        organisationId: m.organisation ? (organisationIds.get(m.organisation.name) ?? null) : null,
        hasVote: m.vote ?? false,
        varaForPersonId: m.vara_for ? (personIds.get(m.vara_for) ?? null) : null,
        from: m.from,
        to: m.to ?? null,
      });
      this.summary.memberships[outcome]++;
    }
    return { committee: { id: committee.id, code: doc.code, outcome: committee.outcome }, ...this.summary };
  }

  /**
   * Everything the document names that must already exist: the parent committee, organisations given
   * by name only, varas' members not in the document. Also: a membership must not overlap one the
   * person already has in this committee from another date (that would be two seats at once).
   */
  private async resolveReferences() {
    const { doc, repo } = this;
    let parentId: string | null = null;
    if (doc.parent) {
      const chain = await repo.parentChain(doc.parent);
      if (chain.length === 0)
        this.errors.push({ field: 'parent', message: `no committee has the code ${doc.parent}; import it first` });
      else if (chain.some((c) => c.code === doc.code))
        this.errors.push({ field: 'parent', message: `${doc.parent} is part of ${doc.code} already (a cycle)` });
      else parentId = chain[0].id;
    }

    const byNameOnly = doc.members.flatMap((m, i) =>
      m.organisation && !this.organisations.has(m.organisation.name) ? [{ i, name: m.organisation.name }] : [],
    );
    const existingOrganisations = await repo.organisationIds(byNameOnly.map((o) => o.name));
    for (const { i, name } of byNameOnly)
      if (!existingOrganisations.has(name))
        this.errors.push({
          field: `members[${i}].organisation`,
          message: `no organisation is named «${name}»: give its kind (and number, region) or import it first`,
        });

    const inDocument = new Set(doc.members.map((m) => m.email));
    const outside = doc.members.flatMap((m, i) =>
      m.vara_for && !inDocument.has(m.vara_for) ? [{ i, email: m.vara_for }] : [],
    );
    const varaTargets = await repo.membersByEmail(
      doc.code,
      outside.map((o) => o.email),
    );
    for (const { i, email } of outside)
      if (!varaTargets.has(email))
        this.errors.push({
          field: `members[${i}].vara_for`,
          message: `${email} is not a member of ${doc.code}, in this document or before`,
        });

    const seats = await repo.seats(doc.code, [...inDocument]);
    doc.members.forEach((m, i) => {
      const clash = seats.find((s) => s.email === m.email && s.from !== m.from && overlaps(s, m));
      if (clash)
        this.errors.push({
          field: `members[${i}].from`,
          message: `${m.email} has a seat in ${doc.code} from ${clash.from}${clash.to ? ` to ${clash.to}` : ''} already; end that one first`,
        });
    });
    return { parentId, existingOrganisations, varaTargets };
  }
}
