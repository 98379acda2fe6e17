import type { Schemas } from '../../api/client';

/** The settings of a round as the API returns them (RoundSettingsDto, all set once approved). */
export interface RoundSettings {
  title: string;
  callText: string;
  form: FormFieldDef[];
  criteria: { key: string; title: string; description: string; weight: number; scaleMin: number; scaleMax: number }[];
  budget: number;
  minAmount: number;
  maxAmount: number;
  qualityThreshold?: number | null;
  opensAt: string;
  closesAt: string;
  scoringDeadline: string;
  reviewingCommittee: string;
  decidingCommittee: string;
  appealable?: boolean;
  appealPeriod?: string;
  conditions: string;
  reporting?: { key: string; title: string; due: string }[];
}

export interface FormFieldDef {
  key: string;
  label: string;
  help?: string;
  type: 'text' | 'number' | 'choice' | 'attachment';
  required: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  options?: string[];
  allowedTypes?: string[];
  maxBytes?: number;
}

export const settingsOf = (r: Schemas['RoundDto']): RoundSettings => r.settings as unknown as RoundSettings;

/**
 * The grant API's answers as they are: the OpenAPI document types some nested objects loosely (`applicant`,
 * `missing`, nullable numbers), so the views read them through these.
 */
export interface Application {
  id: string;
  roundId: string;
  instanceId: string;
  applicant: { personId: string; name: string; email: string };
  organisation: { id: string; name: string };
  title: string;
  requestedAmount: number;
  answers: Record<string, unknown>;
  state: string;
  submittedAt: string | null;
  grantedAmount: number | null;
  rejectionReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface InnstillingLine {
  rank: number;
  applicationId: string;
  title: string;
  organisation: string;
  requested: number;
  score: number | null;
  spread: number | null;
  disagreement: boolean;
  proposedAmount: number;
  amount: number;
  reason: string;
  adjustment: { reason?: string; by?: { id: string; name: string } } | null;
}

export interface Review {
  state: string;
  scorers: { personId: string; name: string }[];
  missing: { personId: string; name: string; missing: string[] }[];
  recusals: { applicationId: string; personId: string; name: string; reason: string }[];
  nonScorers: { personId: string; name: string; missing: string[] }[];
  innstilling: InnstillingLine[];
  budget: number;
  total: number;
}

export const asApplication = (a: unknown): Application => a as Application;
export const asReview = (r: unknown): Review => r as Review;
