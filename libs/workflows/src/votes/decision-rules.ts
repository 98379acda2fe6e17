import type { CommitteeDecisionRule, MembershipParty } from '../committees/committee.model';
import type { Voter } from './eligibility';
import type { CHOICES } from './vote.schemas';

/**
 * consensus — adopted when every eligible voter has voted and none against (the default for
 * partnership committees: a decision binds both parties); simple-majority — more for than against
 * among cast ballots; party-majority — a simple majority on the kommune side and on the hospital side.
 */
export type DecisionRule = CommitteeDecisionRule;

export type Choice = (typeof CHOICES)[number];

export type Side = 'kommune' | 'sykehus';

/** GPs represent the municipal side; user and employee representatives belong to neither side. */
export const sideOf = (party: MembershipParty): Side | null =>
  party === 'kommune' || party === 'fastlege' ? 'kommune' : party === 'sykehus' ? 'sykehus' : null;

export interface Count {
  for: number;
  against: number;
  abstain: number;
  /** Eligible voters who cast no ballot. */
  missing: number;
}

export interface Quorum {
  met: boolean;
  present: number;
  required: number;
  /** Sides without anyone eligible to vote (a partnership decision needs both). */
  missingSides: Side[];
}

export interface VoteResult {
  rule: DecisionRule;
  adopted: boolean;
  total: Count;
  bySide: Record<Side, Count>;
  /** Norwegian, for the vedtak and the minutes. */
  summary: string;
}

/**
 * Quorum: at least half of the seats with a vote are filled by eligible voters, and for consensus and
 * party-majority both sides have an eligible voter.
 */
export function quorum(rule: DecisionRule, voters: Voter[], votingSeats: number): Quorum {
  const required = Math.ceil(votingSeats / 2);
  const sides = new Set(voters.map((v) => sideOf(v.party)));
  const missingSides =
    rule === 'simple-majority' ? [] : (['kommune', 'sykehus'] as Side[]).filter((side) => !sides.has(side));
  return {
    met: voters.length >= required && missingSides.length === 0,
    present: voters.length,
    required,
    missingSides,
  };
}

const emptyCount = (): Count => ({ for: 0, against: 0, abstain: 0, missing: 0 });

export function decide(rule: DecisionRule, voters: Voter[], ballots: ReadonlyMap<string, Choice>): VoteResult {
  const total = emptyCount();
  const bySide: Record<Side, Count> = { kommune: emptyCount(), sykehus: emptyCount() };
  for (const voter of voters) {
    const choice = ballots.get(voter.personId);
    const key = choice ?? 'missing';
    total[key] += 1;
    const side = sideOf(voter.party);
    if (side) bySide[side][key] += 1;
  }
  const majority = (c: Count) => c.for > c.against;
  const adopted =
    rule === 'consensus'
      ? total.missing === 0 && total.against === 0 && total.for > 0
      : rule === 'simple-majority'
        ? majority(total)
        : majority(bySide.kommune) && majority(bySide.sykehus);
  return { rule, adopted, total, bySide, summary: summarize(rule, adopted, total, bySide) };
}

/** The rule as the vedtak names it. */
export const ruleName: Record<DecisionRule, string> = {
  consensus: 'konsensus',
  'simple-majority': 'simpelt flertall',
  'party-majority': 'flertall på både kommunesiden og sykehussiden',
};

const counted = (c: Count) =>
  `${c.for} for, ${c.against} mot, ${c.abstain} avsto` + (c.missing ? `, ${c.missing} avga ikke stemme` : '');

function summarize(rule: DecisionRule, adopted: boolean, total: Count, bySide: Record<Side, Count>): string {
  const head = adopted ? `Vedtatt (${ruleName[rule]})` : `Ikke vedtatt (krever ${ruleName[rule]})`;
  const sides = `Kommunesiden: ${counted(bySide.kommune)}. Sykehussiden: ${counted(bySide.sykehus)}.`;
  return `${head}. Totalt: ${counted(total)}. ${sides}`;
}
