import { rolesFromMemberships, type LoginSeat } from './membership-roles';

const seat = (committeeCode: string, role: LoginSeat['role'], hasVote = false): LoginSeat => ({
  committeeCode,
  role,
  hasVote,
});

describe('rolesFromMemberships', () => {
  it('a member with a vote: committee:<CODE> and committee:<CODE>:vote', () => {
    expect(rolesFromMemberships([seat('ASU', 'medlem', true)])).toEqual(['committee:ASU', 'committee:ASU:vote']);
  });

  it.each(['leder', 'nestleder'] as const)('a %s with a vote votes like a member', (role) => {
    expect(rolesFromMemberships([seat('AU', role, true)])).toEqual(['committee:AU', 'committee:AU:vote']);
  });

  it('a member without a vote is a member, nothing more', () => {
    expect(rolesFromMemberships([seat('ASU', 'medlem', false)])).toEqual(['committee:ASU']);
  });

  it('an observer reads but never gets :vote', () => {
    const roles = rolesFromMemberships([seat('ASU', 'observatør')]);
    expect(roles).toEqual(['committee:ASU', 'committee:ASU:observer']);
    expect(roles).not.toContain('committee:ASU:vote');
  });

  it('a vara is marked as such and gets no vote of their own', () => {
    expect(rolesFromMemberships([seat('ASU', 'vara')])).toEqual(['committee:ASU', 'committee:ASU:vara']);
  });

  it('a sekretariat seat anywhere makes the person secretariat', () => {
    expect(rolesFromMemberships([seat('AU', 'sekretariat')])).toEqual(['committee:AU:secretariat', 'secretariat']);
  });

  it('several committees: each gives its own roles, sorted, without duplicates', () => {
    expect(
      rolesFromMemberships([
        seat('ASU', 'leder', true),
        seat('AU', 'leder', true),
        seat('AU-UTVIDET', 'medlem', true),
        seat('ASU', 'medlem', true),
        seat('FAGRAD-3', 'observatør'),
      ]),
    ).toEqual([
      'committee:ASU',
      'committee:ASU:vote',
      'committee:AU',
      'committee:AU-UTVIDET',
      'committee:AU-UTVIDET:vote',
      'committee:AU:vote',
      'committee:FAGRAD-3',
      'committee:FAGRAD-3:observer',
    ]);
  });

  it('no seats, no roles', () => {
    expect(rolesFromMemberships([])).toEqual([]);
  });
});
