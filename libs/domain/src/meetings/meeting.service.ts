import {
  WorkflowEngine,
  ErrorCode,
  DomainError,
  forbidden,
  invalidInput,
  toDeadline,
  type Actor,
  type FieldError,
  type InstanceView,
  type TimerView,
} from '@samflyt/engine';
import {
  MEETING_PLANNER_ROLE,
  caseRef,
  isSecretariat,
  mayReadCommittee,
  memberOf,
  timedAgenda,
  type AgendaLine,
  type MeetingContext,
  type PresenceStatus,
} from '@samflyt/workflows';
import type { DataSource } from 'typeorm';
import { MeetingsRepository, type MeetingRow } from './meetings.repository';

export interface NewMeeting {
  startsAt: string;
  endsAt: string;
  place: string;
  chairPersonId?: string | null;
  minuteTakerPersonId?: string | null;
  nextMeetingNote?: string | null;
  reminderOffsets?: string[];
}

export interface AttendanceAnswer {
  /** Defaults to the caller, when they are called to the meeting. */
  personId?: string;
  status: PresenceStatus;
  standsInForPersonId?: string | null;
}

export interface AgendaItemView {
  id: string;
  position: number;
  kind: string;
  caseId: string | null;
  caseRef: string | null;
  title: string | null;
  details: string | null;
  startsAt: string | null;
  endsAt: string | null;
  durationMinutes: number | null;
  responsible: string | null;
  /** The case's state now (`onAgenda`, `decided`, …) and its outcome on this meeting (`postponed`, …). */
  caseState: string | null;
  outcome: string | null;
  /** The case's track through meetings, oldest first: where it came from and where it went. */
  caseHistory: { meetingId: string; startsAt: string; outcome: string }[];
}

export interface MeetingView {
  id: string;
  committee: { code: string; name: string };
  startsAt: string;
  endsAt: string;
  place: string;
  chair: { personId: string; name: string } | null;
  minuteTaker: { personId: string; name: string } | null;
  nextMeetingNote: string | null;
  noticeDays: number;
  instanceId: string;
  state: string;
  revision: number;
  allowedEvents: string[];
  timers: TimerView[];
  invited: { personId: string; name: string; email: string }[];
  agenda: AgendaItemView[];
  attendance: {
    personId: string;
    name: string;
    status: string;
    standsInForPersonId: string | null;
    respondedAt: string | null;
    recordedAt: string | null;
  }[];
}

type Key = string | undefined;

/** Meetings of a committee: created with the members to call, then driven through the `meeting` workflow. */
export class MeetingService {
  readonly repo: MeetingsRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: WorkflowEngine,
  ) {
    this.repo = new MeetingsRepository(dataSource);
  }

  async create(code: string, body: NewMeeting, actor: Actor, idempotencyKey?: Key): Promise<MeetingView> {
    if (!isSecretariat(actor)) throw new DomainError(ErrorCode.Forbidden, 'Only the secretariat plans meetings');
    const committee = await this.repo.committee(code);
    const people = [body.chairPersonId, body.minuteTakerPersonId].filter((id): id is string => !!id);
    const names = await this.repo.personNames(people);
    const errors: FieldError[] = [
      ...(['startsAt', 'endsAt'] as const)
        .filter((field) => !body[field].includes('T') || toDeadline(body[field]) === null)
        .map((field) => ({
          field,
          message: 'must be an ISO 8601 date-time with offset, e.g. 2024-04-17T13:00:00+02:00',
        })),
      ...(['chairPersonId', 'minuteTakerPersonId'] as const)
        .filter((field) => body[field] && !names.has(body[field]!))
        .map((field) => ({ field, message: 'no person with this id' })),
    ];
    if (errors.length > 0) throw invalidInput(errors);
    const ref = (id: string | null | undefined) => (id ? { personId: id, name: names.get(id)! } : null);
    const invitees = (await this.repo.invitees(committee.id, body.startsAt)).sort((a, b) =>
      a.name.localeCompare(b.name, 'nb'),
    );
    const planner: Actor = { ...actor, roles: [...actor.roles, MEETING_PLANNER_ROLE] };
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
    if (!mayReadCommittee(actor, committee.code)) throw mayNotRead(committee.code);
    return this.repo.meetings(`m.committee_id = $1`, [committee.id]);
  }

  async get(id: string, actor: Actor): Promise<MeetingView> {
    const meeting = await this.repo.meeting(id);
    return this.viewOf(meeting, await this.engine.view(meeting.instanceId, actor));
  }

  /** Sends a meeting event (publish, held, minutes approved, cancelled, details) and answers with the meeting. */
  async send(
    id: string,
    event: { type: string; [k: string]: unknown },
    actor: Actor,
    idempotencyKey?: Key,
  ): Promise<MeetingView> {
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
    if (!personId) {
      throw invalidInput([
        { field: 'personId', message: 'is required: you are not among those called to this meeting' },
      ]);
    }
    const event =
      meeting.state === 'held'
        ? {
            type: 'attendance.recorded',
            entries: [{ personId, status: answer.status, standsInForPersonId: answer.standsInForPersonId ?? null }],
          }
        : answer.standsInForPersonId
          ? null
          : { type: 'attendance.answered', personId, status: answer.status };
    if (!event) {
      throw invalidInput([
        { field: 'standsInForPersonId', message: 'a vara standing in is recorded when the meeting is held' },
      ]);
    }
    return this.viewOf(meeting, await this.engine.send(meeting.instanceId, event, actor, { idempotencyKey }));
  }

  private async viewOf(m: MeetingRow, instance: InstanceView): Promise<MeetingView> {
    const c = instance.context as MeetingContext;
    const rows = (await this.dataSource.query(
      `SELECT ai.id, ai.position, ai.kind, ai.case_id AS "caseId", ai.title, ai.details,
              to_char(ai.starts_at, 'HH24:MI') AS "startsAt", ai.duration_minutes AS "durationMinutes", ai.responsible,
              k.number, k.year, k.title AS "caseTitle", wi.state AS "caseState", cm.outcome,
              coalesce((SELECT json_agg(json_build_object('meetingId', t.meeting_id, 'startsAt', tm.starts_at,
                                                         'outcome', t.outcome) ORDER BY tm.starts_at)
                          FROM case_meetings t JOIN meetings tm ON tm.id = t.meeting_id
                         WHERE t.case_id = ai.case_id), '[]') AS "caseHistory"
         FROM agenda_items ai
         LEFT JOIN cases k ON k.id = ai.case_id
         LEFT JOIN workflow_instances wi ON wi.id = k.instance_id
         LEFT JOIN case_meetings cm ON cm.case_id = ai.case_id AND cm.meeting_id = ai.meeting_id
        WHERE ai.meeting_id = $1 ORDER BY ai.position`,
      [m.id],
    )) as (AgendaItemView & { number: number | null; year: number | null; caseTitle: string | null })[];
    const timed = timedAgenda(rows as unknown as AgendaLine[], m.startsAt.toISOString());
    const attendance = (await this.dataSource.query(
      `SELECT a.person_id AS "personId", p.name, a.status, a.stands_in_for_person_id AS "standsInForPersonId",
              a.responded_at AS "respondedAt", a.recorded_at AS "recordedAt"
         FROM attendance a JOIN persons p ON p.id = a.person_id WHERE a.meeting_id = $1 ORDER BY p.name`,
      [m.id],
    )) as MeetingView['attendance'];
    return {
      id: m.id,
      committee: { code: m.committeeCode, name: m.committeeName },
      startsAt: m.startsAt.toISOString(),
      endsAt: m.endsAt.toISOString(),
      place: m.place,
      chair: c.chair,
      minuteTaker: c.minuteTaker,
      nextMeetingNote: m.nextMeetingNote,
      noticeDays: c.noticeDays,
      instanceId: instance.id,
      state: instance.state,
      revision: instance.revision,
      allowedEvents: instance.allowedEvents,
      timers: instance.timers,
      invited: c.members,
      agenda: rows.map(({ number, year, caseTitle, ...item }, i) => ({
        ...item,
        caseRef: number !== null && year !== null ? caseRef(number, year) : null,
        title: item.title ?? caseTitle,
        startsAt: timed[i].from?.replace('.', ':') ?? null,
        endsAt: timed[i].to?.replace('.', ':') ?? null,
        caseHistory: item.caseHistory.map((h) => ({ ...h, startsAt: new Date(h.startsAt).toISOString() })),
      })),
      attendance: attendance.map((a) => ({
        ...a,
        respondedAt: a.respondedAt ? new Date(a.respondedAt).toISOString() : null,
        recordedAt: a.recordedAt ? new Date(a.recordedAt).toISOString() : null,
      })),
    };
  }
}

const mayNotRead = (code: string) => forbidden(`You may not read the meetings of ${code}`);
