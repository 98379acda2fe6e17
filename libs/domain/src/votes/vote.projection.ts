import { conflict, DomainError, ErrorCode, forbidden, type Projection } from '@samflyt/engine';
import type { VoteContext } from '@samflyt/workflows';
import { VotesRepository } from './votes.repository';

/** The votes row, written with the event that changed it; a second ballot hits the primary key. */
export async function projectVote(p: Projection<VoteContext>): Promise<void> {
  const c = p.after;
  if (p.event.type === 'workflow.started') {
    await new VotesRepository(p).lockCaseEligibility(c.case.id);
    const declared = (await p.query(
      `SELECT d.person_id FROM inhabil_declarations d WHERE d.case_id = $1 AND d.person_id::text = ANY($2::text[])`,
      [c.case.id, c.voters.map((v) => v.personId)],
    )) as { person_id: string }[];
    if (declared.length > 0) {
      throw conflict(
        `A voter was declared inhabil in case ${c.case.ref} while the vote was being opened; open it again`,
        { inhabil: declared.map((d) => d.person_id) },
      );
    }
    await p.query(
      `INSERT INTO votes (id, case_id, meeting_id, mode, rule, instance_id, deadline, eligible, excluded, voting_seats, state)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open')`,
      [
        c.voteId,
        c.case.id,
        c.meetingId,
        c.mode,
        c.rule,
        p.instanceId,
        c.deadline,
        JSON.stringify(c.voters),
        JSON.stringify(c.excluded),
        c.votingSeats,
      ],
    );
    return;
  }
  if (p.event.type === 'vote.cast' || p.event.type === 'ballot.recorded') {
    const voterId = String(p.event.voterId);
    if (p.event.type === 'vote.cast' && voterId !== p.actor.id) {
      throw forbidden('You may cast only your own ballot');
    }
    // The deadline is checked by the database clock too: a ballot after it is refused even if the
    // deadline timer has not fired yet.
    const inserted = await p.query(
      `INSERT INTO ballots (vote_id, person_id, choice, recorded_by)
       SELECT id, $2, $3, $4 FROM votes WHERE instance_id = $1 AND (deadline IS NULL OR now() <= deadline)
       RETURNING vote_id`,
      [p.instanceId, voterId, p.event.choice, p.actor.id],
    );
    if (inserted.length === 0) {
      throw new DomainError(
        ErrorCode.EventNotAllowed,
        `The deadline for this vote passed at ${c.deadline}; no more ballots are accepted`,
        { state: 'open', allowedEvents: [] },
      );
    }
    return;
  }
  if (p.toState !== p.fromState && (p.toState === 'closed' || p.toState === 'cancelled')) {
    await p.query(
      `UPDATE votes SET state = $2, result = $3, closed_at = now(), cancelled_reason = $4 WHERE instance_id = $1`,
      [p.instanceId, p.toState, c.result === null ? null : JSON.stringify(c.result), c.cancelledReason],
    );
  }
}
