import { norwegianDateTime } from '@samflyt/engine';
import {
  DISAGREEMENT_POINTS,
  innstillingOf,
  kroner,
  totalOf,
  type InnstillingLine,
  type RoundContext,
} from '@samflyt/workflows';
import { renderPdf, type PdfBlock, type PdfModel } from '../documents';
import { markdownText, safeCsv } from '../exports';

const points = (n: number | null) => (n === null ? '–' : n.toFixed(1).replace('.', ','));

const REASON: Record<string, string> = {
  funded: 'innenfor rammen',
  trimmed: 'avkortet til restrammen',
  'no-room': 'ikke plass innenfor rammen',
  'below-threshold': 'under kvalitetsterskelen',
  unscored: 'ikke vurdert',
};

interface Sections {
  title: string;
  intro: string[];
  table: string[][];
  notes: string[];
  scorers: string[];
  recusals: string[];
  adjustments: string[];
}

/** `t` writes user text (titles, names, reasons): escaped for Markdown, as it is for the PDF. */
function sections(c: RoundContext, t: (text: string) => string = (text) => text): Sections {
  const lines: InnstillingLine[] = innstillingOf(c);
  const nameOf = (id: string) => c.scorers.find((s) => s.personId === id)?.name ?? id;
  return {
    title: `Innstilling: ${t(c.title)}`,
    intro: [
      `Fra ${t(c.reviewingCommittee)} til ${t(c.decidingCommittee)}. Ramme: ${kroner(c.budget)}; beløp per søknad ${kroner(c.minAmount)}–${kroner(c.maxAmount)}.`,
      `Vurderingsfrist: ${norwegianDateTime(c.scoringDeadline)}. ${c.applications.length} søknader vurdert; foreslått tildelt ${kroner(totalOf(lines))}.`,
      'Fordelingsregel: rangert etter vektet poengsum (0–100). Søknadene får i rekkefølge søkt beløp, begrenset til maksimalbeløpet; ' +
        'en søknad som ikke får plass, får restrammen dersom den er minst minstebeløpet og minst halvparten av søknaden, ellers går den ut. ' +
        'Slik prioriteres færre, større prosjekter (ASU sak 30/24).',
    ],
    table: [
      ['Nr.', 'Søker', 'Prosjekt', 'Poeng', 'Spredning', 'Søkt', 'Innstilt', 'Merknad'],
      ...lines.map((l) => [
        String(l.rank),
        t(l.organisation),
        t(l.title),
        points(l.score),
        `${points(l.spread)}${l.disagreement ? ' (stor uenighet)' : ''}`,
        kroner(l.requested),
        kroner(l.amount),
        l.adjustment
          ? `endret av AU (${kroner(l.adjustment.fromAmount)}, nr. ${l.adjustment.fromRank})`
          : REASON[l.reason],
      ]),
    ],
    notes: lines
      .filter((l) => l.disagreement)
      .map(
        (l) =>
          `«${t(l.title)}»: spredning på ${points(l.spread)} poeng mellom vurdererne (${DISAGREEMENT_POINTS} eller mer regnes som stor uenighet).`,
      ),
    scorers: c.scorers.map((s) => {
      const missing = c.nonScorers.find((n) => n.personId === s.personId);
      return `${t(s.name)}${missing ? ` – vurderte ikke ${missing.missing.length} søknad(er)` : ''}`;
    }),
    recusals: c.recusals.map((r) => {
      const app = c.applications.find((a) => a.applicationId === r.applicationId);
      return `${t(r.name)} var inhabil i «${t(app?.title ?? r.applicationId)}» (${t(r.reason)}); poengsummen bygger på de andres vurdering.`;
    }),
    adjustments: c.adjustments.map((a) => {
      const app = c.applications.find((x) => x.applicationId === a.applicationId);
      return `«${t(app?.title ?? a.applicationId)}»: ${kroner(a.amount)}${a.rank ? `, nr. ${a.rank}` : ''} – ${t(a.reason)} (${t(nameOf(a.by.id) === a.by.id ? a.by.name : nameOf(a.by.id))})`;
    }),
  };
}

const list = (items: string[], empty: string) => (items.length ? items.map((i) => `- ${i}`).join('\n') : empty);

export function innstillingMarkdown(c: RoundContext): string {
  const s = sections(c, markdownText);
  // Cells come escaped (pipes too); a line break would end the row.
  const row = (cells: string[]) => `| ${cells.map((x) => x.replace(/\r?\n/g, ' ')).join(' | ')} |`;
  return [
    `# ${s.title}`,
    '',
    ...s.intro.flatMap((p) => [p, '']),
    '## Rangering og foreslått fordeling',
    '',
    row(s.table[0]),
    row(s.table[0].map(() => '---')),
    ...s.table.slice(1).map(row),
    '',
    ...(s.notes.length ? ['## Stor uenighet', '', list(s.notes, ''), ''] : []),
    '## Endringer fra arbeidsutvalget',
    '',
    list(s.adjustments, 'Ingen endringer fra den beregnede fordelingen.'),
    '',
    '## Vurderere',
    '',
    list(s.scorers, 'Ingen.'),
    '',
    '## Inhabilitet',
    '',
    list(s.recusals, 'Ingen meldte seg inhabile.'),
    '',
  ].join('\n');
}

/** The innstilling as a document model: the same sections as the Markdown. */
export function innstillingPdfModel(c: RoundContext): PdfModel {
  const s = sections(c);
  const part = (heading: string, items: string[], empty: string): PdfBlock[] => [
    { kind: 'heading', level: 2, text: heading },
    items.length ? { kind: 'list', items } : { kind: 'paragraph', text: empty },
  ];
  return {
    title: s.title,
    subject: 'Innstilling',
    author: c.reviewingCommittee,
    footer: s.title,
    margin: 40,
    blocks: [
      { kind: 'heading', level: 1, text: s.title },
      ...s.intro.map((text): PdfBlock => ({ kind: 'paragraph', text })),
      { kind: 'heading', level: 2, text: 'Rangering og foreslått fordeling' },
      {
        kind: 'table',
        header: s.table[0],
        rows: s.table.slice(1),
        widths: [24, 80, 120, 36, 60, 56, 56, 83],
        size: 8,
      },
      ...(s.notes.length ? part('Stor uenighet', s.notes, '') : []),
      ...part('Endringer fra arbeidsutvalget', s.adjustments, 'Ingen endringer fra den beregnede fordelingen.'),
      ...part('Vurderere', s.scorers, 'Ingen.'),
      ...part('Inhabilitet', s.recusals, 'Ingen meldte seg inhabile.'),
    ],
  };
}

/** The innstilling as PDF/A-2a (A4). */
export function innstillingPdf(c: RoundContext): Promise<Buffer> {
  return renderPdf(innstillingPdfModel(c));
}

/** One row per application and scorer (and one per application without scores): for a spreadsheet. */
export function roundCsv(
  c: RoundContext,
  apps: {
    id: string;
    title: string;
    organisation_name: string;
    requested_amount: string;
    state: string;
    granted_amount: string | null;
  }[],
): string {
  const lines = new Map(innstillingOf(c).map((l) => [l.applicationId, l]));
  const rows: unknown[][] = [
    [
      'application_id',
      'organisation',
      'title',
      'requested',
      'state',
      'rank',
      'score',
      'spread',
      'recommended',
      'granted',
      'scorer',
      'scorer_score',
      ...c.criteria.map((k) => `criterion_${k.key}`),
      'comment',
      'inhabil',
    ],
  ];
  for (const a of apps) {
    const l = lines.get(a.id);
    const base = [
      a.id,
      a.organisation_name,
      a.title,
      a.requested_amount,
      a.state,
      l?.rank ?? '',
      l?.score ?? '',
      l?.spread ?? '',
      l?.amount ?? '',
      a.granted_amount ?? '',
    ];
    const sheets = Object.entries(c.sheets[a.id] ?? {});
    const recused = c.recusals
      .filter((r) => r.applicationId === a.id)
      .map((r) => r.name)
      .join('; ');
    if (sheets.length === 0) rows.push([...base, '', '', ...c.criteria.map(() => ''), '', recused]);
    for (const [scorerId, sheet] of sheets) {
      const name = c.scorers.find((s) => s.personId === scorerId)?.name ?? scorerId;
      const own = l?.scorerScores.find((s) => s.scorerId === scorerId)?.score ?? '';
      rows.push([...base, name, own, ...c.criteria.map((k) => sheet.scores[k.key] ?? ''), sheet.comment, recused]);
    }
  }
  return safeCsv(rows);
}
