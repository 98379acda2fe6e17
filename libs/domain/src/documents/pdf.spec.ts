import { pdfModelText, renderPdf, type PdfModel } from './pdf';
import { expectArchivable, expectInOrder, inspectPdf, structTypes } from '../../../../test/support/pdf';

const model: PdfModel = {
  title: 'Tilskudd & <prøve>',
  subject: 'Vedtak om tilskudd',
  author: 'Sekretariatet',
  footer: 'Vår ref. 24/1',
  blocks: [
    { kind: 'heading', level: 1, text: 'Vedtak om tilskudd' },
    { kind: 'paragraph', text: ['Dere får ', { text: '120 000 kr', bold: true }, ' i tilskudd.'] },
    { kind: 'heading', level: 2, text: 'Vilkår' },
    { kind: 'list', items: ['Første vilkår', ['Andre ', { text: 'viktige', bold: true }, ' vilkår']], ordered: true },
    { kind: 'list', items: ['Et punkt'] },
    {
      kind: 'table',
      header: ['Nr.', 'Søker', 'Beløp'],
      rows: [['1', 'Helse Øst', '80 000'], { span: 'Kommunene' }, ['2', 'Bydel Ås', '40 000']],
      widths: [1, 4, 2],
    },
    {
      kind: 'keyValue',
      entries: [
        ['Dato', '01.02.2025'],
        ['Saksbehandler', 'Åse Øien'],
      ],
    },
    { kind: 'spacer', lines: 2 },
    { kind: 'pageBreak' },
    { kind: 'heading', level: 3, text: 'Klage' },
    ...Array.from({ length: 40 }, (_, i) => ({
      kind: 'paragraph' as const,
      text: `Avsnitt ${i + 1}: ${'lang tekst om klagerett '.repeat(12)}`,
    })),
    { kind: 'paragraph', text: 'Slutt.' },
  ],
};

describe('renderPdf', () => {
  let facts: Awaited<ReturnType<typeof inspectPdf>>;
  beforeAll(async () => {
    facts = await inspectPdf(await renderPdf(model));
  });

  it('writes PDF/A-2a: identification in XMP, sRGB output intent, embedded DejaVu Sans, language, tags', () => {
    expectArchivable(facts, model.title);
    expect(facts.pdfaConformance).toBe('A');
    expect(facts.fonts.map((f) => f.baseFont.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'DejaVuSans',
      'DejaVuSans-Bold',
    ]);
    // The title is escaped in the XMP packet (PDFKit writes it raw) and plain in the Info dictionary.
    expect(facts.dcTitle).toBe('Tilskudd &amp; &lt;prøve&gt;');
    expect(facts.xmp).toContain('<rdf:li>Sekretariatet</rdf:li>');
    expect(facts.xmp).toContain('Vedtak om tilskudd</rdf:li>');
  });

  it('tags every block in order: headings, paragraphs, lists, tables, key-value lines', () => {
    const document = facts.structure!.children[0];
    const top = document.children.map((c) => c.type);
    expect(top.slice(0, 9)).toEqual(['H1', 'P', 'H2', 'L', 'L', 'Table', 'P', 'P', 'H3']);
    expect(top.slice(9)).toEqual(Array(41).fill('P'));
    const [ordered, bullets] = document.children.filter((c) => c.type === 'L');
    expect(ordered.children.map((li) => li.children.map((c) => c.type))).toEqual([
      ['Lbl', 'LBody'],
      ['Lbl', 'LBody'],
    ]);
    // A bullet is drawn as an artifact: the item has its body only.
    expect(bullets.children.map((li) => li.children.map((c) => c.type))).toEqual([['LBody']]);
    const table = document.children.find((c) => c.type === 'Table')!;
    expect(table.children.map((tr) => tr.children.map((c) => c.type))).toEqual([
      ['TH', 'TH', 'TH'],
      ['TD', 'TD', 'TD'],
      ['TD'],
      ['TD', 'TD', 'TD'],
    ]);
    expect(structTypes(facts.structure)).not.toContain('Artifact');
  });

  it('reads in the order of the model, for the eye and for a screen reader; page numbers are artifacts', () => {
    const order = [
      'Vedtak om tilskudd',
      'Dere får 120 000 kr i tilskudd.',
      'Vilkår',
      '1.',
      'Første vilkår',
      '2.',
      'Andre viktige vilkår',
      'Et punkt',
      'Nr.',
      'Søker',
      'Beløp',
      'Helse Øst',
      'Kommunene',
      'Bydel Ås',
      'Dato: 01.02.2025',
      'Saksbehandler: Åse Øien',
      'Klage',
      'Avsnitt 1: lang tekst',
      'Avsnitt 40: lang tekst',
      'Slutt.',
    ];
    expectInOrder(facts.text, order);
    expectInOrder(facts.tagged, order);
    expectInOrder(facts.tagged, pdfModelText(model));
    expect(facts.text).not.toContain('•');
    expect(facts.pages).toBeGreaterThanOrEqual(3);
    expectInOrder(facts.text, [`Vår ref. 24/1`, `Side 1 av ${facts.pages}`, `Side ${facts.pages} av ${facts.pages}`]);
    expect(facts.tagged).not.toContain('Side 1 av');
  });

  it('starts a table row that does not fit on a new page, under a repeat of the header that is not read twice', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => [`Rad ${i + 1}`, `Søker ${i + 1}`]);
    const long = await inspectPdf(
      await renderPdf({ title: 'Tabell', blocks: [{ kind: 'table', header: ['Kolonne A', 'Kolonne B'], rows }] }),
    );
    expectArchivable(long, 'Tabell');
    expect(long.pages).toBe(2);
    expect(long.text.match(/Kolonne A/g)).toHaveLength(2);
    expect(long.tagged.match(/Kolonne A/g)).toHaveLength(1);
    const table = long.structure!.children[0].children;
    expect(table.map((c) => c.type)).toEqual(['Table']);
    expect(table[0].children).toHaveLength(81);
    expectInOrder(long.tagged, rows.flat());
  });

  it('cuts a long footer text with an ellipsis before the page number', async () => {
    const long = await inspectPdf(
      await renderPdf({ title: 'Lang', footer: `Vår ref. ${'lang '.repeat(60)}slutt`, blocks: [] }),
    );
    expect(long.text).toMatch(/Vår ref\. lang lang [a-z ]*…\s*Side 1 av 1/);
    expect(long.text).not.toContain('slutt');
    expect(long.text).toContain('Side 1 av 1');
  });

  it('defaults the language to nb and takes another', async () => {
    const en = await inspectPdf(await renderPdf({ title: 'x', language: 'en', blocks: [] }));
    expect(en.lang).toBe('en');
    expect(en.pages).toBe(1);
  });
});
