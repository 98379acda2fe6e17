import {
  OSLO,
  WorkflowEngine,
  ErrorCode,
  DomainError,
  invalidInput,
  type Actor,
  type InstanceView,
  type JournalView,
} from '@samflyt/engine';
import { mayReadCommittee, type CaseContext } from '@samflyt/workflows';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import type { AgendaLineInput, AgendaService } from './agenda.service';
import { MeetingsRepository, type CaseRow, type MeetingRow } from './meetings.repository';

export interface NewCase {
  title: string;
  proposedResolution: string;
  responsible?: string | null;
  caseOfficer?: string | null;
  /** Defaults to this year (Oslo). */
  year?: number;
  /** Only to register an existing case with its number. */
  number?: number;
}

/** Where and how a case goes on a meeting's sakliste. */
export type AgendaPlacement = Pick<
  AgendaLineInput,
  'title' | 'details' | 'startsAt' | 'durationMinutes' | 'responsible'
>;

export interface CaseView {
  id: string;
  ref: string;
  year: number;
  number: number;
  committee: { code: string; name: string };
  title: string;
  proposedResolution: string;
  resolution: string | null;
  voteResult: string | null;
  minutesText: string | null;
  responsible: string | null;
  caseOfficer: string | null;
  withdrawnReason: string | null;
  meetingId: string | null;
  instanceId: string;
  state: string;
  revision: number;
  allowedEvents: string[];
  /** The meetings it has been on, oldest first, with what happened there. */
  meetings: {
    meetingId: string;
    startsAt: string;
    outcome: string;
    resolution: string | null;
    minutesText: string | null;
  }[];
  inputs: { text: string; author: string | null; meetingId: string | null; createdAt: string }[];
  assignments: { instanceId: string; state: string; title: string }[];
  history: JournalView[];
}

type Key = string | undefined;

/** Cases (saker): numbered on creation, then scheduled, postponed, decided or withdrawn through the `case` workflow. */
export class CaseService {
  private readonly repo: MeetingsRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly agenda: AgendaService,
  ) {
    this.repo = new MeetingsRepository(dataSource);
  }

  async create(code: string, body: NewCase, actor: Actor, idempotencyKey?: Key): Promise<CaseView> {
    const committee = await this.repo.committee(code);
    const view = await this.engine.start(
      'case',
      {
        committeeCode: committee.code,
        year: body.year ?? DateTime.now().setZone(OSLO).year,
        ...(body.number !== undefined ? { number: body.number } : {}),
        title: body.title,
        proposedResolution: body.proposedResolution,
        responsible: body.responsible ?? null,
        caseOfficer: body.caseOfficer ?? null,
      },
      actor,
      { idempotencyKey },
    );
    return this.get((view.context as CaseContext).caseId, actor);
  }

  async list(code: string, actor: Actor, year?: number): Promise<Omit<CaseRow, 'instanceId'>[]> {
    const committee = await this.repo.committee(code);
    if (!mayReadCommittee(actor, committee.code)) {
      throw new DomainError(ErrorCode.Forbidden, `You may not read the cases of ${committee.code}`);
    }
    const ids = (await this.dataSource.query(
      `SELECT id FROM cases WHERE committee_id = $1 AND ($2::int IS NULL OR year = $2) ORDER BY year, number`,
      [committee.id, year ?? null],
    )) as { id: string }[];
    const rows = new Map((await this.repo.cases(ids.map((r) => r.id))).map((r) => [r.id, r]));
    return ids.map((r) => rows.get(r.id)!).map(({ instanceId: _, ...row }) => row);
  }

  async get(id: string, actor: Actor): Promise<CaseView> {
    const row = await this.repo.case(id);
    return this.viewOf(row, await this.engine.view(row.instanceId, actor), actor);
  }

  /** Sends a case event (decided, withdrawn, innspill, referat, edits) and answers with the case. */
  async send(
    id: string,
    event: { type: string; [k: string]: unknown },
    actor: Actor,
    idempotencyKey?: Key,
  ): Promise<CaseView> {
    const row = await this.repo.case(id);
    return this.viewOf(row, await this.engine.send(row.instanceId, event, actor, { idempotencyKey }), actor);
  }

  /** Puts a draft case on a meeting and at the end of its sakliste. */
  async schedule(
    id: string,
    meetingId: string,
    line: AgendaPlacement,
    actor: Actor,
    idempotencyKey?: Key,
  ): Promise<CaseView> {
    const row = await this.repo.case(id);
    const meeting = await this.meetingField(meetingId, 'meetingId');
    if (row.meetingId !== meeting.id) {
      await this.engine.send(row.instanceId, { type: 'case.scheduled', meetingId: meeting.id }, actor, {
        idempotencyKey,
      });
    }
    await this.agenda.addCase(meeting, row, line, actor, idempotencyKey);
    return this.get(id, actor);
  }

  /**
   * Utsatt: the case moves to a named later meeting and onto its sakliste; its track keeps the
   * meeting it was postponed at, with «Saken utsettes til ASU-møte 19.06.24.» as what was resolved.
   */
  async postpone(
    id: string,
    body: { toMeetingId: string; resolution?: string } & AgendaPlacement,
    actor: Actor,
    idempotencyKey?: Key,
  ): Promise<CaseView> {
    const row = await this.repo.case(id);
    const { toMeetingId, resolution, ...line } = body;
    const target = await this.meetingField(toMeetingId, 'toMeetingId');
    const track = ((await this.engine.view(row.instanceId, actor)).context as CaseContext).meetings;
    // Already moved there by an earlier request that did not reach the agenda: only the agenda line is left.
    const retried = track.length >= 2 && track.at(-1)!.meetingId === target.id && track.at(-2)!.outcome === 'postponed';
    if (!retried) {
      const date = DateTime.fromJSDate(target.startsAt, { zone: OSLO }).toFormat('dd.MM.yy');
      await this.engine.send(
        row.instanceId,
        {
          type: 'case.postponed',
          toMeetingId: target.id,
          resolution: resolution ?? `Saken utsettes til ${target.committeeCode}-møte ${date}.`,
        },
        actor,
        { idempotencyKey },
      );
    }
    await this.agenda.addCase(target, row, line, actor, idempotencyKey);
    return this.get(id, actor);
  }

  /** A meeting named in the body: unknown is a bad field, not a missing resource. */
  private async meetingField(meetingId: string, field: string): Promise<MeetingRow> {
    const meeting = await this.repo.findMeeting(meetingId);
    if (!meeting) throw invalidInput([{ field, message: 'no meeting with this id' }]);
    return meeting;
  }

  private async viewOf(row: CaseRow, instance: InstanceView, actor: Actor): Promise<CaseView> {
    const c = instance.context as CaseContext;
    const [extra] = (await this.dataSource.query(
      `SELECT k.resolution, k.minutes_text AS "minutesText",
              coalesce((SELECT json_agg(json_build_object('meetingId', t.meeting_id, 'startsAt', m.starts_at, 'outcome', t.outcome,
                          'resolution', t.resolution, 'minutesText', t.minutes_text) ORDER BY m.starts_at)
                          FROM case_meetings t JOIN meetings m ON m.id = t.meeting_id WHERE t.case_id = k.id), '[]') AS meetings,
              coalesce((SELECT json_agg(json_build_object('text', i.text, 'author', i.author, 'meetingId', i.meeting_id,
                          'createdAt', i.created_at) ORDER BY i.created_at, i.id)
                          FROM case_inputs i WHERE i.case_id = k.id), '[]') AS inputs,
              coalesce((SELECT json_agg(json_build_object('instanceId', a.instance_id, 'state', wi.state,
                          'title', wi.snapshot #>> '{context,title}') ORDER BY wi.created_at)
                          FROM case_assignments a JOIN workflow_instances wi ON wi.id = a.instance_id
                         WHERE a.case_id = k.id), '[]') AS assignments
         FROM cases k WHERE k.id = $1`,
      [row.id],
    )) as Pick<CaseView, 'resolution' | 'minutesText' | 'meetings' | 'inputs' | 'assignments'>[];
    const iso = (at: string) => new Date(at).toISOString();
    return {
      id: row.id,
      ref: row.ref,
      year: row.year,
      number: row.number,
      committee: { code: row.committeeCode, name: row.committeeName },
      title: c.title,
      proposedResolution: c.proposedResolution,
      resolution: extra.resolution,
      voteResult: c.voteResult,
      minutesText: extra.minutesText,
      responsible: c.responsible,
      caseOfficer: c.caseOfficer,
      withdrawnReason: c.withdrawnReason,
      meetingId: c.meetingId,
      instanceId: instance.id,
      state: instance.state,
      revision: instance.revision,
      allowedEvents: instance.allowedEvents,
      meetings: extra.meetings.map((m) => ({ ...m, startsAt: iso(m.startsAt) })),
      inputs: extra.inputs.map((i) => ({ ...i, createdAt: iso(i.createdAt) })),
      assignments: extra.assignments,
      history: await this.engine.history(row.instanceId, actor),
    };
  }
}
