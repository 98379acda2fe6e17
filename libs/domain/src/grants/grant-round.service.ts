import { forbidden, isUuid, notFound, type Actor, type WorkflowEngine, type WorkflowEvent } from '@samflyt/engine';
import type { RoundContext, RoundSettingsPatch } from '@samflyt/workflows';
import type { Page, PageRequest } from '../paging';
import type { GrantRoundsRepository, RoundRow } from './grant-rounds.repository';
import { isSecretariat } from '@samflyt/workflows';
import { isPublished, mayReadInternals, roundVisibility, viaGrants } from './grants-access';
import { sendViaGrants } from './grants-engine';
import { settingsChanges } from './round-rules';

/** Rounds: set-up, publication and the steps of their life. Every change goes through the engine. */
export class GrantRoundService {
  constructor(
    private readonly rounds: GrantRoundsRepository,
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
    return this.rounds.findByInstance(view.id);
  }

  /** Newest first: published calls for everyone, drafts for the secretariat and the reviewing committee. */
  list(query: PageRequest & { state?: string }, actor: Actor | null): Promise<Page<RoundRow>> {
    const { state, ...page } = query;
    return this.rounds.list(roundVisibility(actor), state ?? null, page);
  }

  /** Public once approved; drafts only for the secretariat and the reviewing committee. */
  async get(id: string, actor: Actor | null): Promise<RoundRow> {
    const row = await this.row(id);
    if (!isPublished(row.state) && !mayReadInternals(actor, row.settings.reviewingCommittee))
      throw notFound('grant round', id);
    return row;
  }

  context(row: RoundRow): Promise<RoundContext> {
    return this.rounds.context(row);
  }

  /** Changes to a draft's set-up, checked as a whole after merging. */
  async update(id: string, patch: RoundSettingsPatch, actor: Actor, key?: string): Promise<RoundRow> {
    const row = await this.row(id);
    const settings = settingsChanges(row.settings, patch);
    return this.send(row, { type: 'round.updated', settings }, actor, key);
  }

  async approve(id: string, reference: string, actor: Actor, key?: string): Promise<RoundRow> {
    return this.send(await this.row(id), { type: 'round.approved', reference }, actor, key);
  }

  async open(id: string, actor: Actor, key?: string): Promise<RoundRow> {
    return this.send(await this.row(id), { type: 'round.opened' }, actor, key);
  }

  async cancel(id: string, reason: string, actor: Actor, key?: string): Promise<RoundRow> {
    return this.send(await this.row(id), { type: 'round.cancelled', reason }, actor, key);
  }

  async closeScoring(id: string, actor: Actor, key?: string): Promise<RoundRow> {
    return this.send(await this.row(id), { type: 'scoring.closed' }, actor, key);
  }

  /** A vedtak that departs from the innstilling: the awards as decided. */
  async recordDecision(
    id: string,
    decision: { resolution: string; awards: { applicationId: string; amount: number }[] },
    actor: Actor,
    key?: string,
  ): Promise<RoundRow> {
    const event = { type: 'decision.recorded', resolution: decision.resolution, awards: decision.awards };
    return this.send(await this.row(id), event, actor, key);
  }

  async startFollowUp(id: string, actor: Actor, key?: string): Promise<RoundRow> {
    return this.send(await this.row(id), { type: 'followUp.started' }, actor, key);
  }

  async complete(id: string, actor: Actor, key?: string): Promise<RoundRow> {
    return this.send(await this.row(id), { type: 'round.completed' }, actor, key);
  }

  /** Sends an event to the round as the grants API and reads the round after it. */
  async send(row: RoundRow, event: WorkflowEvent, actor: Actor, key?: string): Promise<RoundRow> {
    await sendViaGrants(this.engine, row.instance_id, event, actor, key);
    return this.row(row.id);
  }

  async row(id: string): Promise<RoundRow> {
    const row = isUuid(id) ? await this.rounds.find(id) : null;
    if (!row) throw notFound('grant round', id);
    return row;
  }
}
