import { htmlAsText } from '../../exports';
import type { CaseSection, MinutesDocument } from './minutes.document';

/** A table cell: no raw HTML, no pipes, no line breaks. */
const cell = (text: string) => htmlAsText(text).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');

const table = (head: string[], rows: string[][], align: string[] = head.map(() => '---')) =>
  [
    `| ${head.map(cell).join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');

/**
 * Free text as the referat prints it: paragraphs and their Markdown (numbered vedtak points) kept, raw HTML as text.
 * The referat's free text is the secretariat's; it keeps its formatting, unlike the hearing answers and applications.
 */
const block = (text: string | null | undefined, empty = '') => (text && text.trim() ? htmlAsText(text.trim()) : empty);

function caseSection(c: CaseSection): string {
  const parts = [
    `## Sak ${c.ref} ${c.title}`,
    [
      `**Sak:** ${c.ref} ${c.title}  `,
      `**Utvalg:** ${c.committee}  `,
      `**Dato:** ${c.date}  `,
      `**Saksansvarlig:** ${c.responsible}${c.caseOfficer ? '  ' : ''}`,
      ...(c.caseOfficer ? [`**Saksbehandler:** ${c.caseOfficer}`] : []),
    ].join('\n'),
    `### Forslag til vedtak\n\n${block(c.proposal)}`,
  ];
  if (c.minutesText) parts.push(`### Referat\n\n${block(c.minutesText)}`);
  if (c.inputs.length > 0)
    parts.push(`### Innspill\n\n${c.inputs.map((i) => `- ${htmlAsText(i).replace(/\r?\n/g, '\n  ')}`).join('\n')}`);
  parts.push(`### Vedtak\n\n${block(c.resolution, '*Ikke behandlet.*')}`);
  return parts.join('\n\n');
}

/** The referat in the structure of the seed minutes: header table with attendance, sakliste, then each sak. */
export function minutesMarkdown(doc: MinutesDocument): string {
  const header = table(
    ['Møtedato', 'Møtevarighet', 'Møtested', 'Neste møte', 'Møteleder', 'Referent'],
    [[doc.date, doc.time, doc.place, doc.nextMeeting, doc.chair, doc.minuteTaker]],
  );
  const attendance = table(
    ['', 'Møtte', 'Forfall'],
    doc.attendance.flatMap((g) => [
      [`**${g.heading}**`, '', ''],
      ...g.lines.map((l) => [l.label, l.present, l.absent]),
    ]),
    ['---', ':---:', ':---:'],
  );
  const sakliste = table(
    ['Kl.', 'Saksnr.', 'Saker', 'Ansvarlig', 'Tid'],
    doc.sakliste.map((l) => [
      l.clock,
      l.caseRef,
      [l.title, ...l.details.map((d) => `• ${d}`)].join('\n'),
      l.responsible,
      l.minutes,
    ]),
  );
  return (
    [
      `# ${doc.title}`,
      header,
      attendance,
      '## SAKLISTE',
      [`Utvalg: ${doc.committee.name}  `, `Møtested: ${doc.place}  `, `Møtedato: ${doc.longDate} kl. ${doc.time}`].join(
        '\n',
      ),
      sakliste,
      ...doc.cases.map(caseSection),
    ].join('\n\n') + '\n'
  );
}
