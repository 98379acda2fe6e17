import { DateTime, Duration } from 'luxon';
import { OSLO } from '@samflyt/engine';
import { easterSunday } from '../hearings/deadline-warnings';

/**
 * Norway's public holidays (helligdagsloven § 1 and the 1 May and 17 May days of lov om 1. og 17. mai som
 * høgtidsdagar) as Oslo dates `yyyy-MM-dd`: nyttårsdag, skjærtorsdag, langfredag, 1. and 2. påskedag,
 * 1. mai, 17. mai, Kristi himmelfartsdag, 1. and 2. pinsedag, 1. and 2. juledag.
 */
export function publicHolidays(year: number): string[] {
  const easter = easterSunday(year);
  const fixed = [
    [1, 1],
    [5, 1],
    [5, 17],
    [12, 25],
    [12, 26],
  ].map(([month, day]) => DateTime.fromObject({ year, month, day }, { zone: OSLO }));
  const movable = [-3, -2, 0, 1, 39, 49, 50].map((days) => easter.plus({ days }));
  return [...fixed, ...movable].map((d) => d.toISODate()!).sort();
}

/** A weekday that is no public holiday. */
export function isWorkingDay(day: DateTime): boolean {
  const d = day.setZone(OSLO);
  return d.weekday <= 5 && !publicHolidays(d.year).includes(d.toISODate()!);
}

/** The day itself when it is a working day, else the next one (domstolloven § 149, by forvaltningsloven § 30). */
export function nextWorkingDay(day: DateTime): DateTime {
  let d = day.setZone(OSLO).startOf('day');
  while (!isWorkingDay(d)) d = d.plus({ days: 1 });
  return d;
}

/**
 * When the letter counts as received, as the round states it: on the day it was sent (an e-mail, the default) or
 * `receivedAfterDays` days later (a rule such as «mottatt tre dager etter utsending» for post).
 */
export interface ReceiptRule {
  receivedAfterDays: number;
}

/**
 * The klagefrist of a vedtak sent at `sentAt` (ISO 8601): `period` (three weeks, forvaltningsloven § 29) from the
 * day the letter counts as received, to the end of that day in Oslo; a last day on a Saturday, Sunday or public
 * holiday moves to the next working day. Returns UTC ISO 8601.
 */
export function appealDeadline(sentAt: string, period: string, rule: ReceiptRule = { receivedAfterDays: 0 }): string {
  const duration = Duration.fromISO(period);
  if (duration.hours || duration.minutes || duration.seconds || duration.milliseconds) {
    // A period of hours or less is no statutory one (demos and tests): it counts from the moment of sending.
    return DateTime.fromISO(sentAt, { zone: OSLO })
      .plus({ days: rule.receivedAfterDays })
      .plus(duration)
      .toUTC()
      .toISO()!;
  }
  const received = DateTime.fromISO(sentAt, { zone: OSLO }).startOf('day').plus({ days: rule.receivedAfterDays });
  const lastDay = nextWorkingDay(received.plus(duration));
  return lastDay.endOf('day').set({ millisecond: 0 }).toUTC().toISO()!;
}
