import type { Queryable } from '@samflyt/engine';
import { CommitteesRepository, type LoginIdentity, type LoginPerson, type LoginSeat } from './committees.repository';

export type { LoginIdentity, LoginPerson, LoginSeat };

/**
 * The API roles a person's current memberships give (DESIGN.md §6):
 * - `secretariat` for a sekretariat seat in any committee (and `committee:<CODE>:secretariat`);
 * - `committee:<CODE>` for every committee the person is a member, vara or observer of;
 * - `committee:<CODE>:vote` when the seat has a vote of its own;
 * - `committee:<CODE>:observer` for an observatør, `committee:<CODE>:vara` for a vara
 *   (a vara votes only when standing in at a meeting: that is decided per case, not by a role).
 * Sorted and without duplicates.
 */
export function rolesFromMemberships(seats: readonly LoginSeat[]): string[] {
  const roles = new Set<string>();
  for (const { committeeCode: code, role, hasVote } of seats) {
    const committee = `committee:${code}`;
    switch (role) {
      case 'sekretariat':
        roles.add('secretariat');
        roles.add(`${committee}:secretariat`);
        break;
      case 'observatør':
        roles.add(committee);
        roles.add(`${committee}:observer`);
        break;
      case 'vara':
        roles.add(committee);
        roles.add(`${committee}:vara`);
        break;
      case 'leder':
      case 'nestleder':
      case 'medlem':
        roles.add(committee);
        if (hasVote) roles.add(`${committee}:vote`);
        break;
      default:
        assertNever(role);
    }
  }
  return [...roles].sort();
}

function assertNever(value: never): never {
  throw new Error(`Unknown membership role ${String(value)}`);
}

/**
 * The person behind a login and their seats valid on `date`: by the linked identity (issuer, subject), else, as
 * the login allows, by `sub` = persons.id (development tokens) or by e-mail.
 */
export function findLoginSeats(db: Queryable, login: LoginIdentity, date: string): Promise<LoginPerson> {
  return new CommitteesRepository(db).loginSeats(login, date);
}
