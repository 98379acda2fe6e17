import { Alert, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useSession, type SessionState } from '../lib/session';

export type Access =
  | { kind: 'public' }
  | { kind: 'loggedIn' }
  /** `who` completes «Denne siden er for …» when the person lacks the role. */
  | { kind: 'role'; allow: (roles: string[]) => boolean; who: string };

export const allowed = (access: Access, state: SessionState): boolean =>
  access.kind === 'public' ||
  (state.session.authenticated && (access.kind === 'loggedIn' || access.allow(state.roles)));

/** Sets the document title, so each view is announced and found in history. */
export function Title({ children }: { children: string }) {
  useEffect(() => {
    document.title = `${children} – samflyt`;
  }, [children]);
  return (
    <Heading level={1} data-size="lg" style={{ marginBottom: 'var(--ds-size-6)' }}>
      {children}
    </Heading>
  );
}

/** A page is shown only to those it is for; others get a clear message, never a blank page. */
export function Guard({ access, children }: { access: Access; children: ReactNode }) {
  const state = useSession();
  const location = useLocation();
  if (allowed(access, state)) return <>{children}</>;
  const login = `/logg-inn?returnTo=${encodeURIComponent(location.pathname + location.search)}`;
  if (!state.session.authenticated) {
    return (
      <>
        <Title>Du må logge inn</Title>
        <Alert data-color="info" data-testid="need-login">
          <Paragraph>
            Denne siden viser opplysninger som krever innlogging. <Link href={login}>Logg inn</Link> for å fortsette.
          </Paragraph>
        </Alert>
      </>
    );
  }
  return (
    <>
      <Title>Ingen tilgang</Title>
      <Alert data-color="warning" data-testid="not-allowed">
        <Paragraph>
          Du har ikke tilgang til denne siden. Den er for {access.kind === 'role' ? access.who : 'innloggede brukere'}.
        </Paragraph>
        <Paragraph>
          Mener du at du skal ha tilgang, kontakt sekretariatet. <Link href="/">Gå til forsiden</Link>.
        </Paragraph>
      </Alert>
    </>
  );
}
