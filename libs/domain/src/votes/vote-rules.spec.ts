import { DomainError, ErrorCode, conflict, type Actor } from '@samflyt/engine';
import { inTermsOfAVote, mayReadVote, voteDeadline } from './vote-rules';
import type { VoteCase } from './votes.repository';

const now = new Date('2024-06-01T10:00:00Z');
const fieldsOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return (error as DomainError).details.errors;
  }
  throw new Error('expected an error');
};

describe('voteDeadline', () => {
  it('a vote in a meeting has none; a written round a future one, a date meaning the end of that day in Oslo', () => {
    expect(voteDeadline('meeting', null, now)).toBeNull();
    expect(voteDeadline('written', '2024-06-14', now)).toBe('2024-06-14T21:59:59.000Z');
    expect(voteDeadline('written', '2024-06-14T12:00:00+02:00', now)).toBe('2024-06-14T10:00:00.000Z');
  });

  it('names the deadline when it is wrong for the mode, malformed or past', () => {
    expect(fieldsOf(() => voteDeadline('meeting', '2024-06-14', now))).toEqual([
      { field: 'deadline', message: 'a vote in a meeting has no deadline; the secretariat closes it' },
    ]);
    expect(fieldsOf(() => voteDeadline('written', null, now))).toEqual([
      { field: 'deadline', message: 'a written round needs a deadline' },
    ]);
    expect(fieldsOf(() => voteDeadline('written', '14.06.2024', now))).toEqual([
      { field: 'deadline', message: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time with offset' },
    ]);
    expect(fieldsOf(() => voteDeadline('written', '2024-05-31', now))).toEqual([
      { field: 'deadline', message: 'must be in the future (2024-05-31T21:59:59.000Z has passed)' },
    ]);
  });
});

describe('mayReadVote', () => {
  const kase = { committee: { code: 'ASU' } } as VoteCase;
  const vote = {
    eligible: [{ personId: 'voter', name: 'V', party: 'kommune' as const, email: 'v@x.test' }],
    excluded: [{ personId: 'inhabil', name: 'I', reason: 'inhabil' as const }],
  };
  const actor = (id: string, ...roles: string[]): Actor => ({ id, name: id, roles });

  it('the secretariat, the committee, and everyone the vote names', () => {
    expect(mayReadVote(vote, kase, actor('s', 'secretariat'))).toBe(true);
    expect(mayReadVote(vote, kase, actor('m', 'committee:ASU'))).toBe(true);
    expect(mayReadVote(vote, kase, actor('voter'))).toBe(true);
    expect(mayReadVote(vote, kase, actor('inhabil'))).toBe(true);
  });

  it('no one else', () => {
    expect(mayReadVote(vote, kase, actor('x', 'committee:AU'))).toBe(false);
  });
});

describe('inTermsOfAVote', () => {
  const row = { closed_at: new Date('2024-06-14T10:00:00Z') };

  it('a second ballot', () => {
    const said = inTermsOfAVote(conflict('Already exists', { constraint: 'ballots_pkey' }), row) as DomainError;
    expect(said.code).toBe(ErrorCode.Conflict);
    expect(said.message).toMatch(/^This voter has already voted in this vote/);
  });

  it('an event after the vote closed', () => {
    const refused = new DomainError(ErrorCode.EventNotAllowed, 'not allowed', { state: 'closed' });
    expect((inTermsOfAVote(refused, row) as DomainError).message).toBe(
      'The vote is closed (since 2024-06-14T10:00:00.000Z); nothing more is accepted',
    );
  });

  it('anything else passes as it is', () => {
    const other = new Error('boom');
    expect(inTermsOfAVote(other, row)).toBe(other);
  });
});
