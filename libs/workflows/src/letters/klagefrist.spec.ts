import { DateTime } from 'luxon';
import { OSLO } from '@samflyt/engine';
import { appealDeadline, isWorkingDay, nextWorkingDay, publicHolidays } from './klagefrist';

const oslo = (iso: string) => DateTime.fromISO(iso, { zone: OSLO });
/** The Oslo day a deadline falls on. */
const dayOf = (deadline: string) => DateTime.fromISO(deadline, { zone: OSLO }).toISODate();

describe('public holidays', () => {
  it('2024: Easter 31 March, Ascension 9 May, Whit Monday 20 May', () => {
    expect(publicHolidays(2024)).toEqual([
      '2024-01-01',
      '2024-03-28',
      '2024-03-29',
      '2024-03-31',
      '2024-04-01',
      '2024-05-01',
      '2024-05-09',
      '2024-05-17',
      '2024-05-19',
      '2024-05-20',
      '2024-12-25',
      '2024-12-26',
    ]);
  });

  it('working days: not weekends, not holidays; Christmas Eve is an ordinary weekday', () => {
    expect(isWorkingDay(oslo('2024-05-17'))).toBe(false);
    expect(isWorkingDay(oslo('2024-05-18'))).toBe(false);
    expect(isWorkingDay(oslo('2024-12-24'))).toBe(true);
    expect(nextWorkingDay(oslo('2024-03-28')).toISODate()).toBe('2024-04-02');
  });
});

describe('klagefrist (forvaltningsloven §§ 29–30)', () => {
  it('three weeks from an e-mail received the day it was sent, end of day in Oslo', () => {
    const deadline = appealDeadline('2024-06-03T10:00:00+02:00', 'P21D');
    expect(deadline).toBe('2024-06-24T21:59:59.000Z');
  });

  it('a last day on skjærtorsdag moves past Easter to the Tuesday after 2. påskedag', () => {
    // 2024-03-07 + 21 days = Thursday 28 March 2024 (skjærtorsdag)
    expect(dayOf(appealDeadline('2024-03-07T12:00:00+01:00', 'P21D'))).toBe('2024-04-02');
  });

  it('a last day on 17 May (a Friday in 2024) moves past the weekend and 2. pinsedag to Tuesday 21 May', () => {
    // 17 May (Fri) → 18, 19 weekend (19 is also 1. pinsedag) → 20 May 2. pinsedag → Tuesday 21 May
    expect(dayOf(appealDeadline('2024-04-26T09:00:00+02:00', 'P21D'))).toBe('2024-05-21');
  });

  it('a last day on 1. juledag moves past 2. juledag', () => {
    // 2025-12-04 + 21 days = Thursday 25 December 2025
    expect(dayOf(appealDeadline('2025-12-04T09:00:00+01:00', 'P21D'))).toBe('2025-12-29');
  });

  it('a last day on a Saturday moves to Monday', () => {
    // 2024-08-10 is a Saturday
    expect(dayOf(appealDeadline('2024-07-20T09:00:00+02:00', 'P21D'))).toBe('2024-08-12');
  });

  it('counts from receipt as the round states it: three days after sending', () => {
    // sent Friday 7 June 2024, received Monday 10 June, + 21 days = Monday 1 July
    expect(dayOf(appealDeadline('2024-06-07T15:00:00+02:00', 'P21D', { receivedAfterDays: 3 }))).toBe('2024-07-01');
  });

  it('a letter sent late in the evening counts from its Oslo day, not the UTC one', () => {
    expect(dayOf(appealDeadline('2024-06-03T23:30:00+02:00', 'P21D'))).toBe('2024-06-24');
  });

  it('a period of hours or less (demos, tests) counts from the moment of sending', () => {
    expect(appealDeadline('2024-06-03T10:00:00.000Z', 'PT10S')).toBe('2024-06-03T10:00:10.000Z');
  });
});
