import type { HearingContext } from '@samflyt/workflows';
import {
  extensionRefusal,
  presentationCase,
  presentationDetails,
  resolveRecipients,
  storedAttachment,
  withQuestionIds,
} from './hearing-draft';
import type { ContactView } from './organisations.repository';

const ORG = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const contact = (id: string, organisationId = ORG): ContactView => ({
  id,
  organisationId,
  name: `Kontakt ${id}`,
  email: `${id}@example.no`,
  title: null,
});

describe('a hearing draft', () => {
  it('questions without an id are numbered by their place', () => {
    expect(withQuestionIds([{ text: 'Én' }, { id: 'struktur', text: 'To' }, { text: 'Tre' }])).toEqual([
      { id: 'q1', text: 'Én' },
      { id: 'struktur', text: 'To' },
      { id: 'q3', text: 'Tre' },
    ]);
  });

  it('recipients: every contact unless some are chosen; unknown organisations and contacts named by field', () => {
    const names = new Map([[ORG, 'Malvik kommune']]);
    const contacts = new Map([[ORG, [contact('a'), contact('b')]]]);
    expect(resolveRecipients([{ organisationId: ORG }], names, contacts)).toEqual([
      {
        organisationId: ORG,
        name: 'Malvik kommune',
        contacts: [
          { id: 'a', name: 'Kontakt a', email: 'a@example.no' },
          { id: 'b', name: 'Kontakt b', email: 'b@example.no' },
        ],
      },
    ]);
    expect(resolveRecipients([{ organisationId: ORG, contactIds: ['b'] }], names, contacts)[0].contacts).toEqual([
      { id: 'b', name: 'Kontakt b', email: 'b@example.no' },
    ]);
    expect(() =>
      resolveRecipients([{ organisationId: OTHER }, { organisationId: ORG, contactIds: ['c'] }], names, contacts),
    ).toThrow(
      expect.objectContaining({
        details: {
          errors: [
            { field: 'recipients.0.organisationId', message: 'no organisation with this id' },
            { field: 'recipients.1.contactIds', message: 'not all are contact persons of Malvik kommune' },
          ],
        },
      }),
    );
  });

  it('an extension is later than the recipient’s own deadline, for a recipient that has not answered', () => {
    const c = {
      deadline: '2024-06-01T21:59:59.000Z',
      extensions: { [OTHER]: { deadline: '2024-06-15T21:59:59.000Z', reason: 'x' } },
      answeredBy: { [ORG]: 'svar' },
    } as unknown as HearingContext;
    expect(extensionRefusal(c, OTHER, '2024-06-20T21:59:59.000Z', 'open')).toBeNull();
    expect(extensionRefusal(c, OTHER, '2024-06-10T21:59:59.000Z', 'open')?.details.errors).toEqual([
      { field: 'deadline', message: "must be later than the recipient's deadline 2024-06-15T21:59:59.000Z" },
    ]);
    expect(extensionRefusal(c, ORG, '2024-06-20T21:59:59.000Z', 'closed')).toMatchObject({
      code: 'rule-violated',
      details: { state: 'closed' },
    });
  });

  it('the case the sammendrag is presented as, and what its agenda item says', () => {
    expect(presentationCase({ title: 'Ny fagrådsstruktur', committeeCode: 'ASU' }, {})).toEqual({
      title: 'Høring: Ny fagrådsstruktur – sammendrag av høringssvar',
      proposedResolution: '1. ASU tar sammendraget av høringssvarene til orientering.',
    });
    expect(presentationCase({ title: 'Høring om fagråd', committeeCode: 'ASU' }, { title: 'Egen tittel' }).title).toBe(
      'Egen tittel',
    );
    const c = { answeredBy: { a: '1', b: '1' }, recipients: [{}, {}, {}] } as unknown as HearingContext;
    expect(presentationDetails('h1', c)).toBe(
      'Vedlegg: Sammendrag av høringssvarene (2 av 3 høringsinstanser har svart)\n' +
        'Vedlegg: Høringssvarene (/public/hearings/h1)',
    );
  });

  it('a stored file has a safe name and a media type', () => {
    const file = { filename: '../etc/pass\u0000wd.pdf', mediaType: '', content: Buffer.from('x') };
    expect(storedAttachment('h', null, file, { id: 'p', name: 'P' })).toMatchObject({
      filename: '.._etc_pass_wd.pdf',
      mediaType: 'application/octet-stream',
      organisationId: null,
    });
    expect(storedAttachment('h', ORG, { ...file, filename: '' }, { id: 'p', name: 'P' }).filename).toBe('vedlegg');
  });
});
