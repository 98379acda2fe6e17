import { initialTransition, transition } from 'xstate';
import { type ArmTimersParams, type DisarmTimersParams, type NotifyParams } from '@samflyt/engine';
import { exploreMachine } from '@samflyt/engine/machine-coverage';
import { deadlineWarnings, easterSunday } from './deadline-warnings';
import { answer, org } from './hearing.fixtures';
import { linkExpiry, readLink, recipientLinkKey, signLink, verifyLink } from './hearing-links';
import { hearingMachine } from './hearing.machine';
import type { HearingEvent, HearingInput } from './hearing.model';
import { hearingInput } from './hearing.schemas';
import { hearingWorkflow } from './hearing.workflow';

const contact = (n: number) => `10000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;

const input: HearingInput = {
  hearingId: '20000000-0000-4000-8000-000000000001',
  committee: { code: 'ASU', name: 'Administrativt samarbeidsutvalg' },
  title: 'Ny fagrådsstruktur',
  origin: 'ASU sak 12/24',
  proposal: 'Forslag til struktur.',
  attachments: [],
  questions: [{ id: 'q1', text: 'Støtter dere forslaget?' }],
  recipients: [1, 2, 3].map((n) => ({
    organisationId: org(n),
    name: `Kommune ${n}`,
    contacts: [{ id: contact(n), name: `Postmottak ${n}`, email: `post${n}@example.no` }],
  })),
  deadline: '2024-06-01T21:59:59.000Z',
  reminderOffsets: ['P14D', 'P3D'],
  acceptLateAnswers: true,
  links: { answer: 'https://samflyt.test/hoering/svar', attachments: 'https://api.test/public/hearings/x/attachments' },
  linkKey: Buffer.alloc(32, 1).toString('base64url'),
  owner: { id: 'sek', name: 'Sekretariatet', email: 'sek@example.no' },
};

const open = () => {
  const [s0] = initialTransition(hearingMachine, input);
  return transition(hearingMachine, s0, { type: 'hearing.sent' });
};

describe('hearing machine', () => {
  it('sending invites every recipient and arms the deadline and each recipient’s own reminders', () => {
    const [s, actions] = open();
    expect(s.value).toBe('open');
    const arms = actions.filter((a) => a.type === 'armTimers').map((a) => a.params as ArmTimersParams);
    expect(arms.map((a) => a.group)).toEqual(['deadline', ...[1, 2, 3].map((n) => `recipient:${org(n)}`)]);
    expect(arms[1].timers.map((t) => t.at)).toEqual(['2024-05-18T21:59:59.000Z', '2024-05-29T21:59:59.000Z']);
    const invitations = actions.filter((a) => a.type === 'notify').map((a) => a.params as NotifyParams);
    expect(invitations.map((n) => n.to[0].email)).toEqual(['post1@example.no', 'post2@example.no', 'post3@example.no']);
  });

  it('a joint answer ends the reminders of every signatory and notifies the co-signers', () => {
    const [s] = open();
    const [after, actions] = transition(hearingMachine, s, answer(org(1), { coSigners: [org(2)] }));
    expect(after.context.answeredBy).toEqual({ [org(1)]: expect.any(String), [org(2)]: expect.any(String) });
    const disarmed = actions
      .filter((a) => a.type === 'disarmTimers')
      .map((a) => (a.params as DisarmTimersParams).group);
    expect(disarmed).toEqual([`recipient:${org(1)}`, `recipient:${org(2)}`]);
    const notes = actions.filter((a) => a.type === 'notify').map((a) => (a.params as NotifyParams).template);
    expect(notes).toEqual(['receipt', 'coSigned']);
    // A reminder that was already due for a signatory sends nothing.
    expect(after.can({ type: 'reminder.due', organisationId: org(2), offset: 'P3D', deadline: input.deadline! })).toBe(
      false,
    );
    expect(after.can({ type: 'reminder.due', organisationId: org(3), offset: 'P3D', deadline: input.deadline! })).toBe(
      true,
    );
    // A co-signer cannot answer again, nor be named by another answer.
    expect(after.can(answer(org(2), { answerId: '30000000-0000-4000-8000-000000000002' }))).toBe(false);
    expect(after.can(answer(org(3), { answerId: '30000000-0000-4000-8000-000000000002', coSigners: [org(1)] }))).toBe(
      false,
    );
  });

  it('only the lead changes an answer, one version on, before its deadline; dropping a co-signer re-arms its reminders', () => {
    let [s] = open();
    [s] = transition(hearingMachine, s, answer(org(1), { coSigners: [org(2)] }));
    expect(s.can(answer(org(1), { version: 3 }))).toBe(false);
    expect(s.can(answer(org(1), { version: 2, late: true }))).toBe(false);
    const [after, actions] = transition(hearingMachine, s, answer(org(1), { version: 2 }));
    expect(Object.keys(after.context.answeredBy)).toEqual([org(1)]);
    const armed = actions.filter((a) => a.type === 'armTimers').map((a) => (a.params as ArmTimersParams).group);
    expect(armed).toEqual([`recipient:${org(2)}`]);
  });

  it('a co-signer withdraws its own signature: a version on, its reminders back, the lead told in Norwegian', () => {
    let [s] = open();
    [s] = transition(hearingMachine, s, answer(org(1), { coSigners: [org(2), org(3)] }));
    const withdraw = {
      type: 'signature.withdrawn',
      answerId: '30000000-0000-4000-8000-000000000001',
      organisationId: org(2),
      version: 2,
      reason: 'Kommunestyret vil svare selv',
    } as const;
    expect(s.can({ ...withdraw, organisationId: org(1) })).toBe(false); // the lead changes its answer instead
    expect(s.can({ ...withdraw, version: 3 })).toBe(false);
    const [after, actions] = transition(hearingMachine, s, withdraw);
    expect(after.context.answers[withdraw.answerId]).toMatchObject({ coSigners: [org(3)], version: 2 });
    expect(Object.keys(after.context.answeredBy).sort()).toEqual([org(1), org(3)]);
    expect(after.can(withdraw)).toBe(false); // not twice
    expect(after.can(answer(org(2), { answerId: '30000000-0000-4000-8000-000000000002' }))).toBe(true);
    expect(after.can(answer(org(1), { version: 3, coSigners: [org(3)] }))).toBe(true);
    const armed = actions.filter((a) => a.type === 'armTimers').map((a) => a.params as ArmTimersParams);
    expect(armed.map((a) => [a.group, a.timers.length])).toEqual([[`recipient:${org(2)}`, 2]]);
    const notes = actions.filter((a) => a.type === 'notify').map((a) => a.params as NotifyParams);
    expect(notes.map((n) => [n.template, n.to[0].email])).toEqual([
      ['signatureWithdrawn', 'post1@example.no'],
      ['ownSignatureWithdrawn', 'post2@example.no'],
    ]);
    const mail = hearingWorkflow.templates.signatureWithdrawn(after.context, {
      ...notes[0].data,
      recipient: { email: 'post1@example.no', name: 'Postmottak 1' },
    });
    expect(mail.subject).toBe('Kommune 2 har trukket seg fra det felles høringssvaret – Ny fagrådsstruktur');
    expect(mail.text).toContain('Svaret gjelder nå for Kommune 1 sammen med Kommune 3');
    expect(mail.text).toContain('versjon 2');
    expect(mail.text).toContain('Begrunnelse: Kommunestyret vil svare selv');
    expect(mail.text).toContain('innen sin frist, 1. juni 2024 kl. 23.59');
  });

  it('an extension moves one recipient’s reminders; stale reminders of the old deadline are refused', () => {
    const [s] = open();
    const later = '2024-06-15T21:59:59.000Z';
    const ext = {
      type: 'extension.granted',
      organisationId: org(3),
      deadline: later,
      reason: 'Kommunestyret',
    } as const;
    const [after, actions] = transition(hearingMachine, s, ext);
    expect(actions.map((a) => a.type)).toEqual(['disarmTimers', 'armTimers', 'notify']);
    expect((actions[1].params as ArmTimersParams).timers.map((t) => t.at)).toEqual([
      '2024-06-01T21:59:59.000Z',
      '2024-06-12T21:59:59.000Z',
    ]);
    expect(after.can({ type: 'reminder.due', organisationId: org(3), offset: 'P3D', deadline: input.deadline! })).toBe(
      false,
    );
    expect(after.can({ ...ext, deadline: '2024-06-10T00:00:00.000Z' })).toBe(false);
  });

  it('late answers are accepted until the secretariat closes the hearing to them', () => {
    let [s] = open();
    [s] = transition(hearingMachine, s, { type: 'deadline.passed' });
    expect(s.value).toBe('closed');
    expect(s.can(answer(org(1), { late: true }))).toBe(true);
    [s] = transition(hearingMachine, s, { type: 'lateAnswers.closed' });
    expect(s.can(answer(org(1), { late: true }))).toBe(false);
  });

  it('every state is reachable and every transition exercised', () => {
    const ans = answer(org(1));
    const coverage = exploreMachine(hearingMachine, {
      input,
      events: [
        { type: 'hearing.updated', title: 'Ny tittel' },
        { type: 'hearing.sent' },
        ans,
        { type: 'signature.withdrawn', answerId: ans.answerId, organisationId: org(2), version: 2, reason: null },
        { type: 'answer.withheld', answerId: ans.answerId, reason: 'offl. § 13' },
        { type: 'answer.released', answerId: ans.answerId },
        { type: 'extension.granted', organisationId: org(2), deadline: '2024-07-01T00:00:00.000Z', reason: 'x' },
        { type: 'lateAnswers.closed' },
        { type: 'lateAnswers.reopened' },
        { type: 'reminder.due', organisationId: org(3), offset: 'P3D', deadline: input.deadline! },
        { type: 'link.reissued', organisationId: org(3) },
        { type: 'deadline.passed' },
        { type: 'summary.started' },
        { type: 'summary.textRecorded', questionId: 'q1', text: 'Sammendrag.' },
        { type: 'hearing.presented', caseId: input.hearingId, caseRef: '31/24', meetingId: null },
        { type: 'hearing.concluded', conclusion: 'Vedtatt.' },
        { type: 'hearing.withdrawn', reason: 'Feil.' },
      ] as HearingEvent[],
    });
    expect(coverage.reachedStates).toEqual(coverage.declaredStates);
    const missing = coverage.declaredTransitions.filter(
      (t) =>
        !coverage.exercisedTransitions.includes(t) &&
        !t.endsWith('|answer.withheld') &&
        !t.endsWith('|signature.withdrawn') && // needs a joint answer: its own test above
        !t.endsWith('|coSignature.confirmed') && // needs a pending co-signer: its own test above
        !t.endsWith('|answer.released'),
    );
    expect(missing).toEqual([]);
    expect(Object.keys(hearingWorkflow.events).sort()).toEqual(
      [...new Set(coverage.declaredTransitions.map((t) => t.split('|')[1]))].sort(),
    );
  });

  it('a co-signer named through a link is pending until it confirms, and is asked once per answer', () => {
    const [s] = open();
    const named = answer(org(1), { pendingCoSigners: [org(2)] });
    const [pending, actions] = transition(hearingMachine, s, named);
    expect(pending.context.answeredBy).toEqual({ [org(1)]: named.answerId });
    const asked = actions.filter((a) => a.type === 'notify').map((a) => (a.params as NotifyParams).key);
    expect(asked).toEqual([`receipt:${named.answerId}:v1`, `cosign-request:${named.answerId}:${org(2)}`]);
    const confirm = { type: 'coSignature.confirmed', answerId: named.answerId, organisationId: org(2), version: 2 };
    expect(pending.can({ ...confirm, organisationId: org(3) } as HearingEvent)).toBe(false);
    expect(pending.can({ ...confirm, version: 3 } as HearingEvent)).toBe(false);
    const [signed, confirmed] = transition(hearingMachine, pending, confirm as HearingEvent);
    expect(signed.context.answers[named.answerId]).toMatchObject({
      coSigners: [org(2)],
      pendingCoSigners: [],
      version: 2,
    });
    expect(signed.context.answeredBy[org(2)]).toBe(named.answerId);
    expect(confirmed.filter((a) => a.type === 'notify').map((a) => (a.params as NotifyParams).template)).toEqual([
      'coSignatureConfirmed',
      'coSigned',
    ]);
  });

  it('re-issuing a link signs that recipient’s links with a new key and mails the new one', () => {
    const [s] = open();
    const [after, actions] = transition(hearingMachine, s, { type: 'link.reissued', organisationId: org(2) });
    expect(after.context.linkGenerations).toEqual({ [org(2)]: 1 });
    const notes = actions.filter((a) => a.type === 'notify').map((a) => a.params as NotifyParams);
    expect(notes).toEqual([expect.objectContaining({ key: `link:${org(2)}:1`, template: 'newLink' })]);
    const token = /#token=([\w-]+)/.exec(
      hearingWorkflow.templates.newLink(after.context, {
        organisationId: org(2),
        recipient: { email: 'post2@example.no' },
      }).text,
    )![1];
    const now = new Date('2024-05-01');
    expect(verifyLink(input.linkKey, token, now)).toMatchObject({ ok: false, reason: 'forged' });
    expect(verifyLink(recipientLinkKey(input.linkKey, org(2), 1), token, now)).toMatchObject({ ok: true });
    expect(recipientLinkKey(input.linkKey, org(2), 0)).toBe(input.linkKey);
    expect(recipientLinkKey(input.linkKey, org(2), 2)).not.toBe(recipientLinkKey(input.linkKey, org(3), 2));
    expect(s.can({ type: 'link.reissued', organisationId: '20000000-0000-4000-8000-00000000dead' })).toBe(false);
  });

  it('the input schema refuses repeated recipients and a reserved question id', () => {
    expect(hearingInput.safeParse(input).success).toBe(true);
    expect(hearingInput.safeParse({ ...input, recipients: [input.recipients[0], input.recipients[0]] }).success).toBe(
      false,
    );
    expect(hearingInput.safeParse({ ...input, questions: [{ id: 'general', text: 'x' }] }).success).toBe(false);
  });
});

describe('personal links', () => {
  const key = Buffer.alloc(32, 9).toString('base64url');
  const claims = {
    hearingId: input.hearingId,
    organisationId: org(1),
    contactId: contact(1),
    expiresAt: 2_000_000_000,
  };

  it('round-trips, and refuses a changed byte, another key and an expired link', () => {
    const token = signLink(key, claims);
    expect(readLink(token)).toEqual(claims);
    expect(verifyLink(key, token, new Date('2030-01-01'))).toEqual({ ok: true, claims });
    const bytes = Buffer.from(token, 'base64url');
    bytes[20] ^= 1;
    expect(verifyLink(key, bytes.toString('base64url'), new Date('2030-01-01'))).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(verifyLink(Buffer.alloc(32, 8).toString('base64url'), token, new Date('2030-01-01')).ok).toBe(false);
    expect(verifyLink(key, token, new Date('2034-01-01'))).toEqual({ ok: false, reason: 'expired' });
    expect(verifyLink(key, 'x'.repeat(94), new Date())).toEqual({ ok: false, reason: 'malformed' });
  });

  it('expires 90 days after the recipient’s deadline', () => {
    expect(new Date(linkExpiry('2024-06-01T21:59:59.000Z') * 1000).toISOString()).toBe('2024-08-30T21:59:59.000Z');
  });

  it('the invitation carries a link for its own contact', () => {
    const [s] = open();
    const text = hearingWorkflow.templates.invitation(s.context, {
      organisationId: org(2),
      recipient: { email: 'post2@example.no', name: 'Postmottak 2' },
    }).text;
    const token = /#token=([A-Za-z0-9_-]+)/.exec(text)![1];
    expect(readLink(token)).toMatchObject({ organisationId: org(2), contactId: contact(2) });
    expect(text).toContain('høringsfrist 1. juni 2024 kl. 23.59');
    expect(text).not.toMatch(/kl\. \d\d:\d\d/);
  });
});

describe('deadline warnings (utredningsinstruksen 3-3)', () => {
  const codes = (from: string, to: string) => deadlineWarnings(from, to).map((w) => w.code);

  it('Easter Sunday', () => {
    expect(['2024', '2025', '2026'].map((y) => easterSunday(Number(y)).toISODate())).toEqual([
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
    ]);
  });

  it('the hearing of sak 12/24 (18 April to 1 June 2024): over six weeks, under the normal three months', () => {
    expect(codes('2024-04-18T10:00:00+02:00', '2024-06-01T23:59:59+02:00')).toEqual(['under-three-months']);
  });

  it('under six weeks is warned', () => {
    expect(codes('2024-04-18T10:00:00+02:00', '2024-05-20T23:59:59+02:00')).toEqual(['under-six-weeks']);
  });

  it('three months or more, outside holidays: nothing to say', () => {
    expect(codes('2024-02-01T10:00:00+01:00', '2024-05-15T23:59:59+02:00')).toEqual([]);
  });

  it('summer, Easter and Christmas without extra time are warned', () => {
    expect(codes('2024-06-10T10:00:00+02:00', '2024-08-01T23:59:59+02:00')).toEqual(['under-three-months', 'summer']);
    expect(codes('2025-03-10T10:00:00+01:00', '2025-04-25T23:59:59+02:00')).toEqual(['under-three-months', 'easter']);
    expect(codes('2024-11-20T10:00:00+01:00', '2025-01-10T23:59:59+01:00')).toEqual([
      'under-three-months',
      'christmas',
    ]);
  });

  it('a summer hearing with the holiday on top is not warned about the summer', () => {
    expect(codes('2024-05-15T10:00:00+02:00', '2024-08-20T23:59:59+02:00')).toEqual([]);
  });
});
