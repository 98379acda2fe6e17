import { norwegianDateTime } from '@samflyt/engine';
import { ruleName, type DecisionRule, type VoteResult } from './decision-rules';
import type { Exclusion, Voter } from './eligibility';
import type { VoteMode } from './vote.machine';

export interface VoteRecord {
  mode: VoteMode;
  rule: DecisionRule;
  deadline: string | null;
  voters: (Voter & { inPlaceOfName?: string | null })[];
  excluded: { personId: string; name: string; reason: Exclusion }[];
  votingSeats: number;
  result: VoteResult | null;
}

/**
 * What a closed vote adds to the vedtak and the minutes, in Norwegian: how it was held, who could
 * vote (and who was inhabil), and the result with the count per side and the rule applied.
 */
export function voteMinutesText(vote: VoteRecord): string {
  const how =
    vote.mode === 'written'
      ? `Skriftlig avstemning${vote.deadline ? ` med frist ${norwegianDateTime(vote.deadline)}` : ''}`
      : 'Avstemning i møtet';
  const lines = [
    `${how}, vedtaksregel: ${ruleName[vote.rule]}.`,
    `Stemmeberettigede: ${vote.voters.length} av ${vote.votingSeats} stemmeseter.`,
  ];
  const varas = vote.voters.filter((v) => v.inPlaceOf);
  if (varas.length > 0) {
    lines.push(`Vara: ${varas.map((v) => `${v.name}${v.inPlaceOfName ? ` for ${v.inPlaceOfName}` : ''}`).join(', ')}.`);
  }
  const inhabil = vote.excluded.filter((e) => e.reason === 'inhabil');
  if (inhabil.length > 0) lines.push(`Inhabil og deltok ikke: ${inhabil.map((e) => e.name).join(', ')}.`);
  lines.push(vote.result ? vote.result.summary : 'Avstemningen er ikke avsluttet.');
  return lines.join('\n');
}
