import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { findLoginSeats, osloToday, rolesFromMemberships } from '@samflyt/domain';
import type { Actor } from '@samflyt/engine';
import { DataSource } from 'typeorm';

export interface ResolvedLogin {
  /** The token's actor with the roles of the person's current memberships added. */
  actor: Actor;
  /** persons.id of the caller, or null when the register has no person for this login. */
  personId: string | null;
}

/**
 * Roles follow from memberships (DESIGN.md §6): the person is found by the token's `sub` (a persons.id)
 * or `email`, and their seats valid today give `secretariat`, `committee:<CODE>`, `…:vote`, `…:observer`.
 * The token's own roles stay (staff and admin tokens have no person). One query per request.
 */
@Injectable()
export class MembershipRoles {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async resolve(actor: Actor): Promise<ResolvedLogin> {
    const { personId, seats } = await findLoginSeats(this.db, { sub: actor.id, email: actor.email }, osloToday());
    const derived = rolesFromMemberships(seats);
    if (derived.length === 0) return { actor, personId };
    return { actor: { ...actor, roles: [...new Set([...actor.roles, ...derived])] }, personId };
  }
}
