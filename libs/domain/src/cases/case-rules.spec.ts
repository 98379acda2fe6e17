import type { MeetingRecord } from '@samflyt/workflows';
import { alreadyPostponedTo, postponementText } from './case-rules';

const record = (meetingId: string, outcome: MeetingRecord['outcome']): MeetingRecord => ({
  meetingId,
  outcome,
  resolution: null,
  minutesText: null,
});

describe('alreadyPostponedTo', () => {
  it('true when the last step of the track was the postponement to this meeting', () => {
    expect(alreadyPostponedTo([record('april', 'postponed'), record('june', 'scheduled')], 'june')).toBe(true);
  });

  it('false otherwise', () => {
    expect(alreadyPostponedTo([record('april', 'scheduled')], 'june')).toBe(false);
    expect(alreadyPostponedTo([record('april', 'postponed'), record('june', 'scheduled')], 'august')).toBe(false);
    expect(alreadyPostponedTo([record('april', 'decided'), record('june', 'scheduled')], 'june')).toBe(false);
  });
});

describe('postponementText', () => {
  it('names the committee and the date of the meeting in Oslo', () => {
    expect(postponementText('ASU', new Date('2024-06-19T11:00:00Z'))).toBe('Saken utsettes til ASU-møte 19.06.24.');
  });
});
