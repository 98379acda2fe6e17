import { DateTime, Interval } from 'luxon';
import { OSLO } from '@samflyt/engine';

/**
 * Utredningsinstruksen 3-3 and its guidance: a høringsfrist is normally three months and never under
 * six weeks; a hearing over summer, Easter or Christmas should get the holiday's time on top. samflyt
 * allows any deadline but says so, in the set-up and sending answers.
 */
export type DeadlineWarningCode = 'under-six-weeks' | 'under-three-months' | 'summer' | 'easter' | 'christmas';

export interface DeadlineWarning {
  code: DeadlineWarningCode;
  /** `warning`: against the rule; `notice`: shorter than the normal. */
  severity: 'warning' | 'notice';
  message: string;
}

const SIX_WEEKS_DAYS = 42;

/** Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(year: number): DateTime {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.fromObject({ year, month, day }, { zone: OSLO });
}

interface Holiday {
  code: 'summer' | 'easter' | 'christmas';
  name: string;
  interval: Interval;
}

/** Summer: July (fellesferien); Easter: palmesøndag to 2. påskedag; Christmas: 20 December to 2 January. */
function holidays(year: number): Holiday[] {
  const day = (month: number, d: number, y = year) => DateTime.fromObject({ year: y, month, day: d }, { zone: OSLO });
  const easter = easterSunday(year);
  return [
    { code: 'summer', name: 'sommerferien (juli)', interval: Interval.fromDateTimes(day(7, 1), day(8, 1)) },
    {
      code: 'easter',
      name: 'påsken',
      interval: Interval.fromDateTimes(easter.minus({ days: 7 }), easter.plus({ days: 2 })),
    },
    { code: 'christmas', name: 'jul og nyttår', interval: Interval.fromDateTimes(day(12, 20), day(1, 3, year + 1)) },
  ];
}

const days = (interval: Interval | null): number => (interval ? interval.length('days') : 0);

/** What to tell the secretariat about a hearing sent at `sentAt` with deadline `deadline` (ISO 8601). */
export function deadlineWarnings(sentAt: string, deadline: string): DeadlineWarning[] {
  const from = DateTime.fromISO(sentAt, { zone: OSLO });
  const to = DateTime.fromISO(deadline, { zone: OSLO });
  if (!from.isValid || !to.isValid || to <= from) return [];
  const period = Interval.fromDateTimes(from, to);
  const total = days(period);
  const warnings: DeadlineWarning[] = [];
  const whole = Math.floor(total);
  if (total < SIX_WEEKS_DAYS) {
    warnings.push({
      code: 'under-six-weeks',
      severity: 'warning',
      message: `Høringsfristen er ${whole} dager fra utsending, kortere enn 6 uker (utredningsinstruksen 3-3).`,
    });
  } else if (to < from.plus({ months: 3 })) {
    warnings.push({
      code: 'under-three-months',
      severity: 'notice',
      message: `Høringsfristen er ${whole} dager fra utsending; normalen er 3 måneder (utredningsinstruksen 3-3).`,
    });
  }
  const overlapping = [from.year - 1, from.year, to.year]
    .filter((y, i, all) => all.indexOf(y) === i)
    .flatMap(holidays)
    .map((h) => ({ ...h, overlap: days(period.intersection(h.interval)) }))
    .filter((h) => h.overlap >= 1);
  const holidayDays = overlapping.reduce((sum, h) => sum + h.overlap, 0);
  const outside = total - holidayDays;
  if (outside < SIX_WEEKS_DAYS) {
    for (const h of overlapping) {
      warnings.push({
        code: h.code,
        severity: 'warning',
        message:
          `Høringsperioden omfatter ${h.name} (${Math.round(h.overlap)} dager) uten ekstra tid: ` +
          `bare ${Math.floor(outside)} dager utenom ferie og helligdager, under 6 uker. Vurder en lengre frist.`,
      });
    }
  }
  return warnings;
}
