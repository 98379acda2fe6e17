import { WorkflowEngine, type Actor } from '@samflyt/engine';
import type { MeetingContext } from '@samflyt/workflows';
import type { MeetingsRepository } from '../meetings.repository';
import { minutesDocument, type MinutesDocument } from './minutes.document';
import { minutesMarkdown } from './minutes.markdown';
import { minutesPdf } from './minutes.pdf';
import type { MinutesRepository } from './minutes.repository';

/** The referat of a meeting, for whoever may read the meeting: as data, Markdown or PDF. */
export class MinutesService {
  constructor(
    private readonly meetings: MeetingsRepository,
    private readonly minutes: MinutesRepository,
    private readonly engine: WorkflowEngine,
  ) {}

  async document(meetingId: string, actor: Actor): Promise<MinutesDocument> {
    const meeting = await this.meetings.meeting(meetingId);
    const context = (await this.engine.view(meeting.instanceId, actor)).context as MeetingContext;
    const names = { chair: context.chair?.name ?? '', minuteTaker: context.minuteTaker?.name ?? '' };
    return minutesDocument(meeting, names, await this.minutes.seats(meeting), await this.minutes.lines(meeting.id));
  }

  async markdown(meetingId: string, actor: Actor): Promise<string> {
    return minutesMarkdown(await this.document(meetingId, actor));
  }

  async pdf(meetingId: string, actor: Actor): Promise<Buffer> {
    return minutesPdf(await this.document(meetingId, actor));
  }
}
