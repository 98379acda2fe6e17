import { attendanceEvent, planErrors } from './meeting-rules';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';

describe('planErrors', () => {
  const known = new Map([[P1, 'Ingjerd Astad']]);
  const times = { startsAt: '2024-04-17T13:00:00+02:00', endsAt: '2024-04-17T17:00:00+02:00' };

  it('a meeting with times and known people is fine', () => {
    expect(planErrors({ ...times, chairPersonId: P1 }, known)).toEqual([]);
  });

  it('names times without an offset, an end before the start and people the register does not know', () => {
    expect(planErrors({ startsAt: '2024-04-17', endsAt: 'x', minuteTakerPersonId: P2 }, known)).toEqual([
      { field: 'startsAt', message: 'must be an ISO 8601 date-time with offset, e.g. 2024-04-17T13:00:00+02:00' },
      { field: 'endsAt', message: 'must be an ISO 8601 date-time with offset, e.g. 2024-04-17T13:00:00+02:00' },
      { field: 'minuteTakerPersonId', message: 'no person with this id' },
    ]);
    expect(planErrors({ startsAt: times.endsAt, endsAt: times.startsAt }, known)).toEqual([
      { field: 'endsAt', message: 'must be after startsAt' },
    ]);
  });
});

describe('attendanceEvent', () => {
  it('before the meeting: an answer', () => {
    expect(attendanceEvent('noticed', P1, { status: 'remote' })).toEqual({
      type: 'attendance.answered',
      personId: P1,
      status: 'remote',
    });
  });

  it('once held: the record, with a vara standing in', () => {
    expect(attendanceEvent('held', P2, { status: 'present', standsInForPersonId: P1 })).toEqual({
      type: 'attendance.recorded',
      entries: [{ personId: P2, status: 'present', standsInForPersonId: P1 }],
    });
  });

  it('a vara standing in before the meeting, or no person at all: the field that is wrong', () => {
    expect(attendanceEvent('planned', P2, { status: 'present', standsInForPersonId: P1 })).toEqual({
      field: 'standsInForPersonId',
      message: 'a vara standing in is recorded when the meeting is held',
    });
    expect(attendanceEvent('held', undefined, { status: 'absent' })).toMatchObject({ field: 'personId' });
  });
});
