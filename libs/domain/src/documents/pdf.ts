/**
 * The one PDF renderer of the system: a small document model in, a PDF/A-2a Buffer out.
 *
 *   const pdf = await renderPdf({
 *     title: 'Tilskuddsbrev',                       // Info /Title, XMP dc:title, shown as the window title
 *     subject: 'Vedtak om tilskudd', author: 'Sekretariatet',
 *     language: 'nb',                               // catalog /Lang (default 'nb')
 *     footer: 'Vår ref. 24/123',                    // left of "Side N av M" on every page (optional)
 *     blocks: [
 *       { kind: 'heading', level: 1, text: 'Vedtak' },
 *       { kind: 'paragraph', text: ['Dere får ', { text: '120 000 kr', bold: true }, '.'] },
 *       { kind: 'list', items: ['Første', 'Andre'], ordered: true },
 *       { kind: 'table', header: ['Nr.', 'Søker'], rows: [['1', 'Helse']], widths: [1, 4] },
 *       { kind: 'keyValue', entries: [['Dato', '01.02.2025']] },
 *       { kind: 'spacer', lines: 2 }, { kind: 'pageBreak' },
 *     ],
 *   });
 *
 * What the file is: PDF 1.7, PDF/A-2a (XMP pdfaid part 2, conformance A; sRGB output intent); the text is set in
 * DejaVu Sans and DejaVu Sans Bold from the `dejavu-fonts-ttf` package, embedded as subsets with a ToUnicode map;
 * tagged (`/MarkInfo << /Marked true >>`, a `/StructTreeRoot` with Document → H1–H3, P, L/LI/(Lbl)/LBody,
 * Table/TR/TH/TD) in reading order; borders, bullets, repeated table headers and the page footer are artifacts, so a
 * screen reader skips them (an ordered list's numbers are Lbl). A table row that does not fit starts a new page, under a repeat of the
 * header row; a heading keeps at least `keepWithNext` points below it on its page.
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

/** A run of text; `bold` sets it in the bold face. */
export type PdfRun = string | { text: string; bold?: boolean };
/** Plain text, or runs set one after another on the same lines. */
export type PdfText = string | PdfRun[];

/** A table row: cells under the header, or one cell across the whole table (a group heading). */
export type PdfTableRow = string[] | { span: string };

export type PdfBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; keepWithNext?: number }
  | { kind: 'paragraph'; text: PdfText; size?: number }
  | { kind: 'list'; items: PdfText[]; ordered?: boolean; size?: number }
  | {
      kind: 'table';
      header: string[];
      rows: PdfTableRow[];
      /** Relative column widths (default: equal). */
      widths?: number[];
      size?: number;
    }
  /** "Label: value" lines, the label bold. */
  | { kind: 'keyValue'; entries: [label: string, value: string][]; size?: number }
  | { kind: 'spacer'; lines?: number }
  | { kind: 'pageBreak' };

export interface PdfModel {
  title: string;
  /** BCP 47; the document language for screen readers and the archive. Default `nb`. */
  language?: string;
  subject?: string;
  author?: string;
  keywords?: string;
  /** The creation date written to Info and XMP (default now); fixed, it makes the bytes reproducible but for the ID. */
  created?: Date;
  /** Printed left in every page's footer, before "Side N av M". */
  footer?: string;
  /** Page margin in points (A4). Default 50. */
  margin?: number;
  blocks: PdfBlock[];
}

const REGULAR = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';
const BODY = 10;
const HEADING_SIZE = { 1: 15, 2: 12, 3: 10.5 } as const;
const PAD = 3;
const BORDER = '#888888';

/** The font files of `dejavu-fonts-ttf` (Bitstream Vera licence, DejaVu changes public domain). */
export const PDF_FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

/** The font files, read once per process rather than once per document. */
let fontBytes: { regular: Buffer; bold: Buffer } | undefined;
const fonts = () =>
  (fontBytes ??= { regular: readFileSync(PDF_FONT_FILES.regular), bold: readFileSync(PDF_FONT_FILES.bold) });

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const runs = (t: PdfText): { text: string; bold: boolean }[] =>
  (typeof t === 'string' ? [t] : t)
    .map((r) => (typeof r === 'string' ? { text: r, bold: false } : { text: r.text, bold: r.bold === true }))
    .filter((r) => r.text !== '');

/** `text` cut with an ellipsis to fit `width` at the current font and size. */
function fitted(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

class Renderer {
  private readonly left: number;
  private readonly width: number;

  constructor(
    private readonly doc: Doc,
    private readonly root: Struct,
  ) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  private get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** A structure element under `parent` whose content is what `draw` puts on the page. */
  private tag(parent: Struct, type: string, draw?: () => void, options: Record<string, unknown> = {}): Struct {
    const el = this.doc.struct(type, options);
    parent.add(el);
    if (draw) el.add(draw);
    el.end();
    return el;
  }

  /** Drawing that is not content (lines, repeated headers): marked as an artifact. */
  private artifact(draw: () => void): void {
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
  }

  private setRuns(t: PdfText, x: number, width: number, size: number): void {
    const parts = runs(t);
    if (parts.length === 0) parts.push({ text: ' ', bold: false });
    parts.forEach((r, i) => {
      this.doc.font(r.bold ? BOLD : REGULAR).fontSize(size);
      if (i === 0) this.doc.text(r.text, x, this.doc.y, { width, continued: i < parts.length - 1 });
      else this.doc.text(r.text, { continued: i < parts.length - 1 });
    });
  }

  block(b: PdfBlock): void {
    const doc = this.doc;
    switch (b.kind) {
      case 'heading': {
        const size = HEADING_SIZE[b.level];
        doc.font(BOLD).fontSize(size);
        const h = doc.heightOfString(b.text, { width: this.width });
        if (doc.y + h + (b.keepWithNext ?? 60) > this.bottom && doc.y > doc.page.margins.top) doc.addPage();
        this.tag(this.root, `H${b.level}`, () => doc.text(b.text, this.left, doc.y, { width: this.width }));
        doc.moveDown(0.4);
        return;
      }
      case 'paragraph':
        this.tag(this.root, 'P', () => this.setRuns(b.text, this.left, this.width, b.size ?? BODY));
        doc.moveDown(0.5);
        return;
      case 'keyValue':
        for (const [label, value] of b.entries)
          this.tag(this.root, 'P', () =>
            this.setRuns([{ text: `${label}: `, bold: true }, value || ' '], this.left, this.width, b.size ?? BODY),
          );
        doc.moveDown(0.5);
        return;
      case 'list':
        return this.list(b.items, b.ordered === true, b.size ?? BODY);
      case 'table':
        return this.table(b);
      case 'spacer':
        doc.moveDown(b.lines ?? 1);
        return;
      case 'pageBreak':
        doc.addPage();
        return;
    }
  }

  private list(items: PdfText[], ordered: boolean, size: number): void {
    const doc = this.doc;
    const indent = 16;
    const l = doc.struct('L');
    this.root.add(l);
    items.forEach((item, i) => {
      doc.font(REGULAR).fontSize(size);
      const text = runs(item)
        .map((r) => r.text)
        .join('');
      const h = doc.heightOfString(text || ' ', { width: this.width - indent });
      if (doc.y + h > this.bottom && h < this.bottom - doc.page.margins.top) doc.addPage();
      const y = doc.y;
      const li = doc.struct('LI');
      l.add(li);
      if (ordered)
        this.tag(li, 'Lbl', () =>
          doc
            .font(REGULAR)
            .fontSize(size)
            .text(`${i + 1}.`, this.left + 2, y, { lineBreak: false }),
        );
      else {
        // A bullet is a mark, not words: drawn as an artifact (the LI says it is an item).
        const r = size / 6;
        this.artifact(() => doc.circle(this.left + 4 + r, y + size * 0.45, r).fill('black'));
      }
      doc.y = y;
      this.tag(li, 'LBody', () => this.setRuns(item, this.left + indent, this.width - indent, size));
      li.end();
      doc.moveDown(0.2);
    });
    l.end();
    doc.x = this.left;
    doc.moveDown(0.4);
  }

  private table(b: Extract<PdfBlock, { kind: 'table' }>): void {
    const doc = this.doc;
    const size = b.size ?? 8.5;
    const weights = b.widths ?? b.header.map(() => 1);
    const sum = weights.reduce((a, w) => a + w, 0);
    const widths = weights.map((w) => (w / sum) * this.width);
    const table = doc.struct('Table');
    this.root.add(table);

    const heightOf = (cells: string[], cols: number[], bold: boolean) => {
      doc.font(bold ? BOLD : REGULAR).fontSize(size);
      return Math.max(...cells.map((t, i) => doc.heightOfString(t || ' ', { width: cols[i] - 2 * PAD }))) + 2 * PAD;
    };
    const borders = (top: number, cols: number[], height: number) =>
      this.artifact(() => {
        doc.lineWidth(0.4).strokeColor(BORDER);
        let x = this.left;
        for (const w of cols) {
          doc.rect(x, top, w, height).stroke();
          x += w;
        }
      });
    const cellText = (text: string, x: number, top: number, w: number, bold: boolean) => {
      doc
        .font(bold ? BOLD : REGULAR)
        .fontSize(size)
        .text(text || ' ', x + PAD, top + PAD, { width: w - 2 * PAD });
    };
    const drawHeader = (tagged: boolean) => {
      const h = heightOf(b.header, widths, true);
      const top = doc.y;
      borders(top, widths, h);
      const tr = tagged ? doc.struct('TR') : null;
      if (tr) table.add(tr);
      let x = this.left;
      b.header.forEach((text, i) => {
        const at = x;
        if (tr) this.tag(tr, 'TH', () => cellText(text, at, top, widths[i], true), { scope: 'Column' });
        else this.artifact(() => cellText(text, at, top, widths[i], true));
        x += widths[i];
      });
      tr?.end();
      doc.x = this.left;
      doc.y = top + h;
    };

    const headerHeight = heightOf(b.header, widths, true);
    if (doc.y + headerHeight + 2 * size > this.bottom) doc.addPage();
    drawHeader(true);
    for (const row of b.rows) {
      const span = !Array.isArray(row);
      const cells = span ? [row.span] : row;
      const cols = span ? [this.width] : widths;
      const h = heightOf(cells, cols, span);
      if (doc.y + h > this.bottom) {
        doc.addPage();
        drawHeader(false);
      }
      const top = doc.y;
      borders(top, cols, h);
      const tr = doc.struct('TR');
      table.add(tr);
      let x = this.left;
      cells.forEach((text, i) => {
        const at = x;
        const td = this.tag(tr, 'TD', () => cellText(text, at, top, cols[i], span));
        // The one cell spans the columns (the typings do not show the element's dictionary).
        if (span)
          (td as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = {
            O: 'Table',
            ColSpan: widths.length,
          };
        x += cols[i];
      });
      tr.end();
      doc.x = this.left;
      doc.y = top + h;
    }
    table.end();
    doc.moveDown(0.8);
  }

  /** "Side N av M" (and the footer text) on every page, as a pagination artifact. */
  footer(text: string | undefined): void {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = doc.page.height - bottom + 18;
      doc.markContent('Artifact', { type: 'Pagination' });
      doc.font(REGULAR).fontSize(8).fillColor('#444444');
      if (text) doc.text(fitted(doc, text, this.width * 0.75), this.left, y, { lineBreak: false });
      doc.text(`Side ${i - range.start + 1} av ${range.count}`, this.left, y, {
        width: this.width,
        align: 'right',
        lineBreak: false,
      });
      doc.fillColor('black');
      doc.endMarkedContent();
      doc.page.margins.bottom = bottom;
    }
  }
}

/** The words of the model in reading order, one string per heading, paragraph, item, cell or line: for tests. */
export function pdfModelText(model: PdfModel): string[] {
  const plain = (t: PdfText) =>
    runs(t)
      .map((r) => r.text)
      .join('');
  return model.blocks.flatMap((b): string[] => {
    switch (b.kind) {
      case 'heading':
        return [b.text];
      case 'paragraph':
        return [plain(b.text)];
      case 'list':
        return b.items.flatMap((item, i) => [...(b.ordered ? [`${i + 1}.`] : []), plain(item)]);
      case 'table':
        return [...b.header, ...b.rows.flatMap((r) => (Array.isArray(r) ? r : [r.span]))];
      case 'keyValue':
        return b.entries.map(([label, value]) => `${label}: ${value}`);
      default:
        return [];
    }
  });
}

/** The model as a PDF/A-2a document (A4). */
export function renderPdf(model: PdfModel): Promise<Buffer> {
  const info: PDFKit.DocumentInfo = { Title: model.title, Creator: 'samflyt', Producer: 'samflyt (PDFKit)' };
  if (model.subject) info.Subject = model.subject;
  if (model.author) info.Author = model.author;
  if (model.keywords) info.Keywords = model.keywords;
  if (model.created) info.CreationDate = model.created;
  const doc = new PDFDocument({
    size: 'A4',
    margin: model.margin ?? 50,
    pdfVersion: '1.7',
    subset: 'PDF/A-2a',
    tagged: true,
    displayTitle: true,
    lang: model.language ?? 'nb',
    font: fonts().regular as unknown as string, // a Buffer works (PDFKit's types say path only)
    bufferPages: true,
    info,
  });
  doc.registerFont(REGULAR, fonts().regular);
  doc.registerFont(BOLD, fonts().bold);
  doc.font(REGULAR);
  escapeXmpInfo(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const renderer = new Renderer(doc, root);
  for (const block of model.blocks) renderer.block(block);
  root.end();
  renderer.footer(model.footer);
  doc.end();
  return done;
}

/**
 * PDFKit writes Title, Author, Subject, Keywords and the tools into the XMP packet as they are, so a title with `&`
 * or `<` would make the packet invalid XML (and the file not PDF/A). The Info dictionary needs the text as it is;
 * only while the XMP is written does it see the escaped text.
 */
function escapeXmpInfo(doc: Doc): void {
  const target = doc as unknown as { _addInfo: () => void; info: Record<string, unknown> };
  const addInfo = target._addInfo.bind(doc);
  target._addInfo = () => {
    const raw = target.info;
    target.info = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? xml(v) : v]));
    try {
      addInfo();
    } finally {
      target.info = raw;
    }
  };
}
