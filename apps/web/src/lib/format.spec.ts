import { formatDate, formatDateTime, formatShortDate, relativeDays } from './format';

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
});
