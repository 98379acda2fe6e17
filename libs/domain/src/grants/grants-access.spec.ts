import type { Actor } from '@samflyt/engine';
import { GRANTS_API_VIA } from '@samflyt/workflows';
import {
  applicationVisibility,
  committeesOf,
  isPublished,
  mayApplyFor,
  mayReadApplication,
  mayReadInternals,
  roundVisibility,
  viaGrants,
} from './grants-access';

const actor = (id: string, ...roles: string[]): Actor => ({ id, name: id, roles });
const application = (state: string) => ({ applicant_person_id: 'soker', state, reviewing_committee: 'AU-UTVIDET' });

describe('who reads what in grants', () => {
  it('acts through the grants API, once, without a role to show for it', () => {
    expect(viaGrants(actor('a', 'secretariat'))).toMatchObject({ roles: ['secretariat'], via: [GRANTS_API_VIA] });
    expect(viaGrants(viaGrants(actor('a'))).via).toEqual([GRANTS_API_VIA]);
  });

  it('publishes a round once approved, and not a cancelled draft', () => {
    expect(['draft', 'cancelled'].map(isPublished)).toEqual([false, false]);
    expect(['approved', 'open', 'completed'].map(isPublished)).toEqual([true, true, true]);
  });

  it('shows a round’s internals to the secretariat, operations and its reviewing committee', () => {
    expect(mayReadInternals(null, 'AU-UTVIDET')).toBe(false);
    expect(mayReadInternals(actor('x', 'committee:ASU'), 'AU-UTVIDET')).toBe(false);
    for (const role of ['secretariat', 'admin', 'committee:AU-UTVIDET'])
      expect(mayReadInternals(actor('x', role), 'AU-UTVIDET')).toBe(true);
  });

  it('lists the caller’s committees and what rounds they see', () => {
    expect(committeesOf(actor('x', 'committee:ASU', 'committee:AU:leder', 'secretariat'))).toEqual(['ASU']);
    expect(roundVisibility(null)).toMatchObject({ all: false, reviewingCommittees: [] });
    expect(roundVisibility(actor('x', 'admin')).all).toBe(true);
    expect(applicationVisibility(actor('p1', 'committee:AU-UTVIDET'))).toMatchObject({
      all: false,
      applicantPersonId: 'p1',
      reviewingCommittees: ['AU-UTVIDET'],
    });
  });

  it('shows an application to its applicant, and to the reviewing committee once it is submitted', () => {
    expect(mayReadApplication(actor('soker'), application('draft'))).toBe(true);
    expect(mayReadApplication(actor('annen'), application('submitted'))).toBe(false);
    expect(mayReadApplication(actor('au', 'committee:AU-UTVIDET'), application('draft'))).toBe(false);
    expect(mayReadApplication(actor('au', 'committee:AU-UTVIDET'), application('submitted'))).toBe(true);
    expect(mayReadApplication(actor('sek', 'secretariat'), application('draft'))).toBe(true);
  });

  it('takes applications from people of a kommune or the hospital trust', () => {
    expect([null, { kind: 'brukerorganisasjon' }].map(mayApplyFor)).toEqual([false, false]);
    expect([{ kind: 'kommune' }, { kind: 'helseforetak' }].map(mayApplyFor)).toEqual([true, true]);
  });
});
