import { osloInstant } from '../../lib/format';

/** The set-up form's values as typed (numbers and times as text). */
export interface RoundDraft {
  title: string;
  callText: string;
  conditions: string;
  budget: string;
  minAmount: string;
  maxAmount: string;
  qualityThreshold: string;
  opensAt: string;
  closesAt: string;
  scoringDeadline: string;
  reviewingCommittee: string;
  decidingCommittee: string;
  appealable: boolean;
  reportTitle: string;
  reportDue: string;
}

/** One field of the application form being set up. */
export interface FieldRow {
  label: string;
  type: 'text' | 'number' | 'choice' | 'attachment';
  required: boolean;
  help: string;
  options: string;
  min: string;
  max: string;
  maxLength: string;
}

/** One scoring criterion being set up. */
export interface CriterionRow {
  title: string;
  description: string;
  weight: string;
  scaleMin: string;
  scaleMax: string;
}

export const fieldTypes: Record<FieldRow['type'], string> = {
  text: 'Tekst',
  number: 'Tall',
  choice: 'Valg (ett av flere)',
  attachment: 'Vedlegg',
};

export const newRound = (): RoundDraft => ({
  title: '',
  callText: '',
  conditions: '',
  budget: '',
  minAmount: '',
  maxAmount: '',
  qualityThreshold: '',
  opensAt: '',
  closesAt: '',
  scoringDeadline: '',
  reviewingCommittee: 'AU-UTVIDET',
  decidingCommittee: 'ASU',
  appealable: true,
  reportTitle: 'Sluttrapport',
  reportDue: 'P12M',
});

export const emptyField = (): FieldRow => ({
  label: '',
  type: 'text',
  required: true,
  help: '',
  options: '',
  min: '',
  max: '',
  maxLength: '',
});

export const emptyCriterion = (): CriterionRow => ({
  title: '',
  description: '',
  weight: '1',
  scaleMin: '1',
  scaleMax: '5',
});

/** «Målgruppe og omfang» → «malgruppe-og-omfang» (the API's key format), unique among `taken`. */
export const keyOf = (label: string, taken: string[]): string => {
  const base =
    label
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'o')
      .replace(/å/g, 'a')
      .normalize('NFD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .replace(/^[^a-z]+/, '')
      .slice(0, 36) || 'felt';
  let key = base;
  for (let i = 2; taken.includes(key); i++) key = `${base}-${i}`;
  return key;
};

const required: [keyof RoundDraft, string][] = [
  ['title', 'Tittel'],
  ['callText', 'Utlysningstekst'],
  ['conditions', 'Vilkår'],
  ['budget', 'Ramme'],
  ['minAmount', 'Minste beløp'],
  ['maxAmount', 'Største beløp'],
  ['opensAt', 'Åpner'],
  ['closesAt', 'Søknadsfrist'],
  ['scoringDeadline', 'Frist for vurdering'],
];

/** What must be filled in before the draft is sent, by field (`form.0.label`, `criteria.1.title`), in Norwegian. */
export function validateRound(v: RoundDraft, fields: FieldRow[], criteria: CriterionRow[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [k, label] of required) if (String(v[k]).trim() === '') found[k] = `${label} må fylles ut`;
  fields.forEach((f, i) => {
    if (!f.label.trim()) found[`form.${i}.label`] = 'Feltnavn må fylles ut';
    if (f.type === 'choice' && lines(f.options).length < 2)
      found[`form.${i}.options`] = 'Et valg trenger minst to alternativer, ett per linje';
  });
  criteria.forEach((c, i) => {
    if (!c.title.trim()) found[`criteria.${i}.title`] = 'Kriteriet må ha et navn';
    if (!c.description.trim()) found[`criteria.${i}.description`] = 'Beskriv kriteriet';
  });
  return found;
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((o) => o.trim())
    .filter(Boolean);

/** Each label's key, unique within the list. */
function keysOf(labels: string[]): string[] {
  const keys: string[] = [];
  for (const label of labels) keys.push(keyOf(label, keys));
  return keys;
}

/** The API's request body for the draft: numbers as numbers, times in Oslo, keys made from the names. */
export function roundBody(v: RoundDraft, fields: FieldRow[], criteria: CriterionRow[]) {
  const fieldKeys = keysOf(fields.map((f) => f.label));
  const criterionKeys = keysOf(criteria.map((c) => c.title));
  return {
    title: v.title.trim(),
    callText: v.callText.trim(),
    conditions: v.conditions.trim(),
    budget: Number(v.budget),
    minAmount: Number(v.minAmount),
    maxAmount: Number(v.maxAmount),
    qualityThreshold: v.qualityThreshold === '' ? null : Number(v.qualityThreshold),
    opensAt: osloInstant(v.opensAt),
    closesAt: osloInstant(v.closesAt),
    scoringDeadline: osloInstant(v.scoringDeadline),
    reviewingCommittee: v.reviewingCommittee,
    decidingCommittee: v.decidingCommittee,
    appealable: v.appealable,
    form: fields.map((f, i) => ({
      key: fieldKeys[i],
      label: f.label.trim(),
      type: f.type,
      required: f.required,
      ...(f.help.trim() ? { help: f.help.trim() } : {}),
      ...(f.type === 'choice' ? { options: lines(f.options) } : {}),
      ...(f.type === 'number' && f.min !== '' ? { min: Number(f.min) } : {}),
      ...(f.type === 'number' && f.max !== '' ? { max: Number(f.max) } : {}),
      ...(f.type === 'text' && f.maxLength !== '' ? { maxLength: Number(f.maxLength) } : {}),
    })),
    criteria: criteria.map((c, i) => ({
      key: criterionKeys[i],
      title: c.title.trim(),
      description: c.description.trim(),
      weight: Number(c.weight),
      scaleMin: Number(c.scaleMin),
      scaleMax: Number(c.scaleMax),
    })),
    reporting: v.reportTitle.trim()
      ? [{ key: keyOf(v.reportTitle, []), title: v.reportTitle.trim(), due: v.reportDue }]
      : [],
  };
}
