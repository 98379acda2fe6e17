import type { ReactNode } from 'react';
import type { Access } from './components/guards';
import { can, type SessionState } from './lib/session';
import { CasePage } from './pages/case';
import { CommitteePage, CommitteesPage } from './pages/committees';
import { hearingRoutes } from './pages/hearings/routes';
import { HomePage } from './pages/home';
import { InstancePage } from './pages/instance';
import { LoginPage } from './pages/login';
import { MeetingPage, NewMeetingPage } from './pages/meetings';
import { DashboardPage } from './pages/secretariat/dashboard';
import { InstancesPage } from './pages/secretariat/instances';
import { MessagesPage } from './pages/secretariat/messages';
import { NewAssignmentPage } from './pages/secretariat/new-assignment';
import { ImportCommitteePage } from './pages/secretariat/import-committee';
import { MyVotesPage, VotePage } from './pages/votes';
import { UnlinkedPage } from './pages/unlinked';
import { InvitationPage } from './pages/invitation';
import { grantRoutes } from './pages/grants/routes';

const secretariat: Access = { kind: 'role', allow: can.secretariat, who: 'sekretariatet' };
const loggedIn: Access = { kind: 'loggedIn' };
const open: Access = { kind: 'public' };

export interface AppRoute {
  path: string;
  element: ReactNode;
  access: Access;
  /** In the main menu, for those `show` lets see it (default: those with access). */
  nav?: { label: string; show?: (state: SessionState) => boolean };
}

/**
 * Every view, who it is for, and its place in the menu. Phase 2 adds the applicant's, the AU member's and the
 * hearing recipient's views here (e.g. `/soknader`, `/vurdering`, `/horing/:token`) with their own Access.
 */
export const routes: AppRoute[] = [
  { path: '/', element: <HomePage />, access: open, nav: { label: 'Forside' } },
  { path: '/logg-inn', element: <LoginPage />, access: open },
  { path: '/ikke-tilknyttet', element: <UnlinkedPage />, access: open },
  { path: '/invitasjon', element: <InvitationPage />, access: open },
  { path: '/utvalg', element: <CommitteesPage />, access: loggedIn, nav: { label: 'Utvalg og møter' } },
  { path: '/utvalg/:code', element: <CommitteePage />, access: loggedIn },
  { path: '/utvalg/:code/nytt-mote', element: <NewMeetingPage />, access: secretariat },
  { path: '/moter/:id', element: <MeetingPage />, access: loggedIn },
  { path: '/saker/:id', element: <CasePage />, access: loggedIn },
  {
    path: '/avstemninger',
    element: <MyVotesPage />,
    access: loggedIn,
    nav: { label: 'Mine avstemninger', show: (s) => can.voter(s.roles) },
  },
  { path: '/avstemninger/:id', element: <VotePage />, access: loggedIn },
  ...hearingRoutes,
  { path: '/sekretariat', element: <DashboardPage />, access: secretariat, nav: { label: 'Frister' } },
  {
    path: '/sekretariat/utsendelser',
    element: <MessagesPage />,
    access: secretariat,
    nav: { label: 'E-post og påminnelser' },
  },
  { path: '/sekretariat/prosesser', element: <InstancesPage />, access: secretariat, nav: { label: 'Prosesser' } },
  {
    path: '/sekretariat/importer-utvalg',
    element: <ImportCommitteePage />,
    access: secretariat,
    nav: { label: 'Importer utvalg' },
  },
  { path: '/sekretariat/nytt-oppdrag', element: <NewAssignmentPage />, access: secretariat },
  { path: '/prosesser/:id', element: <InstancePage />, access: loggedIn },
  ...grantRoutes,
];

export function navigationFor(state: SessionState): { path: string; label: string }[] {
  const allowedHere = (r: AppRoute) =>
    r.access.kind === 'public' ||
    (state.session.authenticated && (r.access.kind === 'loggedIn' || r.access.allow(state.roles)));
  return routes
    .filter((r) => r.nav && allowedHere(r) && (r.nav.show?.(state) ?? true))
    .map((r) => ({ path: r.path, label: r.nav!.label }));
}
