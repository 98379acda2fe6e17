import type { Access } from '../../components/guards';
import type { AppRoute } from '../../routes';
import { can } from '../../lib/session';
import { ApplicationPage } from './application';
import { LetterTemplatePage, LetterTemplatesPage } from './letter-templates';
import { MyApplicationsPage } from './applications';
import { CallPage } from './public';
import { RankingPage } from './ranking';
import { RoundReviewPage } from './review';
import { ReviewQueuePage } from './review-queue';
import { NewRoundPage } from './new-round';
import { RoundAdminPage, RoundsAdminPage } from './rounds-admin';

const secretariat: Access = { kind: 'role', allow: can.secretariat, who: 'sekretariatet' };
const loggedIn: Access = { kind: 'loggedIn' };
const committee: Access = {
  kind: 'role',
  allow: (roles) => can.committeeMember(roles) || can.secretariat(roles),
  who: 'medlemmer av utvalget som vurderer søknadene, og sekretariatet',
};

/** The grant views: the public call, the applicant's søknader, the AU member's scoring, the secretariat's set-up. */
export const grantRoutes: AppRoute[] = [
  { path: '/utlysninger/:id', element: <CallPage />, access: { kind: 'public' } },
  {
    path: '/soknader',
    element: <MyApplicationsPage />,
    access: loggedIn,
    nav: { label: 'Mine søknader', show: (s) => !can.secretariat(s.roles) },
  },
  { path: '/soknader/:id', element: <ApplicationPage />, access: loggedIn },
  {
    path: '/vurdering',
    element: <ReviewQueuePage />,
    access: committee,
    nav: { label: 'Min vurderingskø', show: (s) => can.committeeMember(s.roles) && !can.secretariat(s.roles) },
  },
  { path: '/vurdering/:id', element: <RoundReviewPage />, access: committee },
  { path: '/vurdering/:id/innstilling', element: <RankingPage />, access: committee },
  { path: '/sekretariat/tilskudd', element: <RoundsAdminPage />, access: secretariat, nav: { label: 'Tilskudd' } },
  { path: '/sekretariat/tilskudd/ny', element: <NewRoundPage />, access: secretariat },
  { path: '/sekretariat/tilskudd/:id', element: <RoundAdminPage />, access: secretariat },
  { path: '/sekretariat/tilskudd/:id/brevmaler', element: <LetterTemplatesPage />, access: secretariat },
  { path: '/sekretariat/tilskudd/:id/brevmaler/:kind', element: <LetterTemplatePage />, access: secretariat },
];
