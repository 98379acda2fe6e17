import { sign } from 'jsonwebtoken';

export interface DevClaims {
  sub: string;
  name: string;
  roles: string[];
  email?: string;
}

/** A development bearer token (HS256 with JWT_SECRET), as the API's guard expects. */
export function signDevToken(claims: DevClaims, secret: string, expiresIn: string | number = '12h'): string {
  return sign({ ...claims }, secret, { algorithm: 'HS256', expiresIn: expiresIn as never, issuer: 'samflyt-dev' });
}
