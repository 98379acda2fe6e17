import { notFound, type Actor, type InstanceView, type WorkflowEngine } from '@samflyt/engine';
import { deadlineWarnings, type HearingContext } from '@samflyt/workflows';
import type { Page, PageRequest } from '../paging';
import { listScope, readerOf, requireReader, viaHearingsApi } from './hearing-access';
import { toHearingListItem, toHearingView, type HearingListItem, type HearingView } from './hearing-view';
import type { AttachmentRow, HearingFilter, HearingRow, HearingsRepository } from './hearings.repository';

/** Hearings as the secretariat and the owning committee read them. */
export class HearingReadService {
  constructor(
    private readonly repo: HearingsRepository,
    private readonly engine: WorkflowEngine,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(id: string, actor: Actor): Promise<HearingView> {
    const row = await this.readable(id, actor);
    return this.viewOf(row, await this.engine.view(row.instanceId, viaHearingsApi(readerOf(actor))));
  }

  /** Hearings, newest deadline first: the secretariat's all, a committee member's its committees'. */
  async list(filter: HearingFilter, page: PageRequest, actor: Actor): Promise<Page<HearingListItem>> {
    const found = await this.repo.list(listScope(filter, actor), page);
    return { ...found, items: found.items.map(toHearingListItem) };
  }

  /** The hearing, if the actor may read it (404 for none, 403 for another committee's). */
  async readable(id: string, actor: Actor): Promise<HearingRow> {
    const row = await this.repo.hearing(id);
    requireReader(row.committeeCode, actor);
    return row;
  }

  /** A file of the proposal or of an answer, for those who read the hearing. */
  async attachment(id: string, attachmentId: string, actor: Actor): Promise<AttachmentRow & { content: Buffer }> {
    await this.readable(id, actor);
    const file = await this.repo.attachmentContent(id, attachmentId);
    if (!file) throw notFound('attachment', attachmentId);
    return file;
  }

  /** The view of a hearing after an event: its rows, and the deadline warnings as of sending (or now, for a draft). */
  async viewOf(row: HearingRow, instance: InstanceView): Promise<HearingView> {
    const c = instance.context as HearingContext;
    const [recipients, signatories, answers] = await Promise.all([
      this.repo.recipients(row.id),
      this.repo.signatories(row.id),
      this.repo.answers(row.id),
    ]);
    const from = row.sentAt ? row.sentAt.toISOString() : this.now().toISOString();
    const warnings = c.deadline ? deadlineWarnings(from, c.deadline) : [];
    return toHearingView(row, c, instance, recipients, signatories, answers, warnings);
  }
}
