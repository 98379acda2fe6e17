import { buildSummary, type SummarySource } from './hearing-summary';
import { summaryCsv, summaryMarkdown } from './summary-documents';
import type { AnswerRow, RecipientRow, SignatoryRow } from './hearings.repository';

const at = new Date('2024-05-20T10:00:00Z');
const recipient = (organisationId: string, name: string, deadline: Date | null = null): RecipientRow => ({
  organisationId,
  name,
  kind: 'kommune',
  contacts: [],
  deadline,
  extensionReason: null,
});
const signatory = (organisationId: string, name: string, answerId: string, lead: boolean): SignatoryRow => ({
  organisationId,
  name,
  answerId,
  lead,
  late: false,
  signedAt: at,
});
const answer = (id: string, extra: Partial<AnswerRow>): AnswerRow => ({
  id,
  organisationId: '',
  organisationName: '',
  version: 1,
  late: false,
  withheldReason: null,
  submittedAt: at,
  updatedAt: at,
  text: '',
  questionAnswers: [],
  attachmentIds: [],
  coSigners: [],
  pendingCoSigners: [],
  ...extra,
});

const source: SummarySource = {
  row: { id: 'h', state: 'summary' },
  context: {
    title: 'Ny fagrådsstruktur',
    origin: null,
    committee: { code: 'ASU', name: 'ASU' },
    deadline: '2024-06-01T21:59:59.000Z',
    questions: [{ id: 'struktur', text: 'Struktur?' }],
  },
  recipients: [
    recipient('t', 'Trondheim kommune'),
    recipient('m', 'Malvik kommune'),
    recipient('s', 'St. Olavs hospital HF'),
    recipient('r', 'Røros kommune', new Date('2024-06-15T21:59:59Z')),
  ],
  signatories: [
    signatory('t', 'Trondheim kommune', 'a1', true),
    signatory('m', 'Malvik kommune', 'a1', false),
    signatory('s', 'St. Olavs hospital HF', 'a2', true),
  ],
  answers: [
    answer('a1', {
      text: 'Felles svar.',
      questionAnswers: [{ questionId: 'struktur', text: 'Ja.' }],
      coSigners: ['m'],
      attachmentIds: ['f1', 'f9'],
    }),
    answer('a2', {
      text: '',
      questionAnswers: [{ questionId: 'struktur', text: 'Nei.' }],
      late: true,
      withheldReason: 'offl. § 13',
    }),
  ],
  texts: { struktur: 'Delte meninger.' },
  files: [{ id: 'f1', filename: 'vedtak.pdf' } as SummarySource['files'][number]],
};

describe('the sammendrag', () => {
  const s = buildSummary(source);

  it('groups the answers per question and the whole, with who signed together', () => {
    expect(s.questions.map((q) => [q.id, q.summary, q.answers.map((a) => [a.by, a.text, a.withheld])])).toEqual([
      [
        'struktur',
        'Delte meninger.',
        [
          ['Trondheim kommune (sammen med Malvik kommune)', 'Ja.', false],
          ['St. Olavs hospital HF', 'Nei.', true],
        ],
      ],
      ['general', null, [['Trondheim kommune (sammen med Malvik kommune)', 'Felles svar.', false]]],
    ]);
    expect(s.answers[0].attachments).toEqual(['vedtak.pdf']);
  });

  it('counts answers, joint ones, late and withheld, and names who did not answer with their own deadline', () => {
    expect(s.counts).toEqual({
      recipients: 4,
      answered: 3,
      notAnswered: 1,
      answers: 2,
      jointAnswers: 1,
      late: 1,
      withheld: 1,
    });
    expect(s.notAnswered).toEqual([{ id: 'r', name: 'Røros kommune', deadline: '2024-06-15T21:59:59.000Z' }]);
  });

  it('as Markdown and CSV, withheld answers marked and their text left out', () => {
    const md = summaryMarkdown(s);
    expect(md).toContain('### St. Olavs hospital HF (for sent mottatt, unntatt offentlighet)');
    expect(md).toContain('_Svaret er unntatt offentlighet._');
    expect(md).not.toContain('Nei.');
    expect(md).toContain('- Røros kommune');
    const csv = summaryCsv(s);
    expect(csv.split('\n')[0]).toBe(
      '\ufeffsporsmal_id;sporsmal;svar_fra;medunderskrivere;for_sent;unntatt_offentlighet;mottatt;versjon;svar',
    );
    expect(csv).not.toContain('Nei.');
  });
});
