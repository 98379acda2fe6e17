import { emptyCriterion, emptyField, keyOf, newRound, roundBody, validateRound } from './round-setup';

describe('setting up a grant round', () => {
  it('makes the API keys from Norwegian names, unique within the list', () => {
    expect(keyOf('Målgruppe og omfang', [])).toBe('malgruppe-og-omfang');
    expect(keyOf('Økonomi', ['okonomi'])).toBe('okonomi-2');
    expect(keyOf('2024: Tiltak', [])).toBe('tiltak');
    expect(keyOf('!!!', [])).toBe('felt');
  });

  it('names what is missing, field by field', () => {
    const found = validateRound(newRound(), [{ ...emptyField(), type: 'choice', options: 'Kurs' }], [emptyCriterion()]);
    expect(found).toMatchObject({
      title: 'Tittel må fylles ut',
      scoringDeadline: 'Frist for vurdering må fylles ut',
      'form.0.label': 'Feltnavn må fylles ut',
      'form.0.options': 'Et valg trenger minst to alternativer, ett per linje',
      'criteria.0.title': 'Kriteriet må ha et navn',
      'criteria.0.description': 'Beskriv kriteriet',
    });
    expect(found.qualityThreshold).toBeUndefined();
  });

  it('sends numbers as numbers, times in Oslo, and a key for each field and criterion', () => {
    const draft = {
      ...newRound(),
      title: ' Kompetanse ',
      budget: '1000000',
      qualityThreshold: '',
      opensAt: '2030-01-15T09:00',
      closesAt: '2030-06-01T12:00',
      scoringDeadline: '2030-06-21T12:00',
    };
    const body = roundBody(
      draft,
      [
        { ...emptyField(), label: 'Tiltak', type: 'choice', options: 'Kurs\n\n Hospitering ' },
        { ...emptyField(), label: 'Tiltak', type: 'number', min: '1', max: '' },
      ],
      [{ ...emptyCriterion(), title: 'Nytte', description: 'Nytte for tjenestene' }],
    );
    expect(body).toMatchObject({
      title: 'Kompetanse',
      budget: 1_000_000,
      qualityThreshold: null,
      opensAt: '2030-01-15T09:00:00+01:00',
      closesAt: '2030-06-01T12:00:00+02:00',
      reporting: [{ key: 'sluttrapport', title: 'Sluttrapport', due: 'P12M' }],
    });
    expect(body.form).toEqual([
      { key: 'tiltak', label: 'Tiltak', type: 'choice', required: true, options: ['Kurs', 'Hospitering'] },
      { key: 'tiltak-2', label: 'Tiltak', type: 'number', required: true, min: 1 },
    ]);
    expect(body.criteria).toEqual([
      { key: 'nytte', title: 'Nytte', description: 'Nytte for tjenestene', weight: 1, scaleMin: 1, scaleMax: 5 },
    ]);
  });
});
