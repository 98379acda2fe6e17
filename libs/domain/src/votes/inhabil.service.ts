import { OSLO, ErrorCode, DomainError, constraintError, hasRole, type Actor, isUuid, notFound } from '@samflyt/engine';
import { caseEligibilityLock } from '@samflyt/workflows';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { VoteEligibilityService } from './vote-eligibility.service';

export interface InhabilDeclarationView {
  caseId: string;
  personId: string;
  name: string;
  reason: string;
  declaredBy: string;
  declaredAt: string;
}

/**
 * Inhabilitet (forvaltningsloven § 6) per case and member, declared by the member themself or the
 * secretariat. A declared member is left out of every vote on the case opened after it.
 */
export class InhabilService {
  private readonly eligibility: VoteEligibilityService;

  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.eligibility = new VoteEligibilityService(dataSource);
  }

  async declare(
    caseId: string,
    request: { personId?: string; reason: string },
    actor: Actor,
  ): Promise<InhabilDeclarationView> {
    const kase = await this.eligibility.findCase(caseId);
    if (!kase) throw notFound('case', caseId);
    const personId = request.personId ?? actor.id;
    if (!hasRole(actor, 'secretariat') && personId !== actor.id) {
      throw new DomainError(
        ErrorCode.Forbidden,
        'Only the member themself or the secretariat may declare a member inhabil',
      );
    }
    const today = DateTime.fromJSDate(this.now(), { zone: OSLO }).toISODate()!;
    if (!(await this.eligibility.isMember(kase.committee.id, personId, today))) {
      throw new DomainError(
        ErrorCode.RuleViolated,
        `${personId === actor.id ? 'You hold' : `Person ${personId} holds`} no seat in ${kase.committee.code}; ` +
          'inhabilitet is declared by members of the committee deciding the case',
      );
    }
    return this.dataSource.transaction(async (m) => {
      const [lock, params] = caseEligibilityLock(caseId);
      await m.query(lock, params);
      const open = await m.query(`SELECT id FROM votes WHERE case_id = $1 AND state = 'open'`, [caseId]);
      if (open.length > 0) {
        throw new DomainError(
          ErrorCode.Conflict,
          `A vote on case ${kase.ref} is open and its voters were fixed when it opened; ` +
            'cancel it and open a new vote to leave the member out',
          { vote: open[0].id },
        );
      }
      try {
        const [row] = (await m.query(
          `INSERT INTO inhabil_declarations (case_id, person_id, reason, declared_by)
           VALUES ($1, $2, $3, $4) RETURNING declared_at`,
          [caseId, personId, request.reason, actor.id],
        )) as { declared_at: Date }[];
        const [person] = await m.query(`SELECT name FROM persons WHERE id = $1`, [personId]);
        return {
          caseId,
          personId,
          name: person.name as string,
          reason: request.reason,
          declaredBy: actor.id,
          declaredAt: row.declared_at.toISOString(),
        };
      } catch (error) {
        const mapped = constraintError(error);
        if (mapped instanceof DomainError && mapped.code === ErrorCode.Conflict) {
          throw new DomainError(
            ErrorCode.Conflict,
            `The member is already declared inhabil in case ${kase.ref}`,
            mapped.details,
          );
        }
        throw mapped;
      }
    });
  }

  /** The secretariat, the committee's members (roles derived from memberships) and the declared member. */
  async list(caseId: string, actor: Actor): Promise<InhabilDeclarationView[]> {
    const kase = isUuid(caseId) ? await this.eligibility.findCase(caseId) : null;
    if (!kase) throw notFound('case', caseId);
    const code = kase.committee.code;
    const all = hasRole(actor, 'secretariat', 'admin', `committee:${code}`, `committee:${code}:vote`);
    const rows = (await this.dataSource.query(
      `SELECT d.case_id, d.person_id, p.name, d.reason, d.declared_by, d.declared_at
         FROM inhabil_declarations d JOIN persons p ON p.id = d.person_id
        WHERE d.case_id = $1 AND ($2 OR d.person_id::text = $3) ORDER BY d.declared_at, p.name`,
      [caseId, all, actor.id],
    )) as {
      case_id: string;
      person_id: string;
      name: string;
      reason: string;
      declared_by: string;
      declared_at: Date;
    }[];
    return rows.map((r) => ({
      caseId: r.case_id,
      personId: r.person_id,
      name: r.name,
      reason: r.reason,
      declaredBy: r.declared_by,
      declaredAt: r.declared_at.toISOString(),
    }));
  }
}
