import { randomUUID } from 'node:crypto';
import {
  DomainError,
  ErrorCode,
  forbidden,
  invalidInput,
  notFound,
  ruleViolated,
  withVia,
  WorkflowEngine,
  type Actor,
  type WorkflowEvent,
} from '@samflyt/engine';
import { isSecretariat, VOTES_API_VIA, type Choice, type OpenVoteRequest, type VoteInput } from '@samflyt/workflows';
import { VoteEligibilityService } from './vote-eligibility.service';
import { DEFAULT_REMINDER_OFFSETS, inTermsOfAVote, mayReadVote, voteDeadline } from './vote-rules';
import { toVoteView, type VoteRow, type VoteView } from './vote-view';
import type { VoteCase, VotesRepository } from './votes.repository';

export type { OpenVoteRequest };

/** The vote workflow takes people's events only from here (see VOTES_API_VIA). */
const viaVotesApi = (actor: Actor): Actor => withVia(actor, VOTES_API_VIA);

/**
 * Votes on cases: opens them with eligibility derived from the rows and quorum checked, and sends
 * ballots and closing to the `vote` workflow. Every change goes through the engine, whose
 * projection writes the votes and ballots rows in the event's transaction.
 */
export class VoteService {
  private readonly eligibility: VoteEligibilityService;

  constructor(
    private readonly repo: VotesRepository,
    private readonly engine: WorkflowEngine,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.eligibility = new VoteEligibilityService(repo);
  }

  /** The secretariat opens a vote; 422 naming the rule and the numbers when quorum is not met. */
  async open(caseId: string, request: OpenVoteRequest, actor: Actor): Promise<VoteView> {
    if (!isSecretariat(actor)) throw forbidden('Only the secretariat opens a vote');
    const kase = await this.requireCase(caseId);
    if (kase.state === 'decided' || kase.state === 'withdrawn') {
      throw new DomainError(
        ErrorCode.EventNotAllowed,
        `Case ${kase.ref} is ${kase.state}; there is nothing left to vote on`,
        { state: kase.state, allowedEvents: [] },
      );
    }
    const mode = request.mode;
    const deadline = voteDeadline(mode, request.deadline ?? null, this.now());
    const meetingId = mode === 'meeting' ? (request.meetingId ?? kase.meetingId) : null;
    if (mode === 'written' && request.meetingId) {
      throw invalidInput([{ field: 'meetingId', message: 'a written round is held outside a meeting; leave it out' }]);
    }
    const derived = await this.eligibility.derive(kase, { mode, meetingId }, this.now());
    const voteId = randomUUID();
    const input: VoteInput = {
      voteId,
      case: { id: kase.id, ref: kase.ref, title: kase.title, proposal: kase.proposal },
      committee: { id: kase.committee.id, code: kase.committee.code, name: kase.committee.name },
      meetingId: derived.meetingId,
      mode,
      rule: request.rule ?? kase.committee.decisionRule,
      deadline,
      reminderOffsets: mode === 'written' ? (request.reminderOffsets ?? DEFAULT_REMINDER_OFFSETS) : [],
      voters: derived.voters,
      excluded: derived.excluded,
      votingSeats: derived.votingSeats,
      opener: { id: actor.id, name: actor.name, email: actor.email ?? null },
    };
    await this.engine.start('vote', input, viaVotesApi(actor));
    return this.get(voteId, actor);
  }

  async get(voteId: string, actor: Actor): Promise<VoteView> {
    const row = await this.requireVote(voteId);
    const kase = (await this.repo.findCase(row.case_id))!;
    this.mayRead(row, kase, actor);
    return this.viewOf(row, kase);
  }

  /** Closed and open votes on a case, oldest first: the minutes take the closed ones' text. */
  async listForCase(caseId: string, actor: Actor): Promise<VoteView[]> {
    const kase = await this.requireCase(caseId);
    const rows = await this.repo.votesOf(caseId);
    rows.forEach((row) => this.mayRead(row, kase, actor));
    return Promise.all(rows.map((row) => this.viewOf(row, kase)));
  }

  /**
   * A ballot: the voter's own (`voterId` absent or their own), or — in a meeting — one the secretariat records
   * for a voter (a show of hands).
   */
  ballot(voteId: string, body: { choice: Choice; voterId?: string }, actor: Actor, key?: string): Promise<VoteView> {
    return body.voterId === undefined || body.voterId === actor.id
      ? this.cast(voteId, body.choice, actor, key)
      : this.record(voteId, body.voterId, body.choice, actor, key);
  }

  /** A voter casts their own ballot. Once only: a second ballot is refused by the database (409). */
  async cast(voteId: string, choice: Choice, actor: Actor, idempotencyKey?: string): Promise<VoteView> {
    const row = await this.requireVote(voteId);
    if (!row.eligible.some((v) => v.personId === actor.id)) {
      throw forbidden(
        `You are not among the ${row.eligible.length} eligible voters of this vote ` +
          '(derived from memberships, attendance and inhabilitet when it opened)',
      );
    }
    await this.send(row, { type: 'vote.cast', voterId: actor.id, choice }, actor, idempotencyKey);
    return this.get(voteId, actor);
  }

  /** In a meeting, the secretariat records a voter's ballot (a show of hands). */
  async record(
    voteId: string,
    voterId: string,
    choice: Choice,
    actor: Actor,
    idempotencyKey?: string,
  ): Promise<VoteView> {
    const row = await this.requireVote(voteId);
    if (!isSecretariat(actor)) throw forbidden("Only the secretariat records another voter's ballot");
    if (row.mode !== 'meeting') {
      throw ruleViolated(
        'In a written round each voter casts their own ballot; the secretariat records ballots only in a meeting',
      );
    }
    if (!row.eligible.some((v) => v.personId === voterId)) {
      throw ruleViolated(`${voterId} is not an eligible voter of this vote`);
    }
    await this.send(row, { type: 'ballot.recorded', voterId, choice }, actor, idempotencyKey);
    return this.get(voteId, actor);
  }

  /** The secretariat closes a vote held in a meeting; a written round closes at its deadline. */
  async close(voteId: string, actor: Actor, idempotencyKey?: string): Promise<VoteView> {
    const row = await this.requireVote(voteId);
    if (row.mode === 'written' && row.state === 'open' && isSecretariat(actor)) {
      throw ruleViolated(`A written round closes at its deadline (${row.deadline!.toISOString()}), not by hand`, {
        state: row.state,
      });
    }
    await this.send(row, { type: 'vote.closed' }, actor, idempotencyKey);
    return this.get(voteId, actor);
  }

  async cancel(voteId: string, reason: string, actor: Actor, idempotencyKey?: string): Promise<VoteView> {
    const row = await this.requireVote(voteId);
    await this.send(row, { type: 'vote.cancelled', reason }, actor, idempotencyKey);
    return this.get(voteId, actor);
  }

  /**
   * The vedtak from a closed vote: sends the case workflow's `case.decided` with the vote's result
   * text (counts per side, the rule applied) as `voteResult`, so it is taken from the vote, not
   * retyped. `resolution` is the vedtak when it differs from the forslag til vedtak.
   */
  async decideCase(
    voteId: string,
    request: { resolution?: string },
    actor: Actor,
    idempotencyKey?: string,
  ): Promise<{ caseId: string; resolution: string | null; voteResult: string }> {
    const row = await this.requireVote(voteId);
    if (!isSecretariat(actor)) throw forbidden('Only the secretariat records the vedtak');
    const kase = (await this.repo.findCase(row.case_id))!;
    const view = await this.viewOf(row, kase);
    if (view.state !== 'closed' || view.minutesText === null) {
      throw new DomainError(
        ErrorCode.EventNotAllowed,
        `The vote is ${view.state}; only a closed vote's result goes into the vedtak`,
        { state: view.state, allowedEvents: [] },
      );
    }
    const decided = await this.engine.send(
      kase.instanceId,
      {
        type: 'case.decided',
        ...(request.resolution ? { resolution: request.resolution } : {}),
        voteResult: view.minutesText,
      },
      actor,
      { idempotencyKey },
    );
    const context = decided.context as { resolution: string | null; voteResult: string };
    return { caseId: row.case_id, resolution: context.resolution, voteResult: context.voteResult };
  }

  private async send(row: VoteRow, event: WorkflowEvent, actor: Actor, idempotencyKey?: string): Promise<void> {
    try {
      await this.engine.send(row.instance_id, event, viaVotesApi(actor), { idempotencyKey });
    } catch (error) {
      throw inTermsOfAVote(error, row);
    }
  }

  private async requireCase(caseId: string): Promise<VoteCase> {
    const kase = await this.repo.findCase(caseId);
    if (!kase) throw notFound('case', caseId);
    return kase;
  }

  private async requireVote(voteId: string): Promise<VoteRow> {
    const row = await this.repo.vote(voteId);
    if (!row) throw notFound('vote', voteId);
    return row;
  }

  private mayRead(row: VoteRow, kase: VoteCase, actor: Actor): void {
    if (!mayReadVote(row, kase, actor)) throw forbidden(`You may not read votes of ${kase.committee.code}`);
  }

  private async viewOf(row: VoteRow, kase: VoteCase): Promise<VoteView> {
    return toVoteView(row, kase, await this.repo.ballots(row.id));
  }
}
