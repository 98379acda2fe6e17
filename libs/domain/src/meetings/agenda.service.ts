import { createHash, randomUUID } from 'node:crypto';
import { WorkflowEngine, invalidInput, type Actor, type FieldError } from '@samflyt/engine';
import { agendaLine, agendaLines, type AgendaLine, type MeetingContext } from '@samflyt/workflows';
import type { z } from 'zod';
import { MeetingsRepository, type CaseRow, type MeetingRow } from './meetings.repository';

/** What a client sends for a sakliste line; see `agendaLine` for the rules. */
export type AgendaLineInput = z.input<typeof agendaLine>;

type Key = string | undefined;

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
    private readonly repo: MeetingsRepository,
  ) {}

  async replace(meetingId: string, items: unknown, actor: Actor, idempotencyKey?: Key): Promise<void> {
    const meeting = await this.repo.meeting(meetingId);
    const current = (await this.engine.view(meeting.instanceId, actor)).context as MeetingContext;
    const parsed = agendaLines.safeParse(this.withIds(items, meeting.id, current.agenda, idempotencyKey));
    if (!parsed.success) {
      throw invalidInput(
        parsed.error.issues.map((i) => ({ field: ['items', ...i.path.map(String)].join('.'), message: i.message })),
      );
    }
    const lines = parsed.data;
    const caseIds = lines.flatMap((l) => (l.caseId ? [l.caseId] : []));
    const cases = new Map((await this.repo.cases(caseIds)).map((c) => [c.id, c]));
    const track = await this.repo.trackOn(meeting.id);
    const errors: FieldError[] = [];
    lines.forEach((line, i) => {
      if (!line.caseId) return;
      const problem = this.caseProblem(meeting, cases.get(line.caseId), track.get(line.caseId));
      if (problem) errors.push({ field: `items.${i}.caseId`, message: problem });
    });
    const kept = new Set(caseIds);
    const dropped = await this.repo.cases([...track.keys()].filter((id) => !kept.has(id)));
    for (const c of dropped.filter((c) => track.get(c.id) !== 'scheduled')) {
      const message = `case ${c.ref} was ${track.get(c.id)} at this meeting and stays on its sakliste`;
      errors.push({ field: 'items', message });
    }
    if (errors.length > 0) throw invalidInput(errors);

    const enriched = lines.map((line) => this.withCase(line, line.caseId ? cases.get(line.caseId)! : null));
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
  async addCase(
    meeting: MeetingRow,
    c: CaseRow,
    line: Partial<AgendaLineInput>,
    actor: Actor,
    idempotencyKey?: Key,
  ): Promise<void> {
    const view = await this.engine.view(meeting.instanceId, actor);
    if ((view.context as MeetingContext).agenda.some((l) => l.caseId === c.id)) return;
    const parsed = agendaLine.safeParse({ ...line, kind: 'case', caseId: c.id });
    if (!parsed.success) {
      throw invalidInput(parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })));
    }
    await this.engine.send(
      meeting.instanceId,
      { type: 'agenda.itemAdded', item: this.withCase(parsed.data, c) },
      actor,
      {
        idempotencyKey,
      },
    );
  }

  /**
   * Lines keep their ids: a case keeps the id of its line, and a new line sent with an
   * Idempotency-Key gets an id derived from it, so a retried request is the same request.
   */
  private withIds(items: unknown, meetingId: string, agenda: AgendaLine[], key: Key): unknown {
    if (!Array.isArray(items)) return items;
    const byCase = new Map(agenda.flatMap((l) => (l.caseId ? [[l.caseId, l.id] as const] : [])));
    return items.map((item: unknown, i) => {
      if (typeof item !== 'object' || item === null || 'id' in item) return item;
      const caseId = (item as { caseId?: unknown }).caseId;
      const known = typeof caseId === 'string' ? byCase.get(caseId) : undefined;
      if (typeof caseId === 'string') byCase.delete(caseId);
      return { ...item, id: known ?? (key ? derivedId(`${meetingId}\n${key}\n${i}`) : randomUUID()) };
    });
  }

  /** Why a case cannot be on this meeting's sakliste, or null when it can. */
  private caseProblem(meeting: MeetingRow, c: CaseRow | undefined, outcomeHere: string | undefined): string | null {
    if (!c) return 'no case with this id: put a case on the sakliste after creating it';
    if (c.committeeId !== meeting.committeeId)
      return `case ${c.ref} belongs to ${c.committeeCode}, not ${meeting.committeeCode}`;
    if (outcomeHere !== undefined || c.state === 'draft') return null;
    if (c.state === 'onAgenda') return `case ${c.ref} is on the agenda of another meeting; postpone it instead`;
    return `case ${c.ref} is ${c.state} and cannot be put on an agenda`;
  }

  /** The notice prints the case's number and, unless the sakliste words it otherwise, its title. */
  private withCase(line: AgendaLine, c: CaseRow | null): AgendaLine {
    return c ? { ...line, caseRef: c.ref, title: line.title ?? c.title } : { ...line, caseRef: null };
  }
}

/** A version-4-shaped uuid from a hash: the same text, the same id. */
function derivedId(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
