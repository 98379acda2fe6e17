import { forbidden, type Actor, type WorkflowEngine } from '@samflyt/engine';
import { appealCase, appealCaseRefusal, formalCheckEvent, type FormalCheck } from './application-rules';
import type { ApplicationRow } from './grant-applications.repository';
import type { GrantApplicationService } from './grant-application.service';
import type { GrantRoundsRepository } from './grant-rounds.repository';
import { isSecretariat } from '@samflyt/workflows';

/** The secretariat's work on applications: the formal check, the klage and its case, accepting reports. */
export class GrantCaseworkService {
  constructor(
    private readonly applications: GrantApplicationService,
    private readonly rounds: GrantRoundsRepository,
    private readonly engine: WorkflowEngine,
  ) {}

  async formalCheck(id: string, check: FormalCheck, actor: Actor, key?: string): Promise<ApplicationRow> {
    const event = formalCheckEvent(check, new Date());
    return this.applications.send(await this.ofSecretariat(id, actor), event, actor, key);
  }

  /** The klage goes to the deciding committee as a new case, with the proposed outcome; the application follows the case. */
  async appealCase(
    id: string,
    body: { year: number; upheld: boolean; amount: number; resolution: string },
    actor: Actor,
    key?: string,
  ): Promise<ApplicationRow> {
    if (!isSecretariat(actor)) throw forbidden('Only the secretariat puts a klage up as a case');
    const row = await this.applications.row(id);
    const c = await this.applications.context(row);
    const refusal = appealCaseRefusal(c, row.state);
    if (refusal) throw refusal;
    const kase = await this.engine.start('case', appealCase(c, body.year, body.resolution, actor), actor);
    const { id: caseId, ref: caseRef } = await this.rounds.caseOfInstance(kase.id);
    const { upheld, amount, resolution } = body;
    const event = { type: 'appeal.caseCreated', caseId, caseRef, upheld, amount, resolution };
    return this.applications.send(row, event, actor, key);
  }

  /** The outcome of a klage when the vedtak departs from the proposal. */
  async decideAppeal(
    id: string,
    outcome: { upheld: boolean; amount: number; resolution: string },
    actor: Actor,
    key?: string,
  ): Promise<ApplicationRow> {
    const event = { type: 'appeal.decided', ...outcome, at: new Date().toISOString() };
    return this.applications.send(await this.ofSecretariat(id, actor), event, actor, key);
  }

  async acceptReport(id: string, reportKey: string, actor: Actor, key?: string): Promise<ApplicationRow> {
    const event = { type: 'report.accepted', key: reportKey.slice(0, 40) };
    return this.applications.send(await this.ofSecretariat(id, actor), event, actor, key);
  }

  private async ofSecretariat(id: string, actor: Actor): Promise<ApplicationRow> {
    if (!isSecretariat(actor)) throw forbidden('Only the secretariat does this');
    return this.applications.row(id);
  }
}
