import { committeeDocumentSchema, validateCommitteeDocument } from '@samflyt/workflows';
import { describedOrganisations, personsOf } from './committee-import';

const doc = validateCommitteeDocument(committeeDocumentSchema, {
  code: 'AU',
  name: 'Arbeidsutvalget',
  kind: 'au',
  members: [
    {
      name: 'Kari',
      email: 'kari@malvik.test',
      organisation: { name: 'Malvik kommune', kind: 'kommune' },
      role: 'medlem',
      party: 'kommune',
      vote: true,
      from: '2024-01-01',
      to: '2024-06-30',
    },
    {
      name: 'Kari',
      email: 'kari@malvik.test',
      title: 'Kommunedirektør',
      organisation: { name: 'Malvik kommune', number: '5031' },
      role: 'leder',
      party: 'kommune',
      vote: true,
      from: '2024-07-01',
    },
    {
      name: 'Ola',
      email: 'ola@x.test',
      organisation: 'Trondheim kommune',
      role: 'medlem',
      party: 'kommune',
      vote: true,
      from: '2024-01-01',
    },
  ],
});

describe('personsOf', () => {
  it('one person per e-mail, with the first organisation and title given', () => {
    expect(personsOf(doc)).toEqual([
      { name: 'Kari', email: 'kari@malvik.test', organisation: 'Malvik kommune', title: 'Kommunedirektør' },
      { name: 'Ola', email: 'ola@x.test', organisation: 'Trondheim kommune', title: null },
    ]);
  });
});

describe('describedOrganisations', () => {
  it('merges what the members say of an organisation; one named only is left to exist already', () => {
    expect([...describedOrganisations(doc).values()]).toEqual([
      { name: 'Malvik kommune', kind: 'kommune', number: '5031', region: undefined },
    ]);
  });
});
