import { initialTransition, transition } from 'xstate';
import { exploreMachine } from '@samflyt/engine/machine-coverage';
import { caseMachine, caseRef, type CaseInput } from './case.machine';

const april = '6f0c8a4e-0a8e-4c1e-9a53-2f9d1e0b7c11';
const june = '7a1d9b5f-1b9f-4d2f-8b64-3a0e2f1c8d22';

const input: CaseInput = {
  caseId: '5e2b7c3d-9f8a-4b1c-8d7e-6f5a4b3c2d1e',
  committeeCode: 'ASU',
  year: 2024,
  requestedNumber: 15,
  title: 'Utviklingsprosjekt fra Topplederprogrammet',
  proposedResolution: '1. Saken tas til orientering.',
  responsible: 'Ingjerd Astad/Tom Christian Martinsen',
  caseOfficer: null,
};

describe('case machine', () => {
  it('is postponed from one meeting to a later one, keeping both on its track', () => {
    const [s0] = initialTransition(caseMachine, input);
    const [s1] = transition(caseMachine, s0, { type: 'case.scheduled', meetingId: april });
    const [s2] = transition(caseMachine, s1, {
      type: 'case.postponed',
      toMeetingId: june,
      resolution: '1. Saken utsettes til ASU-møte 19.06.24.',
    });
    expect(s2.value).toBe('onAgenda');
    expect(s2.context.meetingId).toBe(june);
    expect(s2.context.meetings).toEqual([
      {
        meetingId: april,
        outcome: 'postponed',
        resolution: '1. Saken utsettes til ASU-møte 19.06.24.',
        minutesText: null,
      },
      { meetingId: june, outcome: 'scheduled', resolution: null, minutesText: null },
    ]);
    // Not back to a meeting it has been on, nor to the one it is on.
    expect(s2.can({ type: 'case.postponed', toMeetingId: april })).toBe(false);
    expect(s2.can({ type: 'case.postponed', toMeetingId: june })).toBe(false);
  });

  it('records innspill and referat at the meeting, then the vedtak amended with the vote result', () => {
    const [s0] = initialTransition(caseMachine, input);
    const [s1] = transition(caseMachine, s0, { type: 'case.scheduled', meetingId: june });
    const [s2] = transition(caseMachine, s1, { type: 'case.inputRecorded', text: 'Viktig prosjekt', author: 'ASU' });
    const [s3] = transition(caseMachine, s2, { type: 'case.minutesRecorded', text: 'Albert Verhagen orienterte.' });
    const [s4] = transition(caseMachine, s3, {
      type: 'case.decided',
      resolution: '1. Saken tas til orientering med innspill.',
      voteResult: 'Enstemmig.',
    });
    expect(s4.value).toBe('decided');
    expect(s4.status).toBe('done');
    expect(s4.context).toMatchObject({
      resolution: '1. Saken tas til orientering med innspill.',
      voteResult: 'Enstemmig.',
      inputs: [{ text: 'Viktig prosjekt', author: 'ASU', meetingId: june }],
      meetings: [
        {
          meetingId: june,
          outcome: 'decided',
          resolution: '1. Saken tas til orientering med innspill.\n\nEnstemmig.',
          minutesText: 'Albert Verhagen orienterte.',
        },
      ],
    });
  });

  it('decides the proposal as it stands when no text is given; is unscheduled back to draft', () => {
    const [s0] = initialTransition(caseMachine, input);
    const [s1] = transition(caseMachine, s0, { type: 'case.scheduled', meetingId: june });
    const [back] = transition(caseMachine, s1, { type: 'case.unscheduled' });
    expect(back.value).toBe('draft');
    expect(back.context).toMatchObject({ meetingId: null, meetings: [] });
    const [decided] = transition(caseMachine, s1, { type: 'case.decided' });
    expect(decided.context.resolution).toBe(input.proposedResolution);
  });

  it('formats case numbers as the minutes do', () => {
    expect([caseRef(9, 2024), caseRef(15, 2024), caseRef(102, 2025)]).toEqual(['09/24', '15/24', '102/25']);
  });
});

describe('case machine coverage', () => {
  it('reaches every state and exercises every transition', () => {
    const coverage = exploreMachine(caseMachine, {
      input,
      events: [
        { type: 'case.updated', title: 'Ny tittel' },
        { type: 'case.scheduled', meetingId: april },
        { type: 'case.unscheduled' },
        { type: 'case.inputRecorded', text: 'Innspill' },
        { type: 'case.minutesRecorded', text: 'Referat' },
        { type: 'case.decided', resolution: 'Vedtatt' },
        { type: 'case.postponed', toMeetingId: june },
        { type: 'case.withdrawn', reason: 'Trukket av saksansvarlig' },
      ],
    });
    expect(coverage.reachedStates).toEqual(coverage.declaredStates);
    expect(coverage.exercisedTransitions).toEqual(coverage.declaredTransitions);
    expect(coverage.declaredStates).toEqual(['decided', 'draft', 'onAgenda', 'withdrawn']);
  });
});
