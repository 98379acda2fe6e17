import { DateTime } from 'luxon';
import { OSLO } from '@samflyt/engine';
import { GENERAL_QUESTION } from '@samflyt/workflows';
import { renderPdf, type PdfBlock, type PdfModel } from '../documents';
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

/** The sammendrag as a document model: the same parts as the Markdown, user text as it is. */
export function summaryPdfModel(s: HearingSummary): PdfModel {
  const c = s.counts;
  const title = `Sammendrag av høringssvar: ${s.title}`;
  const blocks: PdfBlock[] = [
    { kind: 'heading', level: 1, text: title },
    {
      kind: 'keyValue',
      entries: [
        ...(s.origin ? [['Bakgrunn', s.origin] as [string, string]] : []),
        ['Utvalg', `${s.committee.name} (${s.committee.code})`],
        ['Høringsfrist', date(s.deadline)],
      ],
    },
    {
      kind: 'paragraph',
      text:
        `Høringsinstanser: ${c.recipients}. Har svart: ${c.answered} (i ${c.answers} høringssvar, ${c.jointAnswers} felles). ` +
        `Ikke svart: ${c.notAnswered}. For sent mottatt: ${c.late}.${c.withheld ? ` Unntatt offentlighet: ${c.withheld}.` : ''}`,
    },
    { kind: 'heading', level: 2, text: 'Høringssvar' },
  ];
  if (s.answers.length > 0)
    blocks.push({
      kind: 'list',
      ordered: true,
      items: s.answers.map((a) => {
        const mark = marks({ late: a.late, withheld: a.withheldReason !== null });
        const lateSigners = a.signatories
          .filter((x) => x.late && !a.late)
          .map((x) => `\n– ${x.name}: for sent mottatt`);
        return [
          { text: byline(a), bold: true },
          `, mottatt ${dateTime(a.submittedAt)}${mark ? ` (${mark})` : ''}${lateSigners.join('')}`,
        ];
      }),
    });
  for (const q of s.questions) {
    blocks.push({ kind: 'heading', level: 2, text: q.id === GENERAL_QUESTION ? 'Generelle merknader' : q.text });
    if (q.summary)
      blocks.push({ kind: 'paragraph', text: [{ text: 'Sekretariatets sammendrag: ', bold: true }, q.summary] });
    blocks.push({ kind: 'paragraph', text: `${q.answers.length} svar.` });
    for (const a of q.answers) {
      const mark = marks(a);
      blocks.push({ kind: 'heading', level: 3, text: `${a.by}${mark ? ` (${mark})` : ''}` });
      blocks.push({ kind: 'paragraph', text: a.withheld ? 'Svaret er unntatt offentlighet.' : a.text });
    }
  }
  blocks.push({ kind: 'heading', level: 2, text: 'Ikke svart' });
  blocks.push(
    s.notAnswered.length === 0
      ? { kind: 'paragraph', text: 'Alle høringsinstansene har svart.' }
      : { kind: 'list', items: s.notAnswered.map((r) => r.name) },
  );
  return { title, subject: 'Sammendrag av høringssvar', author: s.committee.name, footer: title, blocks };
}

/** The sammendrag as PDF/A-2a (A4). */
export function summaryPdf(s: HearingSummary): Promise<Buffer> {
  return renderPdf(summaryPdfModel(s));
}
