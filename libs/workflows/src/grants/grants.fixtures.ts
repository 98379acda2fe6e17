import type { ApplicationEvent, ApplicationInput } from './application.model';
import type { FormField } from './grants.schemas';
import type { RoundEvent, RoundInput } from './round.model';

/** Inputs and events the grant unit tests share (the machines, the coverage walk, the rules), and the API tests. */
export const U = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const sek = { id: 'sek', name: 'Sekretariatet', email: 'sek@test' };
export const criteria = [{ key: 'gevinst', title: 'Gevinst', description: '', weight: 1, scaleMin: 1, scaleMax: 5 }];

/** Two fields of an application form: a required choice, and a PDF attachment of at most 2000 bytes. */
export const temaField: FormField = {
  key: 'tema',
  label: 'Tema',
  type: 'choice',
  required: true,
  options: ['Rekruttering', 'Samhandling'],
};
export const budsjettField: FormField = {
  key: 'budsjett',
  label: 'Budsjett',
  type: 'attachment',
  required: false,
  allowedTypes: ['application/pdf'],
  maxBytes: 2000,
};

/** Two applications as the round's review takes them in: A from Trondheim, B from Malvik. */
export const applicationsInReview = [
  {
    applicationId: U(10),
    instanceId: U(20),
    title: 'A',
    organisation: 'Trondheim kommune',
    requested: 500_000,
    submittedAt: '2030-01-10T00:00:00.000Z',
  },
  {
    applicationId: U(11),
    instanceId: U(21),
    title: 'B',
    organisation: 'Malvik kommune',
    requested: 700_000,
    submittedAt: '2030-01-11T00:00:00.000Z',
  },
];

export const roundInput: RoundInput = {
  roundId: U(1),
  createdBy: sek,
  title: 'Tilskudd',
  callText: 'Utlysning',
  form: [{ key: 'beskrivelse', label: 'Beskrivelse', type: 'text', required: true }],
  criteria,
  budget: 1_000_000,
  minAmount: 100_000,
  maxAmount: 600_000,
  qualityThreshold: null,
  opensAt: '2030-01-01T08:00:00.000Z',
  closesAt: '2030-02-01T11:00:00.000Z',
  scoringDeadline: '2030-03-01T11:00:00.000Z',
  reviewingCommittee: 'AU-UTVIDET',
  decidingCommittee: 'ASU',
  appealable: true,
  appealPeriod: 'P21D',
  letterReceivedAfterDays: 0,
  conditions: 'Vilkår',
  reporting: [{ key: 'slutt', title: 'Sluttrapport', due: 'P6M' }],
  applicantReminderOffsets: ['P7D'],
  scorerReminderOffsets: ['P3D'],
  reportReminderOffsets: ['P14D'],
};

export const concluded = (over: Partial<Extract<RoundEvent, { type: 'case.concluded' }>>): RoundEvent => ({
  type: 'case.concluded',
  caseId: U(30),
  outcome: 'decided',
  resolution: 'Som innstilt',
  asProposed: true,
  adopted: true,
  voteResult: null,
  at: '2030-03-10T10:00:00.000Z',
  ...over,
});

export const applicationInput = ({
  appealable = true,
  answers = {},
}: { appealable?: boolean; answers?: ApplicationInput['answers'] } = {}): ApplicationInput => ({
  applicationId: U(10),
  round: {
    roundId: U(1),
    instanceId: U(2),
    title: 'Tilskudd',
    closesAt: '2030-02-01T11:00:00.000Z',
    form: roundInput.form,
    appealable,
    appealPeriod: 'P21D',
    conditions: 'Vilkår',
    reporting: [{ key: 'slutt', title: 'Sluttrapport', due: 'P6M' }],
    reminderOffsets: ['P7D'],
    reportReminderOffsets: ['P14D'],
    reviewingCommittee: 'AU-UTVIDET',
    decidingCommittee: 'ASU',
    secretariat: sek,
  },
  applicant: { personId: 'a1', name: 'Søker', email: 'soker@test' },
  organisation: { id: U(5), name: 'Oppdal kommune' },
  title: 'Prosjekt',
  requestedAmount: 300_000,
  answers,
});

export const decision = (granted: boolean): ApplicationEvent => ({
  type: 'decision.made',
  granted,
  amount: granted ? 300_000 : 0,
  reasons: granted ? '' : 'Ikke plass',
  resolution: 'Vedtak',
  caseRef: '12/30',
  letterAt: '2030-03-10T10:00:00.000Z',
});
