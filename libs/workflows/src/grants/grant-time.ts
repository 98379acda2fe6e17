import { DateTime, Duration } from 'luxon';
import { OSLO, toDeadline } from '@samflyt/engine';

/** `at` plus a duration, in Oslo calendar time (three weeks from a letter is three calendar weeks). */
export function after(at: string, duration: string): string {
  return DateTime.fromISO(at, { zone: OSLO }).plus(Duration.fromISO(duration)).toUTC().toISO()!;
}

/** A date or date-time (as opposed to a duration such as P6M). */
export const isDateLike = (value: string): boolean => !value.startsWith('P');

/** A report due date as the round states it: a date/date-time as a deadline (UTC ISO), a duration as it is. */
export function normaliseDue(value: string): string | null {
  if (value.startsWith('P')) {
    const d = Duration.fromISO(value);
    return d.isValid && d.toMillis() > 0 ? value : null;
  }
  return toDeadline(value);
}

/** «01.06.2024» */
export function norwegianDate(at: string): string {
  return DateTime.fromISO(at, { zone: OSLO }).toFormat('dd.LL.yyyy');
}
