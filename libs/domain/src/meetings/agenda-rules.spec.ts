import type { AgendaLine } from '@samflyt/workflows';
import type { CaseRow } from '../cases';
import { derivedId } from '@samflyt/engine';
import { agendaProblems, caseProblem, withCase, withIds } from './agenda-rules';
import type { MeetingRow } from './meetings.repository';

const ASU = 'c0000000-0000-4000-8000-000000000001';
const AU = 'c0000000-0000-4000-8000-000000000002';
const MEETING = 'a0000000-0000-4000-8000-000000000001';

const meeting = { id: MEETING, committeeId: ASU, committeeCode: 'ASU' } as MeetingRow;

const kase = (id: string, number: number, extra: Partial<CaseRow> = {}): CaseRow => ({
  id,
  committeeId: ASU,
  committeeCode: 'ASU',
  committeeName: 'Administrativt samarbeidsutvalg',
  year: 2024,
  number,
  ref: `${String(number).padStart(2, '0')}/24`,
  title: `Sak ${number}`,
  instanceId: `i-${id}`,
  meetingId: null,
  state: 'draft',
  ...extra,
});

const line = (extra: Partial<AgendaLine>): AgendaLine => ({
  id: 'l1',
  kind: 'case',
  caseId: null,
  caseRef: null,
  title: null,
  details: null,
  startsAt: null,
  durationMinutes: null,
  responsible: null,
  ...extra,
});

describe('caseProblem', () => {
  it('a draft case of the committee, or one already dealt with here, may be on the sakliste', () => {
    expect(caseProblem(meeting, kase('k1', 9), undefined)).toBeNull();
    expect(caseProblem(meeting, kase('k1', 9, { state: 'decided' }), 'decided')).toBeNull();
  });

  it('names why a case may not', () => {
    expect(caseProblem(meeting, undefined, undefined)).toMatch(/^no case with this id/);
    expect(caseProblem(meeting, kase('k1', 1, { committeeId: AU, committeeCode: 'AU' }), undefined)).toBe(
      'case 01/24 belongs to AU, not ASU',
    );
    expect(caseProblem(meeting, kase('k1', 9, { state: 'onAgenda' }), undefined)).toBe(
      'case 09/24 is on the agenda of another meeting; postpone it instead',
    );
    expect(caseProblem(meeting, kase('k1', 9, { state: 'withdrawn' }), undefined)).toBe(
      'case 09/24 is withdrawn and cannot be put on an agenda',
    );
  });
});

describe('agendaProblems', () => {
  it('names each bad line by its index, and each dealt-with case left out', () => {
    const cases = new Map([['k1', kase('k1', 9, { state: 'onAgenda' })]]);
    const track = new Map([['k2', 'postponed']]);
    const errors = agendaProblems(meeting, [{ caseId: null }, { caseId: 'k1' }], cases, track, [
      kase('k2', 15, { state: 'onAgenda' }),
    ]);
    expect(errors).toEqual([
      { field: 'items.1.caseId', message: 'case 09/24 is on the agenda of another meeting; postpone it instead' },
      { field: 'items', message: 'case 15/24 was postponed at this meeting and stays on its sakliste' },
    ]);
  });

  it('a case only scheduled here may be dropped', () => {
    const track = new Map([['k2', 'scheduled']]);
    expect(agendaProblems(meeting, [], new Map(), track, [kase('k2', 15)])).toEqual([]);
  });
});

describe('withIds', () => {
  const agenda = [line({ id: 'kept', caseId: 'k1' })];

  it('a line sent with an id keeps it; a case keeps the id of its line', () => {
    const [a, b] = withIds([{ id: 'given', caseId: null }, { caseId: 'k1' }], MEETING, agenda, undefined);
    expect(a.id).toBe('given');
    expect(b.id).toBe('kept');
  });

  it('a new line gets an id derived from the Idempotency-Key: a retry is the same request', () => {
    const first = withIds([{ caseId: null }], MEETING, agenda, 'key-1');
    const again = withIds([{ caseId: null }], MEETING, agenda, 'key-1');
    expect(first[0].id).toBe(again[0].id);
    expect(first[0].id).toBe(derivedId(`${MEETING}\nkey-1\n0`));
    expect(withIds([{ caseId: null }], MEETING, agenda, undefined)[0].id).not.toBe(first[0].id);
  });

  it('derived ids are shaped as version-4 uuids', () => {
    expect(derivedId('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('withCase', () => {
  it("prints the case's number and, unless worded otherwise, its title", () => {
    expect(withCase(line({ caseId: 'k1' }), kase('k1', 9))).toMatchObject({ caseRef: '09/24', title: 'Sak 9' });
    expect(withCase(line({ caseId: 'k1', title: 'Eget navn' }), kase('k1', 9)).title).toBe('Eget navn');
    expect(withCase(line({ kind: 'break', title: 'Pause', caseRef: 'x' }), null)).toMatchObject({ caseRef: null });
  });
});
