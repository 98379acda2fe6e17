import { randomUUID } from 'node:crypto';
import {
  WorkflowEngine,
  ErrorCode,
  DomainError,
  hasRole,
  invalidInput,
  toDeadline,
  type Actor,
  type WorkflowEvent,
  isUuid,
  notFound,
} from '@samflyt/engine';
import { VOTES_API_ROLE, type Choice, type DecisionRule, type VoteInput, type VoteMode } from '@samflyt/workflows';
import type { DataSource } from 'typeorm';
import { VoteEligibilityService, type VoteCase } from './vote-eligibility.service';
import { toVoteView, type BallotRow, type VoteRow, type VoteView } from './vote-view';

export interface OpenVoteRequest {
  mode: VoteMode;
  /** Written rounds: a date (end of that day in Oslo) or a date-time with offset. */
  deadline?: string | null;
  /** Defaults to the committee's decision rule. */
  rule?: DecisionRule;
  /** Written rounds: reminders this long before the deadline. */
  reminderOffsets?: string[];
  /** A vote in a meeting: defaults to the meeting the case is on. */
  meetingId?: string | null;
}

export const DEFAULT_REMINDER_OFFSETS = ['P2D', 'PT12H'];

const isSecretariat = (actor: Actor) => hasRole(actor, 'secretariat');

/** The vote workflow takes people's events only from here (see VOTES_API_ROLE). */
const viaVotesApi = (actor: Actor): Actor => ({ ...actor, roles: [...actor.roles, VOTES_API_ROLE] });

/**
 * Votes on cases: opens them with eligibility derived from the rows and quorum checked, and sends
 * ballots and closing to the `vote` workflow. Every change goes through the engine, whose
 * projection writes the votes and ballots rows in the event's transaction.
 */
export class VoteService {
  private readonly eligibility: VoteEligibilityService;

  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: WorkflowEngine,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.eligibility = new VoteEligibilityService(dataSource);
  }

  /** The secretariat opens a vote; 422 naming the rule and the numbers when quorum is not met. */
  async open(caseId: string, request: OpenVoteRequest, actor: Actor): Promise<VoteView> {
    if (!isSecretariat(actor)) throw new DomainError(ErrorCode.Forbidden, 'Only the secretariat opens a vote');
    const kase = await this.eligibility.findCase(caseId);
    if (!kase) throw notFound('case', caseId);
    if (kase.state === 'decided' || kase.state === 'withdrawn') {
      throw new DomainError(
        ErrorCode.EventNotAllowed,
        `Case ${kase.ref} is ${kase.state}; there is nothing left to vote on`,
        { state: kase.state, allowedEvents: [] },
      );
    }
    const mode = request.mode;
    const deadline = this.deadlineOf(mode, request.deadline ?? null);
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
    return (await this.get(voteId, actor))!;
  }

  /** null when there is no such vote. */
  async get(voteId: string, actor: Actor): Promise<VoteView | null> {
    const row = await this.row(voteId);
    if (!row) return null;
    const kase = (await this.eligibility.findCase(row.case_id))!;
    this.mayRead(row, kase, actor);
    return this.viewOf(row, kase);
  }

  /** Closed and open votes on a case, oldest first: the minutes take the closed ones' text. */
  async listForCase(caseId: string, actor: Actor): Promise<VoteView[]> {
    const kase = await this.eligibility.findCase(caseId);
    if (!kase) throw notFound('case', caseId);
    const rows = (await this.dataSource.query(`SELECT * FROM votes WHERE case_id = $1 ORDER BY opened_at, id`, [
      caseId,
    ])) as VoteRow[];
    rows.forEach((row) => this.mayRead(row, kase, actor));
    return Promise.all(rows.map((row) => this.viewOf(row, kase)));
  }

  /** A voter casts their own ballot. Once only: a second ballot is refused by the database (409). */
  async cast(voteId: string, choice: Choice, actor: Actor, idempotencyKey?: string): Promise<VoteView> {
    const row = await this.requireRow(voteId);
    if (!row.eligible.some((v) => v.personId === actor.id)) {
      throw new DomainError(
        ErrorCode.Forbidden,
        `You are not among the ${row.eligible.length} eligible voters of this vote ` +
          '(derived from memberships, attendance and inhabilitet when it opened)',
      );
    }
    await this.send(row, { type: 'vote.cast', voterId: actor.id, choice }, actor, idempotencyKey);
    return (await this.get(voteId, actor))!;
  }

  /** In a meeting, the secretariat records a voter's ballot (a show of hands). */
  async record(
    voteId: string,
    voterId: string,
    choice: Choice,
    actor: Actor,
    idempotencyKey?: string,
  ): Promise<VoteView> {
    const row = await this.requireRow(voteId);
    if (!isSecretariat(actor)) {
      throw new DomainError(ErrorCode.Forbidden, "Only the secretariat records another voter's ballot");
    }
    if (row.mode !== 'meeting') {
      throw new DomainError(
        ErrorCode.RuleViolated,
        'In a written round each voter casts their own ballot; the secretariat records ballots only in a meeting',
      );
    }
    if (!row.eligible.some((v) => v.personId === voterId)) {
      throw new DomainError(ErrorCode.RuleViolated, `${voterId} is not an eligible voter of this vote`);
    }
    await this.send(row, { type: 'ballot.recorded', voterId, choice }, actor, idempotencyKey);
    return (await this.get(voteId, actor))!;
  }

  /** The secretariat closes a vote held in a meeting; a written round closes at its deadline. */
  async close(voteId: string, actor: Actor, idempotencyKey?: string): Promise<VoteView> {
    const row = await this.requireRow(voteId);
    if (row.mode === 'written' && row.state === 'open' && isSecretariat(actor)) {
      throw new DomainError(
        ErrorCode.RuleViolated,
        `A written round closes at its deadline (${row.deadline!.toISOString()}), not by hand`,
        { state: row.state },
      );
    }
    await this.send(row, { type: 'vote.closed' }, actor, idempotencyKey);
    return (await this.get(voteId, actor))!;
  }

  async cancel(voteId: string, reason: string, actor: Actor, idempotencyKey?: string): Promise<VoteView> {
    const row = await this.requireRow(voteId);
    await this.send(row, { type: 'vote.cancelled', reason }, actor, idempotencyKey);
    return (await this.get(voteId, actor))!;
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
    const row = await this.requireRow(voteId);
    if (!isSecretariat(actor)) {
      throw new DomainError(ErrorCode.Forbidden, 'Only the secretariat records the vedtak');
    }
    const kase = (await this.eligibility.findCase(row.case_id))!;
    const view = await this.viewOf(row, kase);
    if (view.state !== 'closed' || view.minutesText === null) {
      throw new DomainError(
        ErrorCode.EventNotAllowed,
        `The vote is ${view.state}; only a closed vote's result goes into the vedtak`,
        { state: view.state, allowedEvents: [] },
      );
    }
    const [{ instance_id: caseInstance }] = (await this.dataSource.query(
      `SELECT instance_id FROM cases WHERE id = $1`,
      [row.case_id],
    )) as { instance_id: string }[];
    const decided = await this.engine.send(
      caseInstance,
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

  // --- helpers ----------------------------------------------------------------------------

  private deadlineOf(mode: VoteMode, value: string | null): string | null {
    if (mode === 'meeting') {
      if (value !== null) {
        throw invalidInput([
          { field: 'deadline', message: 'a vote in a meeting has no deadline; the secretariat closes it' },
        ]);
      }
      return null;
    }
    if (value === null) throw invalidInput([{ field: 'deadline', message: 'a written round needs a deadline' }]);
    const at = toDeadline(value);
    if (at === null) {
      throw invalidInput([
        { field: 'deadline', message: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time with offset' },
      ]);
    }
    if (new Date(at).getTime() <= this.now().getTime()) {
      throw invalidInput([{ field: 'deadline', message: `must be in the future (${at} has passed)` }]);
    }
    return at;
  }

  private async send(row: VoteRow, event: WorkflowEvent, actor: Actor, idempotencyKey?: string): Promise<void> {
    try {
      await this.engine.send(row.instance_id, event, viaVotesApi(actor), { idempotencyKey });
    } catch (error) {
      throw clearer(error, row);
    }
  }

  private async row(voteId: string): Promise<VoteRow | null> {
    if (!isUuid(voteId)) return null;
    const [row] = (await this.dataSource.query(`SELECT * FROM votes WHERE id = $1`, [voteId])) as VoteRow[];
    return row ?? null;
  }

  private async requireRow(voteId: string): Promise<VoteRow> {
    const row = await this.row(voteId);
    if (!row) throw notFound('vote', voteId);
    return row;
  }

  /** The secretariat, the committee's members (roles derived from memberships) and everyone the vote names. */
  private mayRead(row: VoteRow, kase: VoteCase, actor: Actor): void {
    const code = kase.committee.code;
    const allowed =
      isSecretariat(actor) ||
      hasRole(actor, 'admin', `committee:${code}`, `committee:${code}:vote`) ||
      row.eligible.some((v) => v.personId === actor.id) ||
      row.excluded.some((e) => e.personId === actor.id);
    if (!allowed) throw new DomainError(ErrorCode.Forbidden, `You may not read votes of ${code}`);
  }

  private async viewOf(row: VoteRow, kase: VoteCase): Promise<VoteView> {
    const ballots = (await this.dataSource.query(
      `SELECT person_id, choice, cast_at FROM ballots WHERE vote_id = $1 ORDER BY cast_at, person_id`,
      [row.id],
    )) as BallotRow[];
    return toVoteView(row, kase, ballots);
  }
}

/** The engine's generic refusals, said in the terms of a vote. */
function clearer(error: unknown, row: VoteRow): unknown {
  if (!(error instanceof DomainError)) return error;
  if (error.code === ErrorCode.Conflict && error.details.constraint === 'ballots_pkey') {
    return new DomainError(
      ErrorCode.Conflict,
      'This voter has already voted in this vote; a ballot is cast once and cannot be changed',
      error.details,
    );
  }
  if (
    error.code === ErrorCode.EventNotAllowed &&
    (error.details.state === 'closed' || error.details.state === 'cancelled')
  ) {
    return new DomainError(
      ErrorCode.EventNotAllowed,
      `The vote is ${error.details.state}${row.closed_at ? ` (since ${row.closed_at.toISOString()})` : ''}; nothing more is accepted`,
      error.details,
    );
  }
  return error;
}
