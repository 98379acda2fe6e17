import { WorkflowEngine, type Actor } from '@samflyt/engine';
import { type MeetingContext } from '@samflyt/workflows';
import type { DataSource } from 'typeorm';
import { MeetingsRepository } from '../meetings.repository';
import { minutesDocument, type MinutesDocument } from './minutes.document';
import { minutesMarkdown } from './minutes.markdown';
import { minutesPdf } from './minutes.pdf';

/** The referat of a meeting, for whoever may read the meeting: as data, Markdown or PDF. */
export class MinutesService {
  private readonly repo: MeetingsRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: WorkflowEngine,
  ) {
    this.repo = new MeetingsRepository(dataSource);
  }

  async document(meetingId: string, actor: Actor): Promise<MinutesDocument> {
    const meeting = await this.repo.meeting(meetingId);
    const context = (await this.engine.view(meeting.instanceId, actor)).context as MeetingContext;
    return minutesDocument(this.dataSource, meeting, {
      chair: context.chair?.name ?? '',
      minuteTaker: context.minuteTaker?.name ?? '',
    });
  }

  async markdown(meetingId: string, actor: Actor): Promise<string> {
    return minutesMarkdown(await this.document(meetingId, actor));
  }

  async pdf(meetingId: string, actor: Actor, options: { compress?: boolean } = {}): Promise<Buffer> {
    return minutesPdf(await this.document(meetingId, actor), options);
  }
}
