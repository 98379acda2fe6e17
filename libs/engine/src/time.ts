import { DateTime, Duration } from 'luxon';
import { z } from 'zod';

export const OSLO = 'Europe/Oslo';

/** ISO 8601 duration such as P7D, P14D, PT2H, PT5M. */
export const isoDuration = z
  .string()
  .max(40)
  .refine((s) => Duration.fromISO(s).isValid && Duration.fromISO(s).toMillis() > 0, {
    message: 'must be a positive ISO 8601 duration such as P7D or PT2H',
  });

/**
 * A deadline as people write it: a date (`2024-06-01`, meaning the end of that day in Oslo) or a
 * date-time with offset (`2024-06-01T12:00:00+02:00`).
 */
export const deadline = z
  .string()
  .max(40)
  .refine((s) => toDeadline(s) !== null, {
    message: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time with offset',
  })
  .transform((s) => toDeadline(s)!);

export function toDeadline(value: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = DateTime.fromISO(value, { zone: OSLO });
    return day.isValid ? day.endOf('day').set({ millisecond: 0 }).toUTC().toISO() : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const at = DateTime.fromISO(value, { setZone: true });
  return at.isValid ? at.toUTC().toISO() : null;
}

/** `at` minus a duration, counted in Oslo calendar time (so P1D across a DST change is one calendar day). */
export function before(at: string, duration: string): string {
  return DateTime.fromISO(at, { zone: OSLO }).minus(Duration.fromISO(duration)).toUTC().toISO()!;
}

/** «1. juni 2024 kl. 23.59»: Norwegian times take a full stop (Språkrådet). */
export function norwegianDateTime(at: string): string {
  const t = DateTime.fromISO(at, { zone: OSLO }).setLocale('nb');
  return `${t.toFormat('d. MMMM yyyy')} kl. ${t.toFormat('HH.mm')}`;
}

/** «7 dager», «2 timer», «5 minutter» */
export function norwegianDuration(duration: string): string {
  const d = Duration.fromISO(duration).shiftTo('days', 'hours', 'minutes');
  const parts: string[] = [];
  if (d.days) parts.push(`${d.days} ${d.days === 1 ? 'dag' : 'dager'}`);
  if (d.hours) parts.push(`${d.hours} ${d.hours === 1 ? 'time' : 'timer'}`);
  if (d.minutes) parts.push(`${Math.round(d.minutes)} ${d.minutes === 1 ? 'minutt' : 'minutter'}`);
  return parts.join(' og ') || duration;
}
