import { z } from 'zod';
import { text } from '../schemas';
import { deadline, isoDuration } from '@samflyt/engine';
import { formDefinition } from './form';
import { normaliseDue } from './grant-time';

const key = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a key such as "gevinst" or "rapport-1"');
const kroner = z.int().min(0).max(1_000_000_000);
const offsets = z
  .array(isoDuration)
  .max(10)
  .refine((a) => new Set(a).size === a.length, 'must not repeat an offset');
const committee = z.string().regex(/^[A-Z0-9-]{1,30}$/, 'must be a committee code such as ASU or AU-UTVIDET');

export const criterionInput = z
  .strictObject({
    key,
    title: text(200),
    description: text(5_000),
    weight: z.number().positive().max(100),
    scaleMin: z.int().min(0).max(100),
    scaleMax: z.int().min(1).max(100),
  })
  .refine((c) => c.scaleMin < c.scaleMax, { message: 'scaleMin must be below scaleMax', path: ['scaleMax'] });

export const reportInput = z.strictObject({
  key,
  title: text(200),
  due: z
    .string()
    .max(40)
    .refine(
      (s) => normaliseDue(s) !== null,
      'must be a date, a date-time with offset, or a duration after the letter (P6M)',
    )
    .transform((s) => normaliseDue(s)!),
});

/** Everything the secretariat sets up for a call; all of it can be changed while the round is a draft. */
export const roundSettingsShape = {
  title: text(300),
  callText: text(50_000),
  form: formDefinition,
  criteria: z
    .array(criterionInput)
    .min(1)
    .max(20)
    .refine((a) => new Set(a.map((c) => c.key)).size === a.length, 'criterion keys must be unique'),
  budget: kroner.min(1),
  minAmount: kroner,
  maxAmount: kroner.min(1),
  qualityThreshold: z.number().min(0).max(100).nullable(),
  opensAt: deadline,
  closesAt: deadline,
  scoringDeadline: deadline,
  reviewingCommittee: committee,
  decidingCommittee: committee,
  appealable: z.boolean(),
  appealPeriod: isoDuration,
  conditions: text(20_000),
  reporting: z
    .array(reportInput)
    .max(20)
    .refine((a) => new Set(a.map((r) => r.key)).size === a.length, 'report keys must be unique'),
  applicantReminderOffsets: offsets,
  scorerReminderOffsets: offsets,
  reportReminderOffsets: offsets,
};

export const ROUND_DEFAULTS = {
  qualityThreshold: null,
  appealable: true,
  appealPeriod: 'P21D',
  applicantReminderOffsets: ['P7D', 'P1D'],
  scorerReminderOffsets: ['P3D', 'P1D'],
  reportReminderOffsets: ['P14D', 'P3D'],
  reporting: [],
};

type Settings = z.output<z.ZodObject<typeof roundSettingsShape>>;

/** Rules across fields, as field errors. */
export function settingsProblems(s: Settings): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (s.minAmount > s.maxAmount) problems.push({ field: 'minAmount', message: 'must not exceed maxAmount' });
  if (s.maxAmount > s.budget) problems.push({ field: 'maxAmount', message: 'must not exceed the budget' });
  if (s.opensAt >= s.closesAt) problems.push({ field: 'closesAt', message: 'must be after opensAt' });
  if (s.closesAt >= s.scoringDeadline) problems.push({ field: 'scoringDeadline', message: 'must be after closesAt' });
  if (s.reviewingCommittee === s.decidingCommittee)
    problems.push({ field: 'decidingCommittee', message: 'the deciding committee is not the one that scores' });
  return problems;
}

export const roundSettings = z
  .strictObject({
    ...roundSettingsShape,
    qualityThreshold: roundSettingsShape.qualityThreshold.default(ROUND_DEFAULTS.qualityThreshold),
    appealable: roundSettingsShape.appealable.default(ROUND_DEFAULTS.appealable),
    appealPeriod: roundSettingsShape.appealPeriod.default(ROUND_DEFAULTS.appealPeriod),
    reporting: roundSettingsShape.reporting.default(ROUND_DEFAULTS.reporting),
    applicantReminderOffsets: offsets.default(ROUND_DEFAULTS.applicantReminderOffsets),
    scorerReminderOffsets: offsets.default(ROUND_DEFAULTS.scorerReminderOffsets),
    reportReminderOffsets: offsets.default(ROUND_DEFAULTS.reportReminderOffsets),
  })
  .superRefine((s, ctx) => {
    for (const p of settingsProblems(s as Settings))
      ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  });

export const roundSettingsPatch = z.strictObject(roundSettingsShape).partial();
