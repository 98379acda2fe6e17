import { formatDate, formatDateTime, formatShortDate, osloInstant, relativeDays } from './format';

describe('Norwegian dates in Europe/Oslo', () => {
  it('writes summer and winter times in Oslo time, the Norwegian way', () => {
    expect(formatDateTime('2024-06-01T10:00:00Z')).toBe('1. juni 2024 kl. 12.00');
    expect(formatDateTime('2024-12-24T23:30:00Z')).toBe('25. desember 2024 kl. 00.30');
    expect(formatDate('2024-04-17T11:00:00Z')).toBe('17. april 2024');
    expect(formatShortDate('2024-06-01T10:00:00Z')).toBe('01.06.2024');
  });

  it('counts calendar days in Oslo', () => {
    const now = new Date('2024-06-01T21:30:00Z'); // 23.30 in Oslo
    expect(relativeDays('2024-06-01T22:30:00Z', now)).toBe('i morgen'); // 00.30 the next day in Oslo
    expect(relativeDays('2024-05-29T10:00:00Z', now)).toBe('for 3 dager siden');
    expect(relativeDays('2024-06-01T05:00:00Z', now)).toBe('i dag');
  });

  it('reads a time typed in Oslo with the offset of that day', () => {
    expect(osloInstant('2025-03-01T12:00')).toBe('2025-03-01T12:00:00+01:00');
    expect(osloInstant('2025-06-01T09:30')).toBe('2025-06-01T09:30:00+02:00');
    expect(osloInstant('2025-06-01')).toBe('2025-06-01T23:59:00+02:00');
    // The night clocks go forward (30 March 2025, 02.00 → 03.00): 03.30 is summer time.
    expect(osloInstant('2025-03-30T03:30')).toBe('2025-03-30T03:30:00+02:00');
  });
});
