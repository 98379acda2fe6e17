/** Dates and times in Europe/Oslo, written the Norwegian way: «1. juni 2024 kl. 12.00», «01.06.2024». */
const MONTHS = [
  'januar',
  'februar',
  'mars',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'desember',
];

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

interface OsloParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function osloParts(value: string | Date): OsloParts {
  const get = Object.fromEntries(parts.formatToParts(new Date(value)).map((p) => [p.type, p.value]));
  return { year: +get.year, month: +get.month, day: +get.day, hour: +get.hour, minute: +get.minute };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** «1. juni 2024» */
export function formatDate(value: string | Date): string {
  const p = osloParts(value);
  return `${p.day}. ${MONTHS[p.month - 1]} ${p.year}`;
}

/** «1. juni 2024 kl. 12.00» */
export function formatDateTime(value: string | Date): string {
  const p = osloParts(value);
  return `${p.day}. ${MONTHS[p.month - 1]} ${p.year} kl. ${two(p.hour)}.${two(p.minute)}`;
}

/** «01.06.2024» */
export function formatShortDate(value: string | Date): string {
  const p = osloParts(value);
  return `${two(p.day)}.${two(p.month)}.${p.year}`;
}

/** «kl. 12.00» */
export function formatTime(value: string | Date): string {
  const p = osloParts(value);
  return `kl. ${two(p.hour)}.${two(p.minute)}`;
}

/**
 * A date and time typed in Oslo («2025-03-01T12:00», as <input type="datetime-local"> gives it; a date alone means
 * 23.59) as an instant with Oslo's offset on that day: «2025-03-01T12:00:00+01:00».
 */
export function osloInstant(local: string): string {
  const [d, t = '23:59'] = local.split('T');
  const [y, mo, da] = d.split('-').map(Number);
  const [h, mi] = t.split(':').map(Number);
  const offsetAt = (ms: number) => {
    const p = osloParts(new Date(ms));
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - ms;
  };
  const guess = Date.UTC(y, mo - 1, da, h, mi);
  const offset = offsetAt(guess - offsetAt(guess)) / 60_000;
  const sign = offset >= 0 ? '+' : '-';
  return `${d}T${two(h)}:${two(mi)}:00${sign}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
}

/** «om 3 dager», «i dag», «for 2 dager siden» (calendar days in Oslo). */
export function relativeDays(value: string | Date, now: Date = new Date()): string {
  const day = (d: OsloParts) => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
  const diff = day(osloParts(value)) - day(osloParts(now));
  if (diff === 0) return 'i dag';
  if (diff === 1) return 'i morgen';
  if (diff === -1) return 'i går';
  return diff > 0 ? `om ${diff} dager` : `for ${-diff} dager siden`;
}
