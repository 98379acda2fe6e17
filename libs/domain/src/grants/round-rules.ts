import {
  conflict,
  eventNotAllowed,
  forbidden,
  hasRole,
  invalidInput,
  parse,
  ruleViolated,
  type Actor,
  type DomainError,
} from '@samflyt/engine';
import {
  amountFits,
  innstillingOf,
  isRecused,
  isScorer,
  isUnderReview,
  missingFor,
  roundSettings,
  sheetProblems,
  totalOf,
  totalWith,
  type InnstillingLine,
  type RoundContext,
  type RoundSettingsPatch,
  type Scorer,
} from '@samflyt/workflows';
import { mayReadInternals } from './grants-access';

/** The decisions of a round's set-up, review and innstilling that need no database: refusals in the round's terms. */

/** The changes of a PATCH, once the set-up they leave is whole; a field left out keeps its stored value. */
export function settingsChanges(stored: Record<string, unknown>, patch: RoundSettingsPatch): RoundSettingsPatch {
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  parse(roundSettings, { ...stored, ...changes }, '');
  return changes;
}

/** Scoring starts when every application has passed the formal check and the committee has members to score. */
export function reviewStartRefusal(
  state: string,
  committee: string,
  inFormalCheck: { id: string; title: string }[],
  scorers: Scorer[],
): DomainError | null {
  if (inFormalCheck.length > 0) {
    return ruleViolated(
      `The formal check is not finished for ${inFormalCheck.length} application(s): ${inFormalCheck.map((u) => u.title).join('; ')}`,
      { state, applications: inFormalCheck.map((u) => u.id) },
    );
  }
  return scorers.length === 0 ? ruleViolated(`${committee} has no members to score`) : null;
}

/** `scorer` is the caller as a person of the register. */
export function scoreRefusal(
  c: RoundContext,
  state: string,
  scorer: Actor,
  sheet: { applicationId: string; scores: Record<string, number> },
): DomainError | null {
  if (!hasRole(scorer, `committee:${c.reviewingCommittee}`) || !isScorer(c, scorer.id)) {
    return forbidden(`You are not a scorer in this round (the members of ${c.reviewingCommittee} when review started)`);
  }
  if (state !== 'review') {
    return eventNotAllowed(`The round is in ${state}; scoring is closed or not started`, { state, allowedEvents: [] });
  }
  if (!isUnderReview(c, sheet.applicationId)) {
    return invalidInput([{ field: 'applicationId', message: 'is not an application under review in this round' }]);
  }
  if (isRecused(c, sheet.applicationId, scorer.id)) {
    return forbidden('You have declared yourself inhabil for this application and cannot score it');
  }
  const problems = sheetProblems(c.criteria, sheet.scores);
  return problems.length ? invalidInput(problems.map((message) => ({ field: 'scores', message }))) : null;
}

export function inhabilRefusal(c: RoundContext, personId: string, applicationId: string): DomainError | null {
  if (!isScorer(c, personId)) return forbidden('Only a scorer in this round declares inhabilitet here');
  if (!isUnderReview(c, applicationId)) {
    return invalidInput([{ field: 'applicationId', message: 'is not an application under review in this round' }]);
  }
  return isRecused(c, applicationId, personId)
    ? conflict('You have already declared yourself inhabil for this application')
    : null;
}

export interface AdjustmentRequest {
  applicationId: string;
  amount: number;
  rank?: number | null;
  reason: string;
}

/** AU or the secretariat changes the innstilling; in recommendation the change must fit the round's rules. */
export function adjustmentRefusal(
  c: RoundContext,
  state: string,
  actor: Actor,
  body: AdjustmentRequest,
): DomainError | null {
  if (!mayReadInternals(actor, c.reviewingCommittee) || hasRole(actor, 'admin')) {
    return forbidden(`Only ${c.reviewingCommittee} and the secretariat change the innstilling`);
  }
  if (state !== 'recommendation') return null;
  if (!(c.ranking ?? []).some((r) => r.applicationId === body.applicationId)) {
    return invalidInput([{ field: 'applicationId', message: 'is not in the ranking of this round' }]);
  }
  if (!amountFits(c, body.amount)) {
    return invalidInput([{ field: 'amount', message: `must be 0 or between ${c.minAmount} and ${c.maxAmount}` }]);
  }
  const total = totalWith(c, { ...body, rank: body.rank ?? null, by: actor });
  return total > c.budget
    ? ruleViolated(`The innstilling would total ${total}, over the budget of ${c.budget}`, { state })
    : null;
}

/** The innstilling exists once scoring has closed, for those who read the round's internals. */
export function innstillingRefusal(c: RoundContext, state: string, actor: Actor): DomainError | null {
  if (!mayReadInternals(actor, c.reviewingCommittee)) {
    return forbidden('Only the secretariat and the reviewing committee read the innstilling before it is decided');
  }
  return c.ranking
    ? null
    : eventNotAllowed(`The round is in ${state}; the innstilling exists once scoring has closed`, {
        state,
        allowedEvents: [],
      });
}

/** The case that puts the innstilling to the deciding committee, with the forslag til vedtak it makes. */
export function innstillingCase(c: RoundContext, year: number, responsible: string | null, officer: Actor) {
  const lines = innstillingOf(c).filter((l) => l.amount > 0);
  const proposal = [
    `1. ${c.decidingCommittee} tildeler midler fra «${c.title}» i tråd med arbeidsutvalgets innstilling:`,
    ...lines.map((l) => `   - ${l.organisation}: «${l.title}», kr ${l.amount}`),
    `2. Øvrige søknader avslås.`,
  ].join('\n');
  return {
    committeeCode: c.decidingCommittee,
    year,
    title: `${c.title}: innstilling fra ${c.reviewingCommittee}`,
    proposedResolution: proposal,
    responsible,
    caseOfficer: officer.name,
  };
}

export interface ReviewStatus {
  state: string;
  scorers: { personId: string; name: string }[];
  missing: { personId: string; name: string; missing: string[] }[];
  recusals: RoundContext['recusals'];
  nonScorers: RoundContext['nonScorers'];
  innstilling: InnstillingLine[];
  budget: number;
  total: number;
}

/** Scoring as the secretariat and AU follow it: who has scored what, and the innstilling once scoring has closed. */
export function reviewStatusOf(c: RoundContext, state: string): ReviewStatus {
  const lines = c.ranking ? innstillingOf(c) : [];
  return {
    state,
    scorers: c.scorers.map((s) => ({ personId: s.personId, name: s.name })),
    missing: c.scorers.map((s) => ({ personId: s.personId, name: s.name, missing: missingFor(c, s.personId) })),
    recusals: c.recusals,
    nonScorers: c.nonScorers,
    innstilling: lines,
    budget: c.budget,
    total: totalOf(lines),
  };
}
