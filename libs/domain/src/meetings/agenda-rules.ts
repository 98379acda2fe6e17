import { randomUUID } from 'node:crypto';
import { derivedId, type FieldError } from '@samflyt/engine';
import type { AgendaLine } from '@samflyt/workflows';
import type { CaseRow } from '../cases';
import type { MeetingRow } from './meetings.repository';

/**
 * Lines keep their ids: a case keeps the id of its line, and a new line sent with an
 * Idempotency-Key gets an id derived from it, so a retried request is the same request.
 */
export function withIds<T extends { id?: string; caseId?: string | null }>(
  items: T[],
  meetingId: string,
  agenda: AgendaLine[],
  key: string | undefined,
): (T & { id: string })[] {
  const byCase = new Map(agenda.flatMap((l) => (l.caseId ? [[l.caseId, l.id] as const] : [])));
  return items.map((item, i) => {
    if (item.id) return { ...item, id: item.id };
    const known = item.caseId ? byCase.get(item.caseId) : undefined;
    if (item.caseId) byCase.delete(item.caseId);
    return { ...item, id: known ?? (key ? derivedId(`${meetingId}\n${key}\n${i}`) : randomUUID()) };
  });
}

/** Why a case cannot be on this meeting's sakliste, or null when it can. */
export function caseProblem(
  meeting: MeetingRow,
  c: CaseRow | undefined,
  outcomeHere: string | undefined,
): string | null {
  if (!c) return 'no case with this id: put a case on the sakliste after creating it';
  if (c.committeeId !== meeting.committeeId)
    return `case ${c.ref} belongs to ${c.committeeCode}, not ${meeting.committeeCode}`;
  if (outcomeHere !== undefined || c.state === 'draft') return null;
  if (c.state === 'onAgenda') return `case ${c.ref} is on the agenda of another meeting; postpone it instead`;
  return `case ${c.ref} is ${c.state} and cannot be put on an agenda`;
}

/**
 * What is wrong with a new sakliste for this meeting: each line naming a case that cannot be on it
 * (`items.N.caseId`), and each case left out that was dealt with here and so stays (`items`).
 */
export function agendaProblems(
  meeting: MeetingRow,
  lines: { caseId: string | null }[],
  cases: ReadonlyMap<string, CaseRow>,
  track: ReadonlyMap<string, string>,
  dropped: CaseRow[],
): FieldError[] {
  const errors: FieldError[] = [];
  lines.forEach((line, i) => {
    if (!line.caseId) return;
    const problem = caseProblem(meeting, cases.get(line.caseId), track.get(line.caseId));
    if (problem) errors.push({ field: `items.${i}.caseId`, message: problem });
  });
  for (const c of dropped.filter((c) => track.get(c.id) !== 'scheduled')) {
    errors.push({
      field: 'items',
      message: `case ${c.ref} was ${track.get(c.id)} at this meeting and stays on its sakliste`,
    });
  }
  return errors;
}

/** The notice prints the case's number and, unless the sakliste words it otherwise, its title. */
export function withCase(line: AgendaLine, c: CaseRow | null): AgendaLine {
  return c ? { ...line, caseRef: c.ref, title: line.title ?? c.title } : { ...line, caseRef: null };
}
