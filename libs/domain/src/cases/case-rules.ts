import { OSLO } from '@samflyt/engine';
import type { MeetingRecord } from '@samflyt/workflows';
import { DateTime } from 'luxon';

/**
 * Whether an earlier request already moved the case to this meeting (it is the last on its track, and the one
 * before was postponed) but did not reach the meeting's sakliste: then only the agenda line is left to add.
 */
export function alreadyPostponedTo(track: MeetingRecord[], meetingId: string): boolean {
  return track.length >= 2 && track.at(-1)!.meetingId === meetingId && track.at(-2)!.outcome === 'postponed';
}

/** What the minutes say of a postponement when the secretariat words it no other way. */
export function postponementText(committeeCode: string, toMeetingStartsAt: Date): string {
  const date = DateTime.fromJSDate(toMeetingStartsAt, { zone: OSLO }).toFormat('dd.MM.yy');
  return `Saken utsettes til ${committeeCode}-møte ${date}.`;
}
