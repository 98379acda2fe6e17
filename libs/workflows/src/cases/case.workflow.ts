import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { text } from '../schemas';
import { hasRole, type Actor, type WorkflowDefinition } from '@samflyt/engine';
import { caseMachine, type CaseContext, type CaseInput } from './case.machine';
import { projectCase } from './case.projection';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const COMMITTEE_CODE = z
  .string()
  .regex(/^[A-Z0-9-]{1,30}$/, 'must be a committee code such as ASU or AU-UTVIDET');

export const caseInput = z.strictObject({
  /** Chosen by the caller to know the case before it exists; a new one otherwise. */
  caseId: z.uuid().optional(),
  committeeCode: COMMITTEE_CODE,
  year: z.int().min(2000).max(2099),
  /** Only when registering an existing case with its number; a taken number is a 409. */
  number: z.int().min(1).max(999).optional(),
  title: text(500),
  proposedResolution: text(20_000),
  responsible: optionalText(500),
  caseOfficer: optionalText(500),
});

export const isSecretariat = (actor: Actor): boolean => hasRole(actor, 'secretariat');

/** The secretariat, an administrator, or a member of the committee (`committee:ASU`, from memberships). */
export const mayReadCommittee = (actor: Actor, committeeCode: string): boolean =>
  hasRole(actor, 'secretariat', 'admin', `committee:${committeeCode}`);

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
      schema: z.strictObject({
        title: text(500).optional(),
        proposedResolution: text(20_000).optional(),
        responsible: optionalText(500),
        caseOfficer: optionalText(500),
      }),
      allow: isSecretariat,
    },
    'case.scheduled': {
      description: "Put on a meeting's agenda (PUT /meetings/{id}/agenda does this and adds the agenda line).",
      schema: z.strictObject({ meetingId: z.uuid() }),
      allow: isSecretariat,
    },
    'case.unscheduled': {
      description: 'Taken off the agenda before it was dealt with; back to draft.',
      schema: z.strictObject({}),
      allow: isSecretariat,
    },
    'case.inputRecorded': {
      description: 'An innspill to the case at the meeting it is on.',
      schema: z.strictObject({ text: text(20_000), author: optionalText(300) }),
      allow: (actor, c) => isSecretariat(actor) || hasRole(actor, `committee:${c.committeeCode}`),
    },
    'case.minutesRecorded': {
      description: 'The referat of the case at the meeting it is on (replaces the text before).',
      schema: z.strictObject({ text: text(50_000) }),
      allow: isSecretariat,
    },
    'case.decided': {
      description: 'The vedtak: the proposal, or the amended text; a vote result is appended when given.',
      schema: z.strictObject({ resolution: text(20_000).optional(), voteResult: optionalText(5_000) }),
      allow: isSecretariat,
    },
    'case.postponed': {
      description: 'Utsatt: moved onto the agenda of a named later meeting of the committee.',
      schema: z.strictObject({ toMeetingId: z.uuid(), resolution: text(2_000).optional() }),
      allow: isSecretariat,
    },
    'case.withdrawn': {
      description: 'Withdrawn, with a reason.',
      schema: z.strictObject({ reason: text(2_000) }),
      allow: isSecretariat,
    },
  },
  project: projectCase,
  // A case notifies no one itself: the meeting's notice carries its agenda.
  // The number NN/YY is allocated by the projection (cases.number), not held in the context.
  summary: (c) => ({ title: c.title, caseRef: null, responsible: null }),
  deadlineTimers: [],
  templates: {},
};
