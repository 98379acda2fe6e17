import { DateTime } from 'luxon';
import PDFDocument from 'pdfkit';
import { OSLO } from '@samflyt/engine';
import { GENERAL_QUESTION } from '@samflyt/workflows';
import { markdownText, safeCsv } from '../exports';
import { byline, type HearingSummary } from './hearing-summary';

const date = (at: string | null) => (at ? DateTime.fromISO(at, { zone: OSLO }).toFormat('dd.MM.yyyy') : '');
const dateTime = (at: string) => DateTime.fromISO(at, { zone: OSLO }).toFormat("dd.MM.yyyy 'kl.' HH.mm");

const marks = (a: { late: boolean; withheld?: boolean }) =>
  [a.late ? 'for sent mottatt' : null, a.withheld ? 'unntatt offentlighet' : null].filter(Boolean).join(', ');

/**
 * The sammendrag as Markdown; `t` writes user text (titles, names, questions, answers): escaped by default, as it is
 * as plain text for the PDF.
 */
export function summaryMarkdown(s: HearingSummary, t: (text: string) => string = markdownText): string {
  const lines: string[] = [];
  lines.push(`# Sammendrag av høringssvar: ${t(s.title)}`, '');
  if (s.origin) lines.push(`Bakgrunn: ${t(s.origin)}  `);
  lines.push(`Utvalg: ${t(s.committee.name)} (${t(s.committee.code)})  `);
  lines.push(`Høringsfrist: ${date(s.deadline)}  `);
  const c = s.counts;
  lines.push(
    `Høringsinstanser: ${c.recipients}. Har svart: ${c.answered} (i ${c.answers} høringssvar, ${c.jointAnswers} felles). ` +
      `Ikke svart: ${c.notAnswered}. For sent mottatt: ${c.late}.${c.withheld ? ` Unntatt offentlighet: ${c.withheld}.` : ''}`,
    '',
  );
  lines.push('## Høringssvar', '');
  s.answers.forEach((a, i) => {
    const mark = marks({ late: a.late, withheld: a.withheldReason !== null });
    const names = { ...a, signatories: a.signatories.map((x) => ({ ...x, name: t(x.name) })) };
    lines.push(`${i + 1}. **${byline(names)}**, mottatt ${dateTime(a.submittedAt)}${mark ? ` (${mark})` : ''}`);
    for (const sig of a.signatories.filter((x) => x.late && !a.late))
      lines.push(`   - ${t(sig.name)}: for sent mottatt`);
  });
  lines.push('');
  for (const q of s.questions) {
    lines.push(`## ${q.id === GENERAL_QUESTION ? 'Generelle merknader' : t(q.text)}`, '');
    if (q.summary) lines.push(`**Sekretariatets sammendrag:** ${t(q.summary)}`, '');
    lines.push(`${q.answers.length} svar.`, '');
    for (const a of q.answers) {
      const mark = marks(a);
      lines.push(`### ${t(a.by)}${mark ? ` (${mark})` : ''}`, '');
      lines.push(a.withheld ? '_Svaret er unntatt offentlighet._' : t(a.text), '');
    }
  }
  lines.push('## Ikke svart', '');
  if (s.notAnswered.length === 0) lines.push('Alle høringsinstansene har svart.');
  for (const r of s.notAnswered) lines.push(`- ${t(r.name)}`);
  lines.push('');
  return lines.join('\n');
}

/** One row per answer and question: `spørsmål;svar fra;medunderskrivere;for sent;…` (semicolons, as Excel in Norway reads). */
export function summaryCsv(s: HearingSummary): string {
  const rows: string[][] = [];
  for (const q of s.questions) {
    for (const a of q.answers) {
      const answer = s.answers.find((x) => x.id === a.answerId)!;
      rows.push([
        q.id,
        q.id === GENERAL_QUESTION ? 'Generelle merknader' : q.text,
        answer.signatories[0].name,
        answer.signatories
          .slice(1)
          .map((x) => x.name)
          .join(', '),
        a.late ? 'ja' : 'nei',
        a.withheld ? 'ja' : 'nei',
        dateTime(answer.submittedAt),
        String(answer.version),
        a.withheld ? '' : a.text,
      ]);
    }
  }
  for (const r of s.notAnswered) rows.push(['', '', r.name, '', '', '', '', '', 'Ikke svart']);
  return safeCsv(rows, {
    delimiter: ';',
    bom: true,
    header: true,
    columns: [
      'sporsmal_id',
      'sporsmal',
      'svar_fra',
      'medunderskrivere',
      'for_sent',
      'unntatt_offentlighet',
      'mottatt',
      'versjon',
      'svar',
    ],
  });
}

export function summaryPdf(s: HearingSummary, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: options.compress ?? true,
    lang: 'nb-NO',
    info: { Title: `Sammendrag av høringssvar: ${s.title}`, Subject: 'Sammendrag', Creator: 'samflyt' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const heading = (text: string, size: number) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(size).text(text, left, doc.y, { width });
    doc.moveDown(0.4);
  };
  const paragraph = (text: string, font = 'Helvetica') => {
    doc.font(font).fontSize(9.5).text(text, left, doc.y, { width });
    doc.moveDown(0.5);
  };
  // The Markdown is the document; the PDF sets it with headings and paragraphs.
  for (const line of summaryMarkdown(s, (text) => text).split('\n')) {
    if (line.startsWith('### ')) heading(line.slice(4), 10);
    else if (line.startsWith('## ')) heading(line.slice(3), 12);
    else if (line.startsWith('# ')) heading(line.slice(2), 15);
    else if (line.trim() !== '')
      paragraph(
        line
          .replace(/\*\*/g, '')
          .replace(/^_(.*)_$/, '$1')
          .replace(/ {2}$/, ''),
      );
  }
  doc.end();
  return done;
}
