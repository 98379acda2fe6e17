import { pdfModelText } from '../../documents';
import { expectArchivable, expectInOrder, inspectPdf, structTypes } from '../../../../../test/support/pdf';
import type { MinutesDocument } from './minutes.document';
import { minutesPdf, minutesPdfModel } from './minutes.pdf';

const minutes: MinutesDocument = {
  title: 'MØTEREFERAT - ADMINISTRATIVT SAMARBEIDSUTVALG (ASU)',
  committee: { code: 'ASU', name: 'Administrativt samarbeidsutvalg' },
  date: '17.04.24',
  longDate: '17.04.2024',
  time: '13.00 – 17.00',
  place: '1930 M11',
  nextMeeting: '19.06.24',
  chair: 'Ingjerd Astad',
  minuteTaker: 'Åse Øvergård',
  attendance: [
    {
      heading: 'Kommunene',
      lines: [
        { label: 'Ingjerd Astad, Trøndelag sør-vest', present: 'x', absent: '' },
        { label: 'Jan Roger Wold, Fjellregionen', present: '', absent: 'x' },
      ],
    },
    {
      heading: 'Sykehusene',
      lines: [{ label: 'Torkild Skaar, St. Olavs hospital', present: 'x (Teams)', absent: '' }],
    },
  ],
  sakliste: [
    {
      clock: '13.00-13.10',
      caseRef: '09/24',
      title: 'Godkjenning av innkalling og sakliste',
      details: [],
      responsible: 'Ingjerd Astad',
      minutes: '10',
    },
    {
      clock: '13.10-14.00',
      caseRef: '10/24',
      title: 'Helseplattformen',
      details: ['status', 'veien videre'],
      responsible: 'Tor Erling Evjen',
      minutes: '50',
    },
  ],
  cases: [
    {
      ref: '09/24',
      title: 'Godkjenning av innkalling og sakliste',
      committee: 'Administrativt samarbeidsutvalg',
      date: '17.04.2024',
      responsible: 'Ingjerd Astad',
      caseOfficer: null,
      proposal: 'Innkalling og sakliste godkjennes.',
      minutesText: null,
      inputs: [],
      resolution: 'Innkalling og sakliste godkjent.',
      outcome: 'decided',
    },
    {
      ref: '10/24',
      title: 'Helseplattformen - statusoppdatering',
      committee: 'Administrativt samarbeidsutvalg',
      date: '17.04.2024',
      responsible: 'Tor Erling Evjen',
      caseOfficer: 'Kari Nordmann',
      proposal: 'ASU tar saken til orientering.',
      minutesText: 'Avdelingsdirektør i Helseplattformen orienterte om status.',
      inputs: ['Fastlegene opplever at meldte utfordringer ikke blir fulgt opp.', 'Kommunene ønsker bedre opplæring.'],
      resolution: null,
      outcome: 'postponed',
    },
  ],
};

describe('the referat as PDF', () => {
  it('is PDF/A-2a with embedded fonts, nb, tagged headings, tables and lists, read in the order of its model', async () => {
    const model = minutesPdfModel(minutes);
    const facts = await inspectPdf(await minutesPdf(minutes));
    expectArchivable(facts, 'MØTEREFERAT - ADMINISTRATIVT SAMARBEIDSUTVALG (ASU) 17.04.2024');
    expect(facts.pdfaConformance).toBe('A');
    const types = structTypes(facts.structure);
    for (const type of ['H1', 'H2', 'H3', 'P', 'Table', 'TR', 'TH', 'TD', 'L', 'LI', 'LBody'])
      expect(types).toContain(type);
    expect(facts.structure!.children[0].children.filter((c) => c.type === 'Table')).toHaveLength(3);
    expectInOrder(facts.tagged, pdfModelText(model));
    expectInOrder(facts.text, pdfModelText(model));
    expectInOrder(facts.tagged, [
      'Møtedato Møtevarighet Møtested Neste møte Møteleder Referent 17.04.24 13.00 – 17.00 1930 M11 19.06.24 Ingjerd Astad Åse Øvergård',
      'Kommunene Ingjerd Astad, Trøndelag sør-vest x',
      'SAKLISTE',
      'Sak: 10/24 Helseplattformen - statusoppdatering Utvalg: Administrativt samarbeidsutvalg Dato: 17.04.2024',
      'Saksbehandler: Kari Nordmann',
      'Innspill Fastlegene opplever',
      'Vedtak Ikke behandlet.',
    ]);
    expectInOrder(facts.text, ['Referat ASU 17.04.24', `Side 1 av ${facts.pages}`]);
  });
});
