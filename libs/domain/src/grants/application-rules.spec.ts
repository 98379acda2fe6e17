import { DomainError, ErrorCode } from '@samflyt/engine';
import type { ApplicationContext, RoundContext } from '@samflyt/workflows';
import {
  appealCase,
  appealCaseRefusal,
  applicationInputOf,
  attachmentsClosed,
  callClosed,
  explainState,
  formalCheckEvent,
  incompleteRefusal,
  safeFilename,
  submittedTooLate,
} from './application-rules';

const closesAt = '2030-02-01T11:00:00.000Z';
const form = [
  { key: 'beskrivelse', label: 'Beskrivelse', type: 'text' as const, required: true },
  { key: 'tema', label: 'Tema', type: 'choice' as const, required: true, options: ['Rekruttering', 'Samhandling'] },
];
const application = (over: Partial<ApplicationContext> = {}) =>
  ({
    title: 'Prosjekt',
    requestedAmount: 300_000,
    answers: { beskrivelse: 'Tverrfaglig team', tema: 'Samhandling' },
    round: { title: 'Tilskudd', closesAt, form, decidingCommittee: 'ASU' },
    organisation: { id: 'org', name: 'Oppdal kommune' },
    appeal: null,
    ...over,
  }) as ApplicationContext;
const officer = { id: 'sek', name: 'Sekretariatet', roles: ['secretariat'] };

describe('a new application', () => {
  it('copies what the call says, and the applicant with the organisation’s e-mail when the login has none', () => {
    const round = { id: 'r', instance_id: 'ri' };
    const c = { title: 'Tilskudd', closesAt, form, applicantReminderOffsets: ['P7D'], createdBy: officer } as never;
    const input = applicationInputOf(
      round,
      c as RoundContext,
      { id: 'p1', name: 'Olga', roles: [] },
      { id: 'org', name: 'Oppdal kommune', email: 'post@oppdal.test' },
      { title: 'Prosjekt', requestedAmount: 300_000, answers: null },
      'a1',
    );
    expect(input).toMatchObject({
      applicationId: 'a1',
      round: { roundId: 'r', instanceId: 'ri', title: 'Tilskudd', closesAt, reminderOffsets: ['P7D'] },
      applicant: { personId: 'p1', name: 'Olga', email: 'post@oppdal.test' },
      organisation: { id: 'org', name: 'Oppdal kommune' },
      answers: {},
    });
  });
});

describe('submission', () => {
  it('is too late for a draft after the closing time, not for what is already in', () => {
    const after = new Date('2030-02-01T11:00:01Z');
    expect(submittedTooLate('draft', closesAt, after)).toBe(true);
    expect(submittedTooLate('notSubmitted', closesAt, after)).toBe(true);
    expect(submittedTooLate('draft', closesAt, new Date('2030-02-01T10:59:59Z'))).toBe(false);
    expect(submittedTooLate('infoRequested', closesAt, after)).toBe(false);
    expect(callClosed(closesAt, 'draft')).toMatchObject({
      code: ErrorCode.EventNotAllowed,
      details: { state: 'draft', allowedEvents: [], closedAt: closesAt },
    });
    expect(callClosed(closesAt, 'draft').message).toContain('The call closed at 2030-02-01T11:00:00.000Z');
  });

  it('needs every required field, a title and an amount', () => {
    expect(incompleteRefusal(application(), 'draft')).toBeNull();
    const refused = incompleteRefusal(application({ title: ' ', requestedAmount: 0, answers: {} }), 'draft');
    expect(refused).toMatchObject({ code: ErrorCode.RuleViolated, details: { state: 'draft' } });
    expect(refused?.details.errors?.map((e) => e.field)).toEqual([
      'answers.beskrivelse',
      'answers.tema',
      'title',
      'requestedAmount',
    ]);
  });

  it('takes attachments to a draft or while information is requested', () => {
    expect(attachmentsClosed('draft')).toBeNull();
    expect(attachmentsClosed('infoRequested')).toBeNull();
    expect(attachmentsClosed('submitted')?.message).toBe(
      'The application is submitted; attachments are added to a draft',
    );
  });

  it('stores file names with letters, digits and a few marks only', () => {
    expect(safeFilename('Budsjett 2025 (ny)/../x.pdf')).toBe('Budsjett 2025 _ny__.._x.pdf');
    expect(safeFilename('Årsplan.pdf')).toBe('Årsplan.pdf');
    expect(safeFilename('')).toBe('vedlegg');
    expect(safeFilename('a'.repeat(300))).toHaveLength(255);
  });
});

describe('the formal check', () => {
  const now = new Date('2030-02-10T12:00:00Z');
  const fieldOf = (check: Parameters<typeof formalCheckEvent>[0]) => {
    try {
      formalCheckEvent(check, now);
      return null;
    } catch (error) {
      return (error as DomainError).details.errors;
    }
  };

  it('is an event per outcome', () => {
    expect(formalCheckEvent({ outcome: 'complete', message: 'ignored' }, now)).toEqual({ type: 'check.completed' });
    expect(formalCheckEvent({ outcome: 'rejected', message: 'Mangler forankring' }, now)).toEqual({
      type: 'check.rejected',
      reason: 'Mangler forankring',
    });
    expect(formalCheckEvent({ outcome: 'info-requested', message: 'Budsjett', deadline: '2030-02-20' }, now)).toEqual({
      type: 'check.infoRequested',
      message: 'Budsjett',
      deadline: '2030-02-20T22:59:59.000Z',
    });
  });

  it('needs a reason to reject, and what is missing by a future deadline to ask', () => {
    expect(fieldOf({ outcome: 'rejected' })).toEqual([{ field: 'message', message: 'a rejection needs the reason' }]);
    expect(fieldOf({ outcome: 'info-requested', message: ' ' })).toEqual([
      { field: 'message', message: 'say what information is missing' },
    ]);
    for (const deadline of [undefined, 'snart', '2030-02-01'])
      expect(fieldOf({ outcome: 'info-requested', message: 'Budsjett', deadline })?.[0].field).toBe('deadline');
  });
});

describe('refusals in the application’s terms', () => {
  it('says what the application is when the engine says the state does not allow an event', () => {
    const engine = new DomainError(ErrorCode.EventNotAllowed, '"x" is not allowed', { state: 'funded' });
    expect(explainState(engine)?.message).toBe('The application is funded: "x" is not allowed');
    expect(explainState(callClosed(closesAt, 'draft'))).toBeNull();
    expect(explainState(new DomainError(ErrorCode.Forbidden, 'nei'))).toBeNull();
  });

  it('puts a klage to the deciding committee once', () => {
    const appealed = application({ appeal: { caseId: null } as never });
    expect(appealCaseRefusal(appealed, 'appealed')).toBeNull();
    expect(appealCaseRefusal(application({ appeal: { caseId: 'k' } as never }), 'appealed')?.message).toBe(
      'The application is appealed and its klage is already a case',
    );
    expect(appealCaseRefusal(appealed, 'funded')?.message).toBe('The application is funded');
    expect(appealCase(appealed, 2030, 'Klagen tas til følge.', officer)).toEqual({
      committeeCode: 'ASU',
      year: 2030,
      title: 'Klage fra Oppdal kommune på vedtak om «Prosjekt» (Tilskudd)',
      proposedResolution: 'Klagen tas til følge.',
      caseOfficer: 'Sekretariatet',
    });
  });
});
