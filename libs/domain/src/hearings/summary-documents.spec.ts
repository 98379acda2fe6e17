import { GENERAL_QUESTION } from '@samflyt/workflows';
import { pdfModelText } from '../documents';
import { expectArchivable, expectInOrder, inspectPdf, structTypes } from '../../../../test/support/pdf';
import type { HearingSummary } from './hearing-summary';
import { summaryPdf, summaryPdfModel } from './summary-documents';

const at = '2024-05-20T10:00:00.000Z';
const summary: HearingSummary = {
  hearingId: 'h',
  title: 'Ny fagrådsstruktur <utkast> & mer',
  origin: 'ASU sak 12/24',
  committee: { code: 'ASU', name: 'Administrativt samarbeidsutvalg' },
  state: 'summary',
  deadline: '2024-06-01T21:59:59.000Z',
  counts: { recipients: 4, answered: 3, notAnswered: 1, answers: 2, jointAnswers: 1, late: 1, withheld: 1 },
  questions: [
    {
      id: 'struktur',
      text: 'Støtter dere strukturen?',
      summary: 'De fleste støtter forslaget.',
      answers: [
        { answerId: 'a1', by: 'Trondheim kommune', late: false, withheld: false, text: 'Ja, med forbehold.' },
        { answerId: 'a2', by: 'St. Olavs hospital HF', late: true, withheld: true, text: '' },
      ],
    },
    {
      id: GENERAL_QUESTION,
      text: '',
      summary: null,
      answers: [{ answerId: 'a1', by: 'Trondheim kommune', late: false, withheld: false, text: 'Godt arbeid.' }],
    },
  ],
  answers: [
    {
      id: 'a1',
      signatories: [
        { id: 't', name: 'Trondheim kommune', lead: true, late: false },
        { id: 'm', name: 'Malvik kommune', lead: false, late: true },
      ],
      late: false,
      withheldReason: null,
      version: 1,
      submittedAt: at,
      updatedAt: at,
      text: '',
      attachments: [],
    },
    {
      id: 'a2',
      signatories: [{ id: 's', name: 'St. Olavs hospital HF', lead: true, late: false }],
      late: true,
      withheldReason: 'offl. § 13',
      version: 2,
      submittedAt: at,
      updatedAt: at,
      text: '',
      attachments: [],
    },
  ],
  notAnswered: [{ id: 'r', name: 'Røros kommune', deadline: null }],
};

describe('the hearing summary as PDF', () => {
  it('is PDF/A-2a with embedded fonts, nb, tagged headings and lists, read in the order of its model', async () => {
    const model = summaryPdfModel(summary);
    const facts = await inspectPdf(await summaryPdf(summary));
    expectArchivable(facts, 'Sammendrag av høringssvar: Ny fagrådsstruktur <utkast> & mer');
    expect(facts.pdfaConformance).toBe('A');
    const types = structTypes(facts.structure);
    for (const type of ['H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody']) expect(types).toContain(type);
    expectInOrder(facts.tagged, pdfModelText(model));
    expectInOrder(facts.text, pdfModelText(model));
    expectInOrder(facts.tagged, [
      'Sammendrag av høringssvar: Ny fagrådsstruktur <utkast> & mer',
      'Bakgrunn: ASU sak 12/24',
      'Høringsfrist: 01.06.2024',
      '1. Trondheim kommune (sammen med Malvik kommune), mottatt 20.05.2024 kl. 12.00',
      '– Malvik kommune: for sent mottatt',
      '2. St. Olavs hospital HF, mottatt 20.05.2024 kl. 12.00 (for sent mottatt, unntatt offentlighet)',
      'Støtter dere strukturen?',
      'Sekretariatets sammendrag: De fleste støtter forslaget.',
      'St. Olavs hospital HF (for sent mottatt, unntatt offentlighet) Svaret er unntatt offentlighet.',
      'Generelle merknader',
      'Ikke svart Røros kommune',
    ]);
  });
});
