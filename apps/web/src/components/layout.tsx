import { Button, Link, Paragraph, SkipLink } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { navigationFor } from '../routes';
import { useSession } from '../lib/session';

/** Header with the navigation this person may use, the main region, and a footer. */
export function Layout({ children }: { children: ReactNode }) {
  const state = useSession();
  const { session, me } = state;
  const location = useLocation();
  const items = navigationFor(state);
  return (
    <>
      <SkipLink href="#innhold">Hopp til hovedinnhold</SkipLink>
      <header className="app-header">
        <div className="app-bar">
          <NavLink to="/" className="app-name">
            samflyt <span className="app-sub">helsefellesskapet</span>
          </NavLink>
          <div className="app-user">
            {session.authenticated ? (
              <>
                <Paragraph data-size="sm" data-testid="logged-in-as">
                  Innlogget som <strong>{me?.person.name ?? session.name}</strong>
                </Paragraph>
                <form method="post" action="/auth/logout">
                  <Button type="submit" variant="secondary" data-size="sm">
                    Logg ut
                  </Button>
                </form>
              </>
            ) : (
              <Link href={`/logg-inn?returnTo=${encodeURIComponent(location.pathname)}`}>Logg inn</Link>
            )}
          </div>
        </div>
        <nav aria-label="Hovedmeny" className="app-nav">
          <ul>
            {items.map((item) => (
              <li key={item.path}>
                {/* Exact match when another menu item lies below this one («Frister» is /sekretariat). */}
                <NavLink
                  to={item.path}
                  end={item.path === '/' || items.some((other) => other.path.startsWith(`${item.path}/`))}
                >
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="innhold" tabIndex={-1} className="app-main">
        {children}
      </main>
      <footer className="app-footer">
        <Paragraph data-size="sm">
          samflyt – saker, møter, tilskudd og høringer i helsefellesskapet. Datoer og klokkeslett er norsk tid.
        </Paragraph>
      </footer>
    </>
  );
}
