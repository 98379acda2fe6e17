import { DomainError, ErrorCode, hasRole, invalidInput, toDeadline, type Actor } from '@samflyt/engine';
import { isSecretariat, type VoteMode } from '@samflyt/workflows';
import type { VoteRow } from './vote-view';
import type { VoteCase } from './votes.repository';

/** The default reminders of a written round: two days and twelve hours before its deadline. */
export const DEFAULT_REMINDER_OFFSETS = ['P2D', 'PT12H'];

/**
 * The deadline of a vote as requested: none in a meeting (the secretariat closes it); in a written round a
 * future date (end of that day in Oslo) or date-time. 400 naming `deadline` otherwise.
 */
export function voteDeadline(mode: VoteMode, value: string | null, now: Date): string | null {
  if (mode === 'meeting') {
    if (value === null) return null;
    throw invalidInput([
      { field: 'deadline', message: 'a vote in a meeting has no deadline; the secretariat closes it' },
    ]);
  }
  if (value === null) throw invalidInput([{ field: 'deadline', message: 'a written round needs a deadline' }]);
  const at = toDeadline(value);
  if (at === null) {
    throw invalidInput([
      { field: 'deadline', message: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time with offset' },
    ]);
  }
  if (new Date(at).getTime() <= now.getTime()) {
    throw invalidInput([{ field: 'deadline', message: `must be in the future (${at} has passed)` }]);
  }
  return at;
}

/** The secretariat, the committee's members (roles derived from memberships) and everyone the vote names. */
export function mayReadVote(row: Pick<VoteRow, 'eligible' | 'excluded'>, kase: VoteCase, actor: Actor): boolean {
  const code = kase.committee.code;
  return (
    isSecretariat(actor) ||
    hasRole(actor, 'admin', `committee:${code}`, `committee:${code}:vote`) ||
    row.eligible.some((v) => v.personId === actor.id) ||
    row.excluded.some((e) => e.personId === actor.id)
  );
}

/** The engine's generic refusals, said in the terms of a vote. */
export function inTermsOfAVote(error: unknown, row: Pick<VoteRow, 'closed_at'>): unknown {
  if (!(error instanceof DomainError)) return error;
  if (error.code === ErrorCode.Conflict && error.details.constraint === 'ballots_pkey') {
    return new DomainError(
      ErrorCode.Conflict,
      'This voter has already voted in this vote; a ballot is cast once and cannot be changed',
      error.details,
    );
  }
  if (
    error.code === ErrorCode.EventNotAllowed &&
    (error.details.state === 'closed' || error.details.state === 'cancelled')
  ) {
    return new DomainError(
      ErrorCode.EventNotAllowed,
      `The vote is ${error.details.state}${row.closed_at ? ` (since ${row.closed_at.toISOString()})` : ''}; nothing more is accepted`,
      error.details,
    );
  }
  return error;
}
