import {
  OSLO,
  forbidden,
  invalidInput,
  WorkflowEngine,
  type Actor,
  type InstanceView,
  type JournalView,
  type WorkflowEvent,
} from '@samflyt/engine';
import {
  mayReadCommittee,
  type AgendaPlacement,
  type CaseContext,
  type CreateCaseRequest,
  type PostponeCaseRequest,
} from '@samflyt/workflows';
import { DateTime } from 'luxon';
import type { AgendaService, MeetingRow, MeetingsRepository } from '../meetings';
import { alreadyPostponedTo, postponementText } from './case-rules';
import type { CaseRecord, CaseRow, CasesRepository } from './cases.repository';

export type NewCase = CreateCaseRequest;

export interface CaseView extends CaseRecord {
  id: string;
  ref: string;
  year: number;
  number: number;
  committee: { code: string; name: string };
  title: string;
  proposedResolution: string;
  voteResult: string | null;
  responsible: string | null;
  caseOfficer: string | null;
  withdrawnReason: string | null;
  meetingId: string | null;
  instanceId: string;
  state: string;
  revision: number;
  allowedEvents: string[];
  history: JournalView[];
}

type Key = string | undefined;

/** Cases (saker): numbered on creation, then scheduled, postponed, decided or withdrawn through the `case` workflow. */
export class CaseService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly meetings: MeetingsRepository,
    private readonly engine: WorkflowEngine,
    private readonly agenda: AgendaService,
  ) {}

  async create(code: string, body: NewCase, actor: Actor, idempotencyKey?: Key): Promise<CaseView> {
    const committee = await this.meetings.committee(code);
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
    const committee = await this.meetings.committee(code);
    if (!mayReadCommittee(actor, committee.code)) throw forbidden(`You may not read the cases of ${committee.code}`);
    return (await this.cases.casesOf(committee.id, year ?? null)).map(({ instanceId: _, ...row }) => row);
  }

  async get(id: string, actor: Actor): Promise<CaseView> {
    const row = await this.cases.case(id);
    return this.viewOf(row, await this.engine.view(row.instanceId, actor), actor);
  }

  /** The vedtak: the proposal, or the amended text; a vote result is appended when given. */
  decide(id: string, body: { resolution?: string; voteResult?: string | null }, actor: Actor, key?: Key) {
    return this.send(id, { type: 'case.decided', ...body }, actor, key);
  }

  withdraw(id: string, reason: string, actor: Actor, key?: Key): Promise<CaseView> {
    return this.send(id, { type: 'case.withdrawn', reason }, actor, key);
  }

  /** An innspill to the case at the meeting it is on. */
  recordInput(id: string, body: { text: string; author?: string | null }, actor: Actor, key?: Key) {
    return this.send(id, { type: 'case.inputRecorded', ...body }, actor, key);
  }

  /** The referat of the case at the meeting it is on (replaces the text before). */
  recordMinutes(id: string, text: string, actor: Actor, key?: Key): Promise<CaseView> {
    return this.send(id, { type: 'case.minutesRecorded', text }, actor, key);
  }

  /** Puts a draft case on a meeting and at the end of its sakliste. */
  async schedule(
    id: string,
    meetingId: string,
    placement: AgendaPlacement,
    actor: Actor,
    idempotencyKey?: Key,
  ): Promise<CaseView> {
    const row = await this.cases.case(id);
    const meeting = await this.meetingField(meetingId, 'meetingId');
    if (row.meetingId !== meeting.id) {
      await this.engine.send(row.instanceId, { type: 'case.scheduled', meetingId: meeting.id }, actor, {
        idempotencyKey,
      });
    }
    await this.agenda.addCase(meeting, row, placement, actor, idempotencyKey);
    return this.get(id, actor);
  }

  /**
   * Utsatt: the case moves to a named later meeting and onto its sakliste; its track keeps the
   * meeting it was postponed at, with «Saken utsettes til ASU-møte 19.06.24.» as what was resolved.
   */
  async postpone(id: string, body: PostponeCaseRequest, actor: Actor, idempotencyKey?: Key): Promise<CaseView> {
    const row = await this.cases.case(id);
    const { toMeetingId, resolution, ...placement } = body;
    const target = await this.meetingField(toMeetingId, 'toMeetingId');
    const track = ((await this.engine.view(row.instanceId, actor)).context as CaseContext).meetings;
    if (!alreadyPostponedTo(track, target.id)) {
      await this.engine.send(
        row.instanceId,
        {
          type: 'case.postponed',
          toMeetingId: target.id,
          resolution: resolution ?? postponementText(target.committeeCode, target.startsAt),
        },
        actor,
        { idempotencyKey },
      );
    }
    await this.agenda.addCase(target, row, placement, actor, idempotencyKey);
    return this.get(id, actor);
  }

  private async send(id: string, event: WorkflowEvent, actor: Actor, idempotencyKey?: Key): Promise<CaseView> {
    const row = await this.cases.case(id);
    return this.viewOf(row, await this.engine.send(row.instanceId, event, actor, { idempotencyKey }), actor);
  }

  /** A meeting named in the body: unknown is a bad field, not a missing resource. */
  private async meetingField(meetingId: string, field: string): Promise<MeetingRow> {
    const meeting = await this.meetings.findMeeting(meetingId);
    if (!meeting) throw invalidInput([{ field, message: 'no meeting with this id' }]);
    return meeting;
  }

  private async viewOf(row: CaseRow, instance: InstanceView, actor: Actor): Promise<CaseView> {
    const c = instance.context as CaseContext;
    return {
      id: row.id,
      ref: row.ref,
      year: row.year,
      number: row.number,
      committee: { code: row.committeeCode, name: row.committeeName },
      title: c.title,
      proposedResolution: c.proposedResolution,
      voteResult: c.voteResult,
      responsible: c.responsible,
      caseOfficer: c.caseOfficer,
      withdrawnReason: c.withdrawnReason,
      meetingId: c.meetingId,
      instanceId: instance.id,
      state: instance.state,
      revision: instance.revision,
      allowedEvents: instance.allowedEvents,
      ...(await this.cases.record(row.id)),
      history: await this.engine.history(row.instanceId, actor),
    };
  }
}
