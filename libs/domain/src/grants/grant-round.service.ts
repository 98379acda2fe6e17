import {
  ErrorCode,
  DomainError,
  hasRole,
  invalidInput,
  type Actor,
  type WorkflowEngine,
  isUuid,
  notFound,
  forbidden,
  ruleViolated,
} from '@samflyt/engine';
import {
  innstillingOf,
  isRecused,
  roundSettings,
  settingsProblems,
  sheetProblems,
  type InnstillingLine,
  type RoundContext,
} from '@samflyt/workflows';
import type { DataSource } from 'typeorm';
import { osloToday } from '../committees/committee.service';
import type { Page, PageRequest } from '../paging';
import { isSecretariat, pageOf, sendVia, viaGrants } from './grants-common';

export interface RoundRow {
  id: string;
  instance_id: string;
  title: string;
  state: string;
  settings: Record<string, any>;
  approval: string | null;
  innstilling: InnstillingLine[] | null;
  non_scorers: { personId: string; name: string; missing: string[] }[];
  decision_case_id: string | null;
  decision: unknown;
  cancelled_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

/** A call is public once approved (not while a draft, and not a draft that was cancelled). */
export const PUBLIC_STATES = [
  'approved',
  'open',
  'closed',
  'review',
  'recommendation',
  'decision',
  'awarded',
  'followUp',
  'completed',
];

export const mayReadInternals = (actor: Actor | null, row: RoundRow): boolean =>
  actor !== null && hasRole(actor, 'secretariat', 'admin', `committee:${row.settings.reviewingCommittee}`);

/** Rounds: set-up, publication, review and scoring, innstilling, decision. Every change goes through the engine. */
export class GrantRoundService {
  constructor(
    private readonly db: DataSource,
    private readonly engine: WorkflowEngine,
  ) {}

  async create(settings: unknown, actor: Actor, idempotencyKey?: string): Promise<RoundRow> {
    if (!isSecretariat(actor)) throw forbidden('Only the secretariat sets up a grant round');
    const view = await this.engine.start(
      'grant-round',
      { settings, createdBy: { id: actor.id, name: actor.name, email: actor.email ?? null } },
      viaGrants(actor),
      { idempotencyKey },
    );
    const [row] = (await this.db.query(`SELECT * FROM grant_rounds WHERE instance_id = $1`, [view.id])) as RoundRow[];
    return row;
  }

  async list(filter: Partial<PageRequest> & { state?: string }, actor: Actor | null): Promise<Page<RoundRow>> {
    const { page, pageSize, offset } = pageOf(filter);
    const all = actor !== null && hasRole(actor, 'secretariat', 'admin');
    const committees = (actor?.roles ?? []).filter((r) => /^committee:[^:]+$/.test(r)).map((r) => r.slice(10));
    const rows = (await this.db.query(
      `SELECT *, count(*) OVER () AS total FROM grant_rounds
        WHERE ($3::boolean OR state = ANY($4::text[]) OR settings->>'reviewingCommittee' = ANY($5::text[]))
          AND ($6::text IS NULL OR state = $6)
        ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`,
      [pageSize, offset, all, PUBLIC_STATES, committees, filter.state ?? null],
    )) as (RoundRow & { total: string })[];
    return { items: rows, total: rows.length ? Number(rows[0].total) : 0, page, pageSize };
  }

  /** Public once approved; drafts only for the secretariat and the reviewing committee. */
  async get(id: string, actor: Actor | null): Promise<RoundRow> {
    const row = await this.row(id);
    if (!PUBLIC_STATES.includes(row.state) && !mayReadInternals(actor, row)) throw notFound('grant round', id);
    return row;
  }

  async context(row: RoundRow): Promise<RoundContext> {
    const [r] = (await this.db.query(`SELECT snapshot->'context' AS context FROM workflow_instances WHERE id = $1`, [
      row.instance_id,
    ])) as { context: RoundContext }[];
    return r.context;
  }

  /** Changes to a draft's set-up, checked as a whole after merging. */
  async update(id: string, patch: Record<string, unknown>, actor: Actor, key?: string): Promise<RoundRow> {
    const row = await this.row(id);
    // A field left out of the PATCH body arrives as an undefined property: it must not erase the stored value.
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const merged = roundSettings.safeParse({ ...row.settings, ...changes });
    if (!merged.success) {
      throw invalidInput(merged.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })));
    }
    const problems = settingsProblems(merged.data);
    if (problems.length) throw invalidInput(problems);
    await sendVia(this.engine, row.instance_id, { type: 'round.updated', settings: changes }, actor, key);
    return this.row(id);
  }

  async act(id: string, event: { type: string; [k: string]: unknown }, actor: Actor, key?: string): Promise<RoundRow> {
    const row = await this.row(id);
    await sendVia(this.engine, row.instance_id, event, actor, key);
    return this.row(id);
  }

  /**
   * Scoring starts: every application must have passed the formal check (or been rejected); the
   * scorers are the members (leder, nestleder, medlem) of the reviewing committee today.
   */
  async startReview(id: string, actor: Actor, key?: string): Promise<RoundRow> {
    if (!isSecretariat(actor)) throw forbidden('Only the secretariat starts the review');
    const row = await this.row(id);
    const unchecked = (await this.db.query(
      `SELECT id, title FROM grant_applications WHERE round_id = $1 AND state IN ('submitted', 'infoRequested') ORDER BY title`,
      [id],
    )) as { id: string; title: string }[];
    if (unchecked.length > 0) {
      throw ruleViolated(
        `The formal check is not finished for ${unchecked.length} application(s): ${unchecked.map((u) => u.title).join('; ')}`,
        { state: row.state, applications: unchecked.map((u) => u.id) },
      );
    }
    const applications = (await this.db.query(
      `SELECT id AS "applicationId", instance_id AS "instanceId", title, organisation_name AS organisation,
              requested_amount::int AS requested, to_char(submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "submittedAt"
         FROM grant_applications WHERE round_id = $1 AND state = 'complete' ORDER BY submitted_at, id`,
      [id],
    )) as unknown[];
    const scorers = (await this.db.query(
      `SELECT DISTINCT p.id::text AS "personId", p.name, p.email
         FROM memberships m JOIN persons p ON p.id = m.person_id JOIN committees c ON c.id = m.committee_id
        WHERE c.code = $1 AND m.role IN ('leder', 'nestleder', 'medlem')
          AND m.valid_from <= $2::date AND (m.valid_to IS NULL OR m.valid_to >= $2::date)
        ORDER BY p.name`,
      [row.settings.reviewingCommittee, osloToday()],
    )) as unknown[];
    if (scorers.length === 0) throw ruleViolated(`${row.settings.reviewingCommittee} has no members to score`);
    await sendVia(this.engine, row.instance_id, { type: 'review.started', applications, scorers }, actor, key);
    return this.row(id);
  }

  /** An AU member scores one application; refusals say why in the round's terms. */
  async score(
    id: string,
    body: { applicationId: string; scores: Record<string, number>; comment: string },
    actor: Actor,
    key?: string,
  ): Promise<RoundRow> {
    const row = await this.row(id);
    const c = await this.context(row);
    if (!hasRole(actor, `committee:${c.reviewingCommittee}`) || !c.scorers.some((s) => s.personId === actor.id)) {
      throw forbidden(
        `You are not a scorer in this round (the members of ${c.reviewingCommittee} when review started)`,
      );
    }
    if (row.state !== 'review') {
      throw new DomainError(
        ErrorCode.EventNotAllowed,
        `The round is in ${row.state}; scoring is closed or not started`,
        {
          state: row.state,
          allowedEvents: [],
        },
      );
    }
    if (!c.applications.some((a) => a.applicationId === body.applicationId)) {
      throw invalidInput([{ field: 'applicationId', message: 'is not an application under review in this round' }]);
    }
    if (isRecused(c, body.applicationId, actor.id)) {
      throw forbidden('You have declared yourself inhabil for this application and cannot score it');
    }
    const problems = sheetProblems(c.criteria, body.scores);
    if (problems.length) throw invalidInput(problems.map((message) => ({ field: 'scores', message })));
    await sendVia(this.engine, row.instance_id, { type: 'score.recorded', scorerId: actor.id, ...body }, actor, key);
    return this.row(id);
  }

  async declareInhabil(
    id: string,
    body: { applicationId: string; reason: string },
    actor: Actor,
    key?: string,
  ): Promise<RoundRow> {
    const row = await this.row(id);
    const c = await this.context(row);
    if (!c.scorers.some((s) => s.personId === actor.id))
      throw forbidden('Only a scorer in this round declares inhabilitet here');
    if (!c.applications.some((a) => a.applicationId === body.applicationId)) {
      throw invalidInput([{ field: 'applicationId', message: 'is not an application under review in this round' }]);
    }
    if (isRecused(c, body.applicationId, actor.id)) {
      throw new DomainError(ErrorCode.Conflict, 'You have already declared yourself inhabil for this application');
    }
    await sendVia(
      this.engine,
      row.instance_id,
      { type: 'inhabil.declared', personId: actor.id, name: actor.name, ...body },
      actor,
      key,
    );
    return this.row(id);
  }

  async adjust(
    id: string,
    body: { applicationId: string; amount: number; rank?: number | null; reason: string },
    actor: Actor,
    key?: string,
  ): Promise<RoundRow> {
    const row = await this.row(id);
    if (!mayReadInternals(actor, row) || hasRole(actor, 'admin'))
      throw forbidden(`Only ${row.settings.reviewingCommittee} and the secretariat change the innstilling`);
    const c = await this.context(row);
    if (row.state === 'recommendation') {
      if (!(c.ranking ?? []).some((r) => r.applicationId === body.applicationId))
        throw invalidInput([{ field: 'applicationId', message: 'is not in the ranking of this round' }]);
      if (body.amount > c.maxAmount || (body.amount > 0 && body.amount < c.minAmount))
        throw invalidInput([{ field: 'amount', message: `must be 0 or between ${c.minAmount} and ${c.maxAmount}` }]);
      const lines = innstillingOf({
        ...c,
        adjustments: [...c.adjustments, { ...body, rank: body.rank ?? null, by: actor }],
      });
      const total = lines.reduce((s, l) => s + l.amount, 0);
      if (total > c.budget)
        throw ruleViolated(`The innstilling would total ${total}, over the budget of ${c.budget}`, {
          state: row.state,
        });
    }
    await sendVia(
      this.engine,
      row.instance_id,
      { type: 'innstilling.adjusted', ...body, rank: body.rank ?? null, by: { id: actor.id, name: actor.name } },
      actor,
      key,
    );
    return this.row(id);
  }

  /** The innstilling goes to the deciding committee as a case: created here, linked by the round's projection. */
  async submitInnstilling(
    id: string,
    body: { year: number; responsible?: string | null },
    actor: Actor,
    key?: string,
  ): Promise<RoundRow> {
    if (!isSecretariat(actor)) throw forbidden('Only the secretariat puts the innstilling up as a case');
    const row = await this.row(id);
    if (row.state !== 'recommendation') {
      throw new DomainError(
        ErrorCode.EventNotAllowed,
        `The round is in ${row.state}; the innstilling is put up from recommendation`,
        {
          state: row.state,
          allowedEvents: [],
        },
      );
    }
    const c = await this.context(row);
    const lines = innstillingOf(c).filter((l) => l.amount > 0);
    const proposal = [
      `1. ${c.decidingCommittee} tildeler midler fra «${c.title}» i tråd med arbeidsutvalgets innstilling:`,
      ...lines.map((l) => `   - ${l.organisation}: «${l.title}», kr ${l.amount}`),
      `2. Øvrige søknader avslås.`,
    ].join('\n');
    const kase = await this.engine.start(
      'case',
      {
        committeeCode: c.decidingCommittee,
        year: body.year,
        title: `${c.title}: innstilling fra ${c.reviewingCommittee}`,
        proposedResolution: proposal,
        responsible: body.responsible ?? null,
        caseOfficer: actor.name,
      },
      actor,
    );
    const [{ id: caseId, ref }] = (await this.db.query(
      `SELECT id, lpad(number::text, 2, '0') || '/' || lpad((year % 100)::text, 2, '0') AS ref FROM cases WHERE instance_id = $1`,
      [kase.id],
    )) as { id: string; ref: string }[];
    await sendVia(this.engine, row.instance_id, { type: 'innstilling.submitted', caseId, caseRef: ref }, actor, key);
    return this.row(id);
  }

  async row(id: string): Promise<RoundRow> {
    if (!isUuid(id)) throw notFound('grant round', id);
    const [row] = (await this.db.query(`SELECT * FROM grant_rounds WHERE id = $1`, [id])) as RoundRow[];
    if (!row) throw notFound('grant round', id);
    return row;
  }
}
