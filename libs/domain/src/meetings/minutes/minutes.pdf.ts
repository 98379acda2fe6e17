import { renderPdf, type PdfBlock, type PdfModel } from '../../documents';
import type { CaseSection, MinutesDocument } from './minutes.document';

function caseSection(c: CaseSection): PdfBlock[] {
  return [
    { kind: 'spacer', lines: 0.5 },
    { kind: 'heading', level: 2, text: 'MØTEREFERAT', keepWithNext: 180 },
    {
      kind: 'keyValue',
      entries: [
        ['Sak', `${c.ref} ${c.title}`],
        ['Utvalg', c.committee],
        ['Dato', c.date],
        ['Saksansvarlig', c.responsible],
        ...(c.caseOfficer ? [['Saksbehandler', c.caseOfficer] as [string, string]] : []),
      ],
    },
    { kind: 'heading', level: 3, text: 'Forslag til vedtak' },
    { kind: 'paragraph', text: c.proposal },
    ...(c.minutesText
      ? [{ kind: 'heading', level: 3, text: 'Referat' } as const, { kind: 'paragraph', text: c.minutesText } as const]
      : []),
    ...(c.inputs.length > 0
      ? [{ kind: 'heading', level: 3, text: 'Innspill' } as const, { kind: 'list', items: c.inputs } as const]
      : []),
    { kind: 'heading', level: 3, text: 'Vedtak' },
    { kind: 'paragraph', text: c.resolution ?? 'Ikke behandlet.' },
  ];
}

/** The referat as a document model: the meeting's table, attendance, sakliste, then one section per case. */
export function minutesPdfModel(m: MinutesDocument): PdfModel {
  return {
    title: `${m.title} ${m.longDate}`,
    subject: 'Møtereferat',
    author: m.committee.name,
    footer: `Referat ${m.committee.code} ${m.date}`,
    blocks: [
      { kind: 'heading', level: 1, text: m.title },
      {
        kind: 'table',
        header: ['Møtedato', 'Møtevarighet', 'Møtested', 'Neste møte', 'Møteleder', 'Referent'],
        rows: [[m.date, m.time, m.place, m.nextMeeting, m.chair, m.minuteTaker]],
      },
      {
        kind: 'table',
        header: ['Deltaker', 'Møtte', 'Forfall'],
        widths: [355, 80, 60],
        rows: m.attendance.flatMap((g) => [{ span: g.heading }, ...g.lines.map((l) => [l.label, l.present, l.absent])]),
      },
      { kind: 'heading', level: 2, text: 'SAKLISTE' },
      {
        kind: 'keyValue',
        entries: [
          ['Utvalg', m.committee.name],
          ['Møtested', m.place],
          ['Møtedato', `${m.longDate} kl. ${m.time}`],
        ],
      },
      {
        kind: 'table',
        header: ['Kl.', 'Saksnr.', 'Saker', 'Ansvarlig', 'Tid'],
        widths: [62, 58, 233, 110, 32],
        rows: m.sakliste.map((l) => [
          l.clock,
          l.caseRef,
          [l.title, ...l.details.map((d) => `• ${d}`)].join('\n'),
          l.responsible,
          l.minutes,
        ]),
      },
      ...m.cases.flatMap(caseSection),
    ],
  };
}

/** The referat as PDF/A-2a (A4). */
export function minutesPdf(m: MinutesDocument): Promise<Buffer> {
  return renderPdf(minutesPdfModel(m));
}
