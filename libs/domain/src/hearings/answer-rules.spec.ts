import type { HearingContext } from '@samflyt/workflows';
import { answerRefusal, answersArePublic, canAnswer, checkedAnswer, recipientMayDownload } from './answer-rules';
import type { AttachmentRow, RecipientStatus, SignatoryRow } from './hearings.repository';

const TRONDHEIM = 't';
const MALVIK = 'm';
const MELHUS = 'h';

const context = {
  questions: [{ id: 'struktur', text: 'Struktur?' }],
  recipients: [TRONDHEIM, MALVIK, MELHUS].map((organisationId) => ({
    organisationId,
    name: organisationId,
    contacts: [],
  })),
  answeredBy: { [MELHUS]: 'melhus-svar' },
} as unknown as HearingContext;

const signatory = (organisationId: string, lead: boolean, answerId = 'felles'): SignatoryRow => ({
  organisationId,
  name: `${organisationId} kommune`,
  answerId,
  lead,
  late: false,
  signedAt: new Date(),
});
const timely: RecipientStatus = { deadline: new Date('2024-06-01T21:59:59Z'), extended: false, late: false };
const late: RecipientStatus = { ...timely, late: true };
const open = { state: 'open', acceptLateAnswers: true };

describe('an answer', () => {
  it('says something, answers the hearing’s own questions once, and names other recipients that are free', () => {
    expect(checkedAnswer(context, TRONDHEIM, { text: '  Svar.  ', coSigners: [MALVIK] })).toEqual({
      text: 'Svar.',
      answers: [],
      coSigners: [MALVIK],
      attachmentIds: [],
    });
    expect(checkedAnswer(context, TRONDHEIM, { answers: [{ questionId: 'struktur', text: ' Ja ' }] }).answers).toEqual([
      { questionId: 'struktur', text: 'Ja' },
    ]);
    const refused = (body: Parameters<typeof checkedAnswer>[2]) => {
      try {
        checkedAnswer(context, TRONDHEIM, body);
      } catch (error) {
        return (error as { details: { errors: { field: string }[] } }).details.errors.map((e) => e.field);
      }
      return [];
    };
    expect(refused({ text: ' ' })).toEqual(['text']);
    expect(refused({ text: 'x', answers: [{ questionId: 'general', text: 'x' }] })).toEqual(['answers.0.questionId']);
    expect(
      refused({
        text: 'x',
        answers: [
          { questionId: 'struktur', text: 'a' },
          { questionId: 'struktur', text: 'b' },
        ],
      }),
    ).toEqual(['answers']);
    expect(refused({ text: 'x', coSigners: [TRONDHEIM, 'ukjent', MELHUS, MALVIK, MALVIK] })).toEqual([
      'coSigners.0',
      'coSigners.1',
      'coSigners.2',
      'coSigners',
    ]);
  });

  it('is changed by its lead before the deadline; a co-signer changes nothing', () => {
    const joint = [signatory(TRONDHEIM, true), signatory(MALVIK, false)];
    expect(answerRefusal(joint, TRONDHEIM, timely, open)).toBeNull();
    expect(answerRefusal(joint, MALVIK, timely, open)).toMatchObject({ code: 'conflict' });
    expect(answerRefusal(joint, MALVIK, timely, open)?.message).toContain('joint answer of t kommune');
    expect(answerRefusal(joint, TRONDHEIM, late, open)?.message).toContain('can be changed until the deadline');
  });

  it('after the deadline a first answer is taken, marked late, unless late answers are refused', () => {
    expect(answerRefusal([], MELHUS, late, open)).toBeNull();
    expect(answerRefusal([], MELHUS, late, { state: 'closed', acceptLateAnswers: false })).toMatchObject({
      code: 'rule-violated',
      details: { state: 'closed' },
    });
  });

  it('what a recipient’s answer page offers', () => {
    const lead = signatory(TRONDHEIM, true);
    expect(canAnswer(null, timely, open)).toBe(true);
    expect(canAnswer(null, late, { state: 'summary', acceptLateAnswers: true })).toBe(true);
    expect(canAnswer(null, late, { state: 'closed', acceptLateAnswers: false })).toBe(false);
    expect(canAnswer(lead, timely, open)).toBe(true);
    expect(canAnswer(lead, late, open)).toBe(false);
    expect(canAnswer(signatory(MALVIK, false), timely, open)).toBe(false);
    expect(canAnswer(null, timely, { state: 'presented', acceptLateAnswers: true })).toBe(false);
  });
});

describe('who reads which file', () => {
  const file = (extra: Partial<AttachmentRow>): AttachmentRow => ({
    id: 'f',
    hearingId: 'h',
    answerOrganisationId: null,
    answerId: null,
    inProposal: false,
    filename: 'f.pdf',
    mediaType: 'application/pdf',
    size: 1,
    sha256: '',
    uploadedAt: new Date(),
    ...extra,
  });

  it('a recipient: the proposal’s, its own uploads, and the files of answers it signed', () => {
    expect(recipientMayDownload(file({ inProposal: true }), MALVIK, new Set())).toBe(true);
    expect(recipientMayDownload(file({ answerOrganisationId: MALVIK }), MALVIK, new Set())).toBe(true);
    expect(
      recipientMayDownload(file({ answerOrganisationId: TRONDHEIM, answerId: 'felles' }), MALVIK, new Set(['felles'])),
    ).toBe(true);
    expect(
      recipientMayDownload(file({ answerOrganisationId: TRONDHEIM, answerId: 'annet' }), MALVIK, new Set(['felles'])),
    ).toBe(false);
  });

  it('the public: answers once the hearing has closed', () => {
    expect(['open', 'closed', 'summary', 'presented', 'concluded', 'withdrawn'].map(answersArePublic)).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
    ]);
  });
});
