import PDFDocument from 'pdfkit';
import type { CaseSection, MinutesDocument } from './minutes.document';

type Doc = PDFKit.PDFDocument;

interface Row {
  cells: string[];
  bold?: boolean;
  /** One cell across the whole table (a group heading). */
  span?: boolean;
}

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const PAD = 3;

/** Rows of wrapped cells with thin borders; a row that does not fit starts a new page. */
function drawTable(doc: Doc, widths: number[], rows: Row[]): void {
  const left = doc.page.margins.left;
  doc.fontSize(8.5).lineWidth(0.4).strokeColor('#888888');
  for (const row of rows) {
    const cols = row.span ? [widths.reduce((a, b) => a + b, 0)] : widths;
    const cells = row.span ? [row.cells[0]] : row.cells;
    doc.font(row.bold ? BOLD : FONT);
    const height =
      Math.max(...cells.map((t, i) => doc.heightOfString(t || ' ', { width: cols[i] - 2 * PAD }))) + 2 * PAD;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const top = doc.y;
    let x = left;
    cells.forEach((text, i) => {
      doc.rect(x, top, cols[i], height).stroke();
      doc.text(text, x + PAD, top + PAD, { width: cols[i] - 2 * PAD });
      x += cols[i];
    });
    doc.x = left;
    doc.y = top + height;
  }
  doc.moveDown(0.8);
}

/** A heading, on a new page when less than `keep` points are left for what follows it. */
function heading(doc: Doc, text: string, size = 11, keep = 60): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - keep) doc.addPage();
  doc.font(BOLD).fontSize(size).text(text, doc.page.margins.left, doc.y);
  doc.moveDown(0.4);
}

function paragraph(doc: Doc, text: string): void {
  doc
    .font(FONT)
    .fontSize(9.5)
    .text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.6);
}

function labelled(doc: Doc, label: string, value: string): void {
  doc.font(BOLD).fontSize(9.5).text(`${label}: `, doc.page.margins.left, doc.y, { continued: true });
  doc.font(FONT).text(value || ' ');
}

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

function caseSection(doc: Doc, c: CaseSection): void {
  doc.moveDown(0.5);
  heading(doc, 'MØTEREFERAT', 12, 180);
  labelled(doc, 'Sak', `${c.ref} ${c.title}`);
  labelled(doc, 'Utvalg', c.committee);
  labelled(doc, 'Dato', c.date);
  labelled(doc, 'Saksansvarlig', c.responsible);
  if (c.caseOfficer) labelled(doc, 'Saksbehandler', c.caseOfficer);
  doc.moveDown(0.6);
  heading(doc, 'Forslag til vedtak', 10);
  paragraph(doc, c.proposal);
  if (c.minutesText) {
    heading(doc, 'Referat', 10);
    paragraph(doc, c.minutesText);
  }
  if (c.inputs.length > 0) {
    heading(doc, 'Innspill', 10);
    doc
      .font(FONT)
      .fontSize(9.5)
      .list(c.inputs, doc.page.margins.left + 10, doc.y, { width: contentWidth(doc) - 10 });
    doc.moveDown(0.6);
  }
  heading(doc, 'Vedtak', 10);
  paragraph(doc, c.resolution ?? 'Ikke behandlet.');
}

/**
 * The referat as PDF (A4, Helvetica: its WinAnsi encoding has æ, ø, å). `compress: false` keeps
 * the text readable in the file, for tests.
 */
export function minutesPdf(m: MinutesDocument, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: options.compress ?? true,
    lang: 'nb-NO',
    info: { Title: `${m.title} ${m.longDate}`, Subject: 'Møtereferat', Creator: 'samflyt' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = contentWidth(doc);
  heading(doc, m.title, 13);
  drawTable(doc, Array(6).fill(width / 6), [
    { cells: ['Møtedato', 'Møtevarighet', 'Møtested', 'Neste møte', 'Møteleder', 'Referent'], bold: true },
    { cells: [m.date, m.time, m.place, m.nextMeeting, m.chair, m.minuteTaker] },
  ]);
  drawTable(
    doc,
    [width - 140, 80, 60],
    [
      { cells: ['', 'Møtte', 'Forfall'], bold: true },
      ...m.attendance.flatMap((g): Row[] => [
        { cells: [g.heading], bold: true, span: true },
        ...g.lines.map((l) => ({ cells: [l.label, l.present, l.absent] })),
      ]),
    ],
  );
  heading(doc, 'SAKLISTE', 12);
  labelled(doc, 'Utvalg', m.committee.name);
  labelled(doc, 'Møtested', m.place);
  labelled(doc, 'Møtedato', `${m.longDate} kl. ${m.time}`);
  doc.moveDown(0.6);
  drawTable(
    doc,
    [62, 58, width - 62 - 58 - 110 - 32, 110, 32],
    [
      { cells: ['Kl.', 'Saksnr.', 'Saker', 'Ansvarlig', 'Tid'], bold: true },
      ...m.sakliste.map((l) => ({
        cells: [l.clock, l.caseRef, [l.title, ...l.details.map((d) => `• ${d}`)].join('\n'), l.responsible, l.minutes],
      })),
    ],
  );
  for (const c of m.cases) caseSection(doc, c);
  doc.end();
  return done;
}
