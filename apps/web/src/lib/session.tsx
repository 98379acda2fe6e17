import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, type Schemas } from '../api/client';

export interface DevPerson {
  key: string;
  name: string;
  email: string;
  description: string;
}

export interface SessionInfo {
  authenticated: boolean;
  name: string | null;
  email: string | null;
  roles: string[];
  login: 'dev' | 'oidc';
  devPersons: DevPerson[];
}

export interface SessionState {
  session: SessionInfo;
  /** The person in the register (404 from /persons/me leaves it null: staff without a person). */
  me: Schemas['MeDto'] | null;
  /** The token's roles and those of the person's memberships, as the API derives them. */
  roles: string[];
}

const anonymous: SessionInfo = {
  authenticated: false,
  name: null,
  email: null,
  roles: [],
  login: 'dev',
  devPersons: [],
};
const SessionContext = createContext<SessionState>({ session: anonymous, me: null, roles: [] });

export const useSession = (): SessionState => useContext(SessionContext);

/** Who is logged in: the web server's session, then the person and roles the API derives. */
export function SessionProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const [state, setState] = useState<SessionState | null>(null);
  useEffect(() => {
    void (async () => {
      let session = anonymous;
      try {
        const res = await fetch('/auth/session', { headers: { accept: 'application/json' } });
        if (res.ok) session = (await res.json()) as SessionInfo;
      } catch {
        // offline: anonymous
      }
      let me: Schemas['MeDto'] | null = null;
      if (session.authenticated) {
        const { data } = await api.GET('/persons/me').catch(() => ({ data: undefined }));
        me = data ?? null;
      }
      setState({ session, me, roles: [...new Set([...session.roles, ...(me?.roles ?? [])])] });
    })();
  }, []);
  if (!state) return <>{fallback}</>;
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

/** Role checks the navigation and pages use; the API enforces the same rules. */
export const can = {
  secretariat: (roles: string[]) => roles.includes('secretariat'),
  committeeMember: (roles: string[]) => roles.some((r) => /^committee:[^:]+$/.test(r)),
  voter: (roles: string[]) => roles.some((r) => /^committee:[^:]+:vote$/.test(r)),
  loggedIn: (_roles: string[], session?: SessionInfo) => !!session?.authenticated,
};
