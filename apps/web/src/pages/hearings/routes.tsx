import type { Access } from '../../components/guards';
import type { AppRoute } from '../../routes';
import { can } from '../../lib/session';
import { HearingCasePage } from './case';
import { PublicHearingPage } from './public';
import { RespondPage } from './respond';
import { HearingsListPage, NewHearingPage } from './staff';

const open: Access = { kind: 'public' };
const secretariat: Access = { kind: 'role', allow: can.secretariat, who: 'sekretariatet' };
const staff: Access = {
  kind: 'role',
  allow: (roles) => can.secretariat(roles) || can.committeeMember(roles),
  who: 'sekretariatet og medlemmer av utvalgene',
};

/**
 * The hearing's views: the public hearing page, the recipient's answer page (the personal link of the e-mails,
 * `/hoering/svar#token=…`), and the secretariat's and committee members' handling of a hearing.
 */
export const hearingRoutes: AppRoute[] = [
  { path: '/hoering/svar', element: <RespondPage />, access: open },
  { path: '/horinger', element: <HearingsListPage />, access: staff, nav: { label: 'Høringer' } },
  { path: '/horinger/ny', element: <NewHearingPage />, access: secretariat },
  { path: '/horinger/:id', element: <PublicHearingPage />, access: open },
  { path: '/horinger/:id/behandling', element: <HearingCasePage />, access: staff },
];
