import { randomUUID } from 'node:crypto';
import { hasRole, type WorkflowDefinition } from '@samflyt/engine';
import type { z } from 'zod';
import { isSecretariat, mayReadCommittee } from '../committees/committee-access';
import { caseMachine, type CaseContext, type CaseInput } from './case.machine';
import { caseEvents as e, caseInput } from './case.schemas';

export const caseWorkflow: WorkflowDefinition<CaseContext> = {
  name: 'case',
  version: 1,
  title: 'Sak i et utvalg: forslag til vedtak, sakliste, vedtak, utsettelse',
  machine: caseMachine,
  input: caseInput,
  prepareInput: (input: z.output<typeof caseInput>): CaseInput => ({
    caseId: input.caseId ?? randomUUID(),
    committeeCode: input.committeeCode,
    year: input.year,
    requestedNumber: input.number ?? null,
    title: input.title,
    proposedResolution: input.proposedResolution,
    responsible: input.responsible ?? null,
    caseOfficer: input.caseOfficer ?? null,
  }),
  canStart: isSecretariat,
  canRead: (actor, c) => mayReadCommittee(actor, c.committeeCode),
  events: {
    'case.updated': {
      description: 'The secretariat edits the title, forslag til vedtak, saksansvarlig or saksbehandler.',
      schema: e.updated,
      allow: isSecretariat,
    },
    'case.scheduled': {
      description: "Put on a meeting's agenda (PUT /meetings/{id}/agenda does this and adds the agenda line).",
      schema: e.scheduled,
      allow: isSecretariat,
    },
    'case.unscheduled': {
      description: 'Taken off the agenda before it was dealt with; back to draft.',
      schema: e.unscheduled,
      allow: isSecretariat,
    },
    'case.inputRecorded': {
      description: 'An innspill to the case at the meeting it is on.',
      schema: e.inputRecorded,
      allow: (actor, c) => isSecretariat(actor) || hasRole(actor, `committee:${c.committeeCode}`),
    },
    'case.minutesRecorded': {
      description: 'The referat of the case at the meeting it is on (replaces the text before).',
      schema: e.minutesRecorded,
      allow: isSecretariat,
    },
    'case.decided': {
      description: 'The vedtak: the proposal, or the amended text; a vote result is appended when given.',
      schema: e.decided,
      allow: isSecretariat,
    },
    'case.postponed': {
      description: 'Utsatt: moved onto the agenda of a named later meeting of the committee.',
      schema: e.postponed,
      allow: isSecretariat,
    },
    'case.withdrawn': {
      description: 'Withdrawn, with a reason.',
      schema: e.withdrawn,
      allow: isSecretariat,
    },
  },
  // A case notifies no one itself: the meeting's notice carries its agenda.
  // The number NN/YY is allocated by the projection (cases.number), not held in the context.
  summary: (c) => ({ title: c.title, caseRef: null, responsible: null }),
  deadlineTimers: [],
  templates: {},
};
