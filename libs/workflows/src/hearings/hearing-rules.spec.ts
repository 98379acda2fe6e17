import { ANSWER, answer, org } from './hearing.fixtures';
import type { HearingContext } from './hearing.model';
import {
  answerProblem,
  extensionGrantable,
  initialContext,
  isQuestionOf,
  notAnswered,
  readyToSend,
  recipientDeadline,
  recordAnswer,
  reminderIsDue,
  signatureWithdrawable,
  withdrawSignature,
} from './hearing-rules';

const DEADLINE = '2024-06-01T21:59:59.000Z';

const context = (extra: Partial<HearingContext> = {}): HearingContext => ({
  ...initialContext({
    hearingId: '20000000-0000-4000-8000-000000000001',
    committee: { code: 'ASU', name: 'ASU' },
    title: 'Ny fagrådsstruktur',
    origin: null,
    proposal: 'Forslag.',
    attachments: [],
    questions: [{ id: 'q1', text: 'Støtter dere forslaget?' }],
    recipients: [1, 2, 3].map((n) => ({
      organisationId: org(n),
      name: `Kommune ${n}`,
      contacts: [{ id: org(n + 10), name: `Post ${n}`, email: `post${n}@example.no` }],
    })),
    deadline: DEADLINE,
    reminderOffsets: ['P3D'],
    acceptLateAnswers: true,
    links: { answer: 'https://samflyt.test/svar', attachments: 'https://api.test/a' },
    linkKey: 'k',
    owner: { id: 'sek', name: 'Sekretariatet', email: null },
  }),
  ...extra,
});

/** Kommune 1 answered jointly with kommune 2. */
const jointlyAnswered = () => {
  const c = context();
  return { ...c, ...recordAnswer(c, answer(org(1), { coSigners: [org(2)] })) };
};

describe('who may answer', () => {
  it('a new answer: version 1, by recipients that have not answered, each named once', () => {
    expect(answerProblem(context(), answer(org(1)))).toBeNull();
    expect(answerProblem(context(), answer(org(1), { version: 2 }))).toBe('a new answer is version 1');
    expect(answerProblem(context(), answer(org(1), { coSigners: [org(1)] }))).toMatch(/named twice/);
    expect(answerProblem(context(), answer(org(9)))).toMatch(/not a recipient/);
    const c = jointlyAnswered();
    expect(answerProblem(c, answer(org(3), { answerId: org(30), coSigners: [org(2)] }))).toMatch(/already answered/);
  });

  it('a change: the lead, one version on, before its deadline', () => {
    const c = jointlyAnswered();
    expect(answerProblem(c, answer(org(1), { version: 2 }))).toBeNull();
    expect(answerProblem(c, answer(org(2), { version: 2 }))).toBe(
      'only the organisation that gave an answer may change it',
    );
    expect(answerProblem(c, answer(org(1), { version: 3 }))).toBe('the next version of this answer is 2');
    expect(answerProblem(c, answer(org(1), { version: 2, late: true }))).toMatch(/until the deadline/);
  });

  it('a late first answer only while late answers are accepted', () => {
    expect(answerProblem(context(), answer(org(1), { late: true }))).toBeNull();
    expect(answerProblem(context({ acceptLateAnswers: false }), answer(org(1), { late: true }))).toBe(
      'the hearing is closed to late answers',
    );
  });
});

describe('joint answers', () => {
  it('an answer counts for every signatory; a version without a co-signer frees it', () => {
    const c = jointlyAnswered();
    expect(c.answeredBy).toEqual({ [org(1)]: ANSWER, [org(2)]: ANSWER });
    expect(notAnswered(c).map((r) => r.organisationId)).toEqual([org(3)]);
    const changed = recordAnswer(c, answer(org(1), { version: 2, coSigners: [org(3)] }));
    expect(changed).toMatchObject({ added: [org(3)], dropped: [org(2)] });
    expect(Object.keys(changed.answeredBy).sort()).toEqual([org(1), org(3)]);
  });

  it('a later version keeps the first version’s lateness and withholding', () => {
    const c = context();
    const first = { ...c, ...recordAnswer(c, answer(org(1), { late: true })) };
    first.answers[ANSWER].withheld = 'offl. § 13';
    expect(recordAnswer(first, answer(org(1), { version: 2 })).answers[ANSWER]).toMatchObject({
      late: true,
      withheld: 'offl. § 13',
    });
  });

  it('only a co-signer withdraws, one version on; afterwards it has not answered', () => {
    const c = jointlyAnswered();
    const withdrawal = {
      type: 'signature.withdrawn',
      answerId: ANSWER,
      organisationId: org(2),
      version: 2,
      reason: null,
    } as const;
    expect(signatureWithdrawable(c, withdrawal)).toBe(true);
    expect(signatureWithdrawable(c, { ...withdrawal, organisationId: org(1) })).toBe(false);
    expect(signatureWithdrawable(c, { ...withdrawal, version: 3 })).toBe(false);
    const after = withdrawSignature(c, withdrawal);
    expect(after.answers[ANSWER]).toMatchObject({ coSigners: [], version: 2, lead: org(1) });
    expect(Object.keys(after.answeredBy)).toEqual([org(1)]);
  });
});

describe('deadlines, extensions and reminders', () => {
  it('an extension is a recipient’s own, later deadline, until it has answered', () => {
    const later = '2024-06-15T21:59:59.000Z';
    expect(extensionGrantable(context(), org(3), later)).toBe(true);
    expect(extensionGrantable(context(), org(3), '2024-05-01T00:00:00.000Z')).toBe(false);
    expect(extensionGrantable(jointlyAnswered(), org(2), later)).toBe(false);
    const extended = context({ extensions: { [org(3)]: { deadline: later, reason: 'x' } } });
    expect(recipientDeadline(extended, org(3))).toBe(later);
    expect(recipientDeadline(extended, org(1))).toBe(DEADLINE);
    expect(reminderIsDue(extended, org(3), DEADLINE)).toBe(false);
    expect(reminderIsDue(extended, org(3), later)).toBe(true);
  });

  it('sending needs a deadline and someone to send to at every recipient', () => {
    expect(readyToSend(context())).toBe(true);
    expect(readyToSend(context({ deadline: null }))).toBe(false);
    expect(readyToSend(context({ recipients: [] }))).toBe(false);
    const noContact = context().recipients.map((r, i) => (i === 0 ? { ...r, contacts: [] } : r));
    expect(readyToSend(context({ recipients: noContact }))).toBe(false);
  });

  it('summary texts are for the hearing’s questions and the whole', () => {
    expect(['q1', 'general', 'q2'].map((q) => isQuestionOf(context(), q))).toEqual([true, true, false]);
  });
});
