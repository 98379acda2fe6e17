import {
  DomainError,
  ErrorCode,
  OSLO,
  conflict,
  constraintError,
  forbidden,
  hasRole,
  notFound,
  ruleViolated,
  type Actor,
  type Transactional,
} from '@samflyt/engine';
import { isSecretariat } from '@samflyt/workflows';
import { DateTime } from 'luxon';
import { VotesRepository, type InhabilRow, type VoteCase } from './votes.repository';

export interface InhabilDeclarationView {
  caseId: string;
  personId: string;
  name: string;
  reason: string;
  declaredBy: string;
  declaredAt: string;
}

const viewOf = (r: InhabilRow): InhabilDeclarationView => ({
  caseId: r.case_id,
  personId: r.person_id,
  name: r.name,
  reason: r.reason,
  declaredBy: r.declared_by,
  declaredAt: r.declared_at.toISOString(),
});

/**
 * Inhabilitet (forvaltningsloven § 6) per case and member, declared by the member themself or the
 * secretariat. A declared member is left out of every vote on the case opened after it.
 */
export class InhabilService {
  constructor(
    private readonly repo: VotesRepository,
    private readonly db: Transactional,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async declare(
    caseId: string,
    request: { personId?: string; reason: string },
    actor: Actor,
  ): Promise<InhabilDeclarationView> {
    const kase = await this.requireCase(caseId);
    const personId = request.personId ?? actor.id;
    if (!isSecretariat(actor) && personId !== actor.id) {
      throw forbidden('Only the member themself or the secretariat may declare a member inhabil');
    }
    const today = DateTime.fromJSDate(this.now(), { zone: OSLO }).toISODate()!;
    if (!(await this.repo.isMember(kase.committee.id, personId, today))) {
      throw ruleViolated(
        `${personId === actor.id ? 'You hold' : `Person ${personId} holds`} no seat in ${kase.committee.code}; ` +
          'inhabilitet is declared by members of the committee deciding the case',
      );
    }
    return this.db.transaction(async (tx) => {
      const repo = new VotesRepository(tx);
      await repo.lockCaseEligibility(caseId);
      const open = await repo.openVoteOn(caseId);
      if (open) {
        throw conflict(
          `A vote on case ${kase.ref} is open and its voters were fixed when it opened; ` +
            'cancel it and open a new vote to leave the member out',
          { vote: open },
        );
      }
      try {
        return viewOf(await repo.insertInhabil(caseId, personId, request.reason, actor.id));
      } catch (error) {
        throw alreadyDeclared(error, kase);
      }
    });
  }

  /** The secretariat, the committee's members (roles derived from memberships) and the declared member. */
  async list(caseId: string, actor: Actor): Promise<InhabilDeclarationView[]> {
    const kase = await this.requireCase(caseId);
    const code = kase.committee.code;
    const all = hasRole(actor, 'secretariat', 'admin', `committee:${code}`, `committee:${code}:vote`);
    return (await this.repo.inhabilDeclarations(caseId, all, actor.id)).map(viewOf);
  }

  private async requireCase(caseId: string): Promise<VoteCase> {
    const kase = await this.repo.findCase(caseId);
    if (!kase) throw notFound('case', caseId);
    return kase;
  }
}

/** A second declaration for the same member and case, in the case's terms. */
function alreadyDeclared(error: unknown, kase: VoteCase): unknown {
  const mapped = constraintError(error);
  if (mapped instanceof DomainError && mapped.code === ErrorCode.Conflict) {
    return conflict(`The member is already declared inhabil in case ${kase.ref}`, mapped.details);
  }
  return mapped;
}
