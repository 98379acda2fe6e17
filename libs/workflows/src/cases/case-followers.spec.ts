import { caseConcluded, concludedNow } from './case-followers';

const c = {
  caseId: 'k1',
  resolution: '1. Innvilget.',
  proposedResolution: '1. Innvilget.',
  voteResult: null,
};
const at = new Date('2024-06-19T12:00:00Z');

describe('concludedNow', () => {
  it('only a transition into decided or withdrawn concludes a case', () => {
    expect(concludedNow('onAgenda', 'decided')).toBe('decided');
    expect(concludedNow('draft', 'withdrawn')).toBe('withdrawn');
    expect(concludedNow('onAgenda', 'onAgenda')).toBeNull();
    expect(concludedNow('decided', 'decided')).toBeNull();
    expect(concludedNow(null, 'draft')).toBeNull();
  });
});

describe('caseConcluded', () => {
  it('decided as proposed without a vote: adopted', () => {
    expect(caseConcluded(c, 'decided', null, at)).toEqual({
      type: 'case.concluded',
      caseId: 'k1',
      outcome: 'decided',
      resolution: '1. Innvilget.',
      asProposed: true,
      adopted: true,
      voteResult: null,
      at: '2024-06-19T12:00:00.000Z',
    });
  });

  it('an amended vedtak, and the last vote’s result, are passed on', () => {
    const amended = caseConcluded({ ...c, resolution: '1. Avslått.' }, 'decided', { adopted: false }, at);
    expect(amended).toMatchObject({ asProposed: false, adopted: false });
  });

  it('withdrawn: neither as proposed nor adopted', () => {
    expect(caseConcluded({ ...c, resolution: null }, 'withdrawn', { adopted: true }, at)).toMatchObject({
      outcome: 'withdrawn',
      asProposed: false,
      adopted: false,
    });
  });
});
