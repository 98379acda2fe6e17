import { invalidInput, WorkflowEngine, type Actor } from '@samflyt/engine';
import {
  agendaLine,
  agendaLines,
  type AgendaLine,
  type AgendaPlacement,
  type MeetingContext,
} from '@samflyt/workflows';
import type { z } from 'zod';
import type { CaseRow, CasesRepository } from '../cases';
import { agendaProblems, withCase, withIds } from './agenda-rules';
import type { MeetingRow, MeetingsRepository } from './meetings.repository';

/** A sakliste line as a client sends it; see `agendaLineInput` for the rules. */
export type AgendaLineRequest = z.input<typeof agendaLine>;

type Key = string | undefined;

/** The value, or 400 naming each field under `prefix`. */
function parsed<T extends z.ZodType>(schema: T, value: unknown, prefix: string[] = []): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalidInput(
    result.error.issues.map((i) => ({ field: [...prefix, ...i.path.map(String)].join('.'), message: i.message })),
  );
}

/**
 * The sakliste of a meeting. The meeting's workflow keeps it (its notice prints it) and its
 * projection writes `agenda_items`; each case on it is put on the meeting through the case's own
 * workflow. Everything is checked before anything is written, so a refused agenda changes nothing.
 * The writes span instances (the meeting, then each case): a request that fails midway is
 * completed by sending it again, since every step is computed from the current state.
 */
export class AgendaService {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly meetings: MeetingsRepository,
    private readonly cases: CasesRepository,
  ) {}

  async replace(meetingId: string, items: AgendaLineRequest[], actor: Actor, idempotencyKey?: Key): Promise<void> {
    const meeting = await this.meetings.meeting(meetingId);
    const current = (await this.engine.view(meeting.instanceId, actor)).context as MeetingContext;
    const lines = parsed(agendaLines, withIds(items, meeting.id, current.agenda, idempotencyKey), ['items']);
    const caseIds = lines.flatMap((l) => (l.caseId ? [l.caseId] : []));
    const cases = new Map((await this.cases.cases(caseIds)).map((c) => [c.id, c]));
    const track = await this.cases.trackOn(meeting.id);
    const kept = new Set(caseIds);
    const dropped = await this.cases.cases([...track.keys()].filter((id) => !kept.has(id)));
    const errors = agendaProblems(meeting, lines, cases, track, dropped);
    if (errors.length > 0) throw invalidInput(errors);

    const enriched = lines.map((line) => withCase(line, line.caseId ? cases.get(line.caseId)! : null));
    await this.engine.send(meeting.instanceId, { type: 'agenda.updated', items: enriched }, actor, { idempotencyKey });
    for (const c of caseIds.map((id) => cases.get(id)!).filter((c) => c.state === 'draft')) {
      await this.engine.send(c.instanceId, { type: 'case.scheduled', meetingId: meeting.id }, actor, {
        idempotencyKey,
      });
    }
    for (const c of dropped.filter((c) => c.state === 'onAgenda' && c.meetingId === meeting.id)) {
      await this.engine.send(c.instanceId, { type: 'case.unscheduled' }, actor, { idempotencyKey });
    }
  }

  /**
   * Adds a case at the end of a meeting's sakliste, unless it is there already (a retried
   * schedule or postponement), with the times and responsible person given.
   */
  async addCase(meeting: MeetingRow, c: CaseRow, placement: AgendaPlacement, actor: Actor, idempotencyKey?: Key) {
    const view = await this.engine.view(meeting.instanceId, actor);
    if ((view.context as MeetingContext).agenda.some((l) => l.caseId === c.id)) return;
    const line: AgendaLine = parsed(agendaLine, { ...placement, kind: 'case', caseId: c.id });
    await this.engine.send(meeting.instanceId, { type: 'agenda.itemAdded', item: withCase(line, c) }, actor, {
      idempotencyKey,
    });
  }
}
