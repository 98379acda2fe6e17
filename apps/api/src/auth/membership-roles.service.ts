import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ApiEnv,
  findLoginSeats,
  isProduction,
  normalIssuer,
  osloToday,
  rolesFromMemberships,
  type LoginIdentity,
} from '@samflyt/domain';
import type { Actor } from '@samflyt/engine';
import { DataSource } from 'typeorm';
import { DEV_ISSUER, TokenService, type VerifiedToken } from './token.service';

export interface ResolvedLogin {
  /** The token's actor with the roles derived on the server. */
  actor: Actor;
  /** persons.id of the caller, or null when the register has no person for this login. */
  personId: string | null;
  /** Seconds since the epoch, from the token's `exp`. */
  expiresAt?: number;
  /** The (issuer, subject) of the token: what an accepted invitation links to the person. */
  login: LoginIdentity;
}

/** In development the dev login's demo operator (scripts/lib/demo-data.ts: `admin`) is admin and secretariat. */
const DEV_OPERATOR = `${DEV_ISSUER}|admin`;

/** Whether a login is one of `issuer|subject` (or bare `subject`, any issuer) entries. */
const listed = (entries: readonly string[], login: LoginIdentity): boolean =>
  entries.some((entry) => {
    const bar = entry.lastIndexOf('|');
    if (bar < 0) return entry === login.subject;
    return normalIssuer(entry.slice(0, bar)) === login.issuer && entry.slice(bar + 1) === login.subject;
  });

/**
 * Roles are derived on the server, never taken from a token (DESIGN.md §6): the person is found by the token's
 * linked identity (issuer, subject), or as the login allows by `sub` = persons.id or a trusted e-mail, and their
 * seats valid today give `secretariat`, `committee:<CODE>`, `…:vote`, `…:observer`; `admin` and staff
 * `secretariat` come from ADMIN_SUBJECTS and SECRETARIAT_SUBJECTS. One query per request.
 */
@Injectable()
export class MembershipRoles {
  private readonly admins: string[];
  private readonly secretariat: string[];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tokens: TokenService,
    env: ApiEnv,
  ) {
    const dev = isProduction(env) ? [] : [DEV_OPERATOR];
    this.admins = [...env.ADMIN_SUBJECTS, ...dev];
    this.secretariat = [...env.SECRETARIAT_SUBJECTS, ...dev];
  }

  /** The caller of a bearer token with their roles: a 401 when the token is not valid. */
  async authenticate(token: string): Promise<ResolvedLogin> {
    return this.resolve(await this.tokens.verifyAny(token));
  }

  async resolve({ actor, login, expiresAt }: VerifiedToken): Promise<ResolvedLogin> {
    const { personId, seats } = await findLoginSeats(this.db, login, osloToday());
    const roles = new Set(rolesFromMemberships(seats));
    if (listed(this.admins, login)) roles.add('admin');
    if (listed(this.secretariat, login)) roles.add('secretariat');
    return { actor: { ...actor, roles: [...roles].sort() }, personId, expiresAt, login };
  }
}
