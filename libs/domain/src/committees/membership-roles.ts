import { isUuid } from '@samflyt/engine';
import type { DataSource, EntityManager } from 'typeorm';
import type { MembershipRole } from '@samflyt/workflows';

/** One current seat of the person behind a login. */
export interface LoginSeat {
  committeeCode: string;
  role: MembershipRole;
  hasVote: boolean;
}

export interface LoginPerson {
  /** persons.id, or null when no person has this login. */
  personId: string | null;
  seats: LoginSeat[];
}

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

/** A token's `sub` is taken as a persons.id only when it is a uuid (staff tokens carry other ids). */

/**
 * The person behind a login and their seats valid on `date`, in one query. The token's `sub` is
 * the person's id when it is a uuid; otherwise (or when no person has that id) its `email`.
 */
export async function findLoginSeats(
  db: DataSource | EntityManager,
  login: { sub: string; email?: string | null },
  date: string,
): Promise<LoginPerson> {
  const id = isUuid(login.sub) ? login.sub : null;
  const email = login.email?.toLowerCase() ?? null;
  if (!id && !email) return { personId: null, seats: [] };
  const rows: { person_id: string; code: string | null; role: MembershipRole | null; has_vote: boolean | null }[] =
    await db.query(
      `WITH person AS (
         SELECT id FROM persons WHERE id = $1::uuid OR lower(email) = $2
         ORDER BY (id = $1::uuid) DESC NULLS LAST LIMIT 1)
       SELECT person.id AS person_id, c.code, m.role, m.has_vote
       FROM person
       LEFT JOIN memberships m ON m.person_id = person.id
         AND m.valid_from <= $3::date AND (m.valid_to IS NULL OR m.valid_to >= $3::date)
       LEFT JOIN committees c ON c.id = m.committee_id`,
      [id, email, date],
    );
  if (rows.length === 0) return { personId: null, seats: [] };
  return {
    personId: rows[0].person_id,
    seats: rows.flatMap((r) =>
      r.code && r.role ? [{ committeeCode: r.code, role: r.role, hasVote: !!r.has_vote }] : [],
    ),
  };
}
