import { newRoundContext, rankingOf, type RoundContext, type RoundInput } from '@samflyt/workflows';
import { roundInput, U } from '@samflyt/workflows/grants/grants.fixtures';
import { pdfModelText } from '../documents';
import { expectArchivable, expectInOrder, inspectPdf, structTypes } from '../../../../test/support/pdf';
import { innstillingPdf, innstillingPdfModel } from './innstilling.document';

// The shared round, with a title that needs escaping in the PDF's XMP metadata.
const input: RoundInput = { ...roundInput, title: 'Samhandlingsmidler 2030 & «mer»', reporting: [] };
const application = (n: number, organisation: string, requested: number) => ({
  applicationId: U(n),
  instanceId: U(n + 100),
  title: `Prosjekt ${n} – æøå`,
  organisation,
  requested,
  submittedAt: '2030-01-10T00:00:00.000Z',
});

function round(): RoundContext {
  const c: RoundContext = {
    ...newRoundContext(input),
    applications: [application(10, 'Trondheim kommune', 500_000), application(11, 'Røros kommune', 700_000)],
    scorers: [
      { personId: 'p1', name: 'Ola Øren', email: 'en@test' },
      { personId: 'p2', name: 'Kari Ås', email: 'to@test' },
    ],
    sheets: {
      [U(10)]: { p1: { scores: { gevinst: 5 }, comment: '' }, p2: { scores: { gevinst: 4 }, comment: '' } },
      [U(11)]: { p2: { scores: { gevinst: 2 }, comment: '' } },
    },
    recusals: [{ applicationId: U(11), personId: 'p1', name: 'Ola Øren', reason: 'Styremedlem' }],
  };
  return { ...c, ranking: rankingOf(c) };
}

describe('the innstilling as PDF', () => {
  it('is PDF/A-2a with embedded fonts, nb, a tagged ranking table and lists, read in the order of its model', async () => {
    const c = round();
    const model = innstillingPdfModel(c);
    const facts = await inspectPdf(await innstillingPdf(c));
    expectArchivable(facts, 'Innstilling: Samhandlingsmidler 2030 & «mer»');
    expect(facts.pdfaConformance).toBe('A');
    const types = structTypes(facts.structure);
    for (const type of ['H1', 'H2', 'P', 'Table', 'TR', 'TH', 'TD', 'L', 'LI', 'LBody']) expect(types).toContain(type);
    const table = facts.structure!.children[0].children.find((t) => t.type === 'Table')!;
    expect(table.children.map((tr) => tr.children.length)).toEqual([8, 8, 8]);
    expectInOrder(facts.tagged, pdfModelText(model));
    expectInOrder(facts.text, pdfModelText(model));
    expectInOrder(facts.tagged, [
      'Nr. Søker Prosjekt Poeng Spredning Søkt Innstilt Merknad',
      '1 Trondheim kommune Prosjekt 10 – æøå',
      'Vurderere',
      'Ola Øren',
      'Inhabilitet',
      'Ola Øren var inhabil i «Prosjekt 11 – æøå» (Styremedlem)',
    ]);
  });
});
