import type { Actor } from '@samflyt/engine';
import { listScope, readerOf, requireReader, requireSecretariat } from './hearing-access';

const actor = (...roles: string[]): Actor => ({ id: 'p', name: 'P', roles });

describe('who reads and lists hearings', () => {
  it('the secretariat and administrators list all; a filter by committee stays as asked', () => {
    expect(listScope({ state: 'open' }, actor('secretariat'))).toEqual({ state: 'open' });
    expect(listScope({}, actor('admin'))).toEqual({});
    expect(listScope({ committee: 'ASU' }, actor('committee:ASU'))).toEqual({ committee: 'ASU' });
  });

  it('a committee member lists its own committees’ hearings, and no other committee’s', () => {
    expect(listScope({ q: 'fagråd' }, actor('committee:ASU', 'committee:AU-UTVIDET', 'voter'))).toEqual({
      q: 'fagråd',
      committees: ['ASU', 'AU-UTVIDET'],
    });
    expect(() => listScope({ committee: 'PSU' }, actor('committee:ASU'))).toThrow('the hearings of PSU');
    expect(() => listScope({}, actor('assignee'))).toThrow('You may not list hearings');
  });

  it('reading: the owning committee, the secretariat and administrators; running: the secretariat', () => {
    expect(() => requireReader('ASU', actor('committee:ASU'))).not.toThrow();
    expect(() => requireReader('ASU', actor('admin'))).not.toThrow();
    expect(() => requireReader('ASU', actor('committee:PSU'))).toThrow('You may not read this hearing');
    expect(() => requireSecretariat(actor('admin'))).toThrow('Only the secretariat');
    expect(readerOf(actor('committee:ASU')).roles).toEqual(['committee:ASU', 'admin']);
    expect(readerOf(actor('secretariat')).roles).toEqual(['secretariat']);
  });
});
