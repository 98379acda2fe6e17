import {
  forbidden,
  invalidInput,
  withVia,
  WorkflowEngine,
  type Actor,
  type InstanceView,
  type WorkflowEvent,
} from '@samflyt/engine';
import {
  MEETING_PLANNER_VIA,
  isSecretariat,
  mayReadCommittee,
  memberOf,
  type MeetingContext,
} from '@samflyt/workflows';
import { attendanceEvent, planErrors, type AttendanceAnswer } from './meeting-rules';
import { meetingView, type MeetingView } from './meeting-view';
import type { MeetingRow, MeetingsRepository } from './meetings.repository';

export interface NewMeeting {
  startsAt: string;
  endsAt: string;
  place: string;
  chairPersonId?: string | null;
  minuteTakerPersonId?: string | null;
  nextMeetingNote?: string | null;
  reminderOffsets?: string[];
}

type Key = string | undefined;

/** Meetings of a committee: created with the members to call, then driven through the `meeting` workflow. */
export class MeetingService {
  constructor(
    private readonly repo: MeetingsRepository,
    private readonly engine: WorkflowEngine,
  ) {}

  async create(code: string, body: NewMeeting, actor: Actor, idempotencyKey?: Key): Promise<MeetingView> {
    if (!isSecretariat(actor)) throw forbidden('Only the secretariat plans meetings');
    const committee = await this.repo.committee(code);
    const names = await this.repo.personNames(
      [body.chairPersonId, body.minuteTakerPersonId].filter((id): id is string => !!id),
    );
    const errors = planErrors(body, names);
    if (errors.length > 0) throw invalidInput(errors);
    const ref = (id: string | null | undefined) => (id ? { personId: id, name: names.get(id)! } : null);
    const invitees = (await this.repo.invitees(committee.id, body.startsAt)).sort((a, b) =>
      a.name.localeCompare(b.name, 'nb'),
    );
    const planner: Actor = withVia(actor, MEETING_PLANNER_VIA);
    const view = await this.engine.start(
      'meeting',
      {
        committee: { code: committee.code, name: committee.name },
        startsAt: body.startsAt,
        endsAt: body.endsAt,
        place: body.place,
        chair: ref(body.chairPersonId),
        minuteTaker: ref(body.minuteTakerPersonId),
        nextMeetingNote: body.nextMeetingNote ?? null,
        noticeDays: committee.noticeDays,
        ...(body.reminderOffsets ? { reminderOffsets: body.reminderOffsets } : {}),
        members: invitees,
      },
      planner,
      { idempotencyKey },
    );
    return this.get((view.context as MeetingContext).meetingId, actor);
  }

  async list(code: string, actor: Actor): Promise<MeetingRow[]> {
    const committee = await this.repo.committee(code);
    if (!mayReadCommittee(actor, committee.code)) {
      throw forbidden(`You may not read the meetings of ${committee.code}`);
    }
    return this.repo.meetingsOf(committee.id);
  }

  async get(id: string, actor: Actor): Promise<MeetingView> {
    const meeting = await this.repo.meeting(id);
    return this.viewOf(meeting, await this.engine.view(meeting.instanceId, actor));
  }

  /** The sakliste is ready: the notice goes out noticeDays before the meeting. */
  publish(id: string, actor: Actor, idempotencyKey?: Key): Promise<MeetingView> {
    return this.send(id, { type: 'agenda.published' }, actor, idempotencyKey);
  }

  markHeld(id: string, actor: Actor, idempotencyKey?: Key): Promise<MeetingView> {
    return this.send(id, { type: 'meeting.held' }, actor, idempotencyKey);
  }

  approveMinutes(id: string, actor: Actor, idempotencyKey?: Key): Promise<MeetingView> {
    return this.send(id, { type: 'minutes.approved' }, actor, idempotencyKey);
  }

  cancel(id: string, reason: string, actor: Actor, idempotencyKey?: Key): Promise<MeetingView> {
    return this.send(id, { type: 'meeting.cancelled', reason }, actor, idempotencyKey);
  }

  /** Sends a meeting event and answers with the meeting. */
  async send(id: string, event: WorkflowEvent, actor: Actor, idempotencyKey?: Key): Promise<MeetingView> {
    const meeting = await this.repo.meeting(id);
    return this.viewOf(meeting, await this.engine.send(meeting.instanceId, event, actor, { idempotencyKey }));
  }

  /**
   * Before the meeting: a member's answer (for themself; the secretariat for anyone). Once held:
   * the attendance as recorded by the secretariat, with a vara standing in for a named member.
   */
  async attendance(id: string, answer: AttendanceAnswer, actor: Actor, idempotencyKey?: Key): Promise<MeetingView> {
    const meeting = await this.repo.meeting(id);
    const current = await this.engine.view(meeting.instanceId, actor);
    const personId = answer.personId ?? memberOf(actor, current.context as MeetingContext)?.personId;
    const event = attendanceEvent(meeting.state, personId, answer);
    if (!('type' in event)) throw invalidInput([event]);
    return this.viewOf(meeting, await this.engine.send(meeting.instanceId, event, actor, { idempotencyKey }));
  }

  private async viewOf(m: MeetingRow, instance: InstanceView): Promise<MeetingView> {
    return meetingView(m, instance, await this.repo.agendaItems(m.id), await this.repo.attendance(m.id));
  }
}
