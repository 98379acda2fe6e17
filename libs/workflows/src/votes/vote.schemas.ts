import { deadline, isoDuration, uuidSchema } from '@samflyt/engine';
import { z } from 'zod';
import { DECISION_RULES, PARTIES } from '../committees/committee.model';
import { distinct, email, text } from '../schemas';

export const CHOICES = ['for', 'against', 'abstain'] as const;
export const VOTE_MODES = ['meeting', 'written'] as const;
export const EXCLUSIONS = [
  'absent',
  'no-vote',
  'observer',
  'secretariat',
  'inhabil',
  'vara-not-standing-in',
  'vara-for-member-present',
  'vara-for-member-without-vote',
  'not-a-member',
] as const;

/** A voter's id in the vote's snapshot: persons.id, as the votes API names them. */
const voterId = text(200);
const choice = z.enum(CHOICES);
const reason = text(2_000);
const reminderOffsets = distinct(isoDuration, 'an offset').max(10);

export const voteInput = z
  .strictObject({
    voteId: uuidSchema,
    case: z.strictObject({
      id: uuidSchema,
      ref: text(20),
      title: text(500),
      proposal: z.string().max(20_000).nullable(),
    }),
    committee: z.strictObject({ id: uuidSchema, code: text(30), name: text(300) }),
    meetingId: uuidSchema.nullable(),
    mode: z.enum(VOTE_MODES),
    rule: z.enum(DECISION_RULES),
    deadline: deadline.nullable(),
    reminderOffsets,
    voters: distinct(
      z.strictObject({
        personId: voterId,
        name: text(200),
        party: z.enum(PARTIES),
        inPlaceOf: voterId.optional(),
        inPlaceOfName: z.string().max(200).nullable().optional(),
        email,
      }),
      'a voter',
      (v) => v.personId,
    ).max(500),
    excluded: z.array(z.strictObject({ personId: voterId, name: text(200), reason: z.enum(EXCLUSIONS) })).max(1000),
    /** Seats with a vote in the committee: the base of the quorum. */
    votingSeats: z.int().min(0).max(500),
    opener: z.strictObject({ id: voterId, name: text(200), email: email.nullable() }),
  })
  .refine((v) => (v.mode === 'written') === (v.deadline !== null), {
    message: 'a written round needs a deadline; a vote in a meeting has none',
    path: ['deadline'],
  });

export type VoteWorkflowInput = z.output<typeof voteInput>;

/** The payload of each vote event, besides `type`. */
export const voteEvents = {
  ballot: z.strictObject({ voterId, choice }),
  none: z.strictObject({}),
  cancelled: z.strictObject({ reason: reason.meta({ example: 'Åpnet i feil sak' }) }),
  reminderDue: z.strictObject({ offset: isoDuration }),
};

/** POST /cases/{id}/votes */
export const openVoteRequest = z.strictObject({
  mode: z
    .enum(VOTE_MODES)
    .meta({ description: '`meeting`: closed by the secretariat; `written`: closes at its deadline' }),
  deadline: z.string().max(40).optional().meta({
    example: '2024-06-14',
    description: 'Written rounds only (required there): a date (end of that day in Oslo) or a date-time with offset',
  }),
  rule: z.enum(DECISION_RULES).optional().meta({ description: "Defaults to the committee's decision rule" }),
  reminderOffsets: reminderOffsets.optional().meta({
    example: ['P2D', 'PT12H'],
    description:
      'Written rounds: reminders this long before the deadline, to those who have not voted (default P2D, PT12H)',
  }),
  meetingId: uuidSchema.optional().meta({ description: 'A vote in a meeting: defaults to the meeting the case is on' }),
});
export type OpenVoteRequest = z.output<typeof openVoteRequest>;

/** POST /votes/{id}/ballots */
export const ballotRequest = z.strictObject({
  choice,
  voterId: uuidSchema.optional().meta({
    description: "The secretariat recording a voter's ballot in a meeting (show of hands); voters leave it out",
  }),
});

/** POST /votes/{id}/cancel */
export const cancelVoteRequest = voteEvents.cancelled;

/** POST /votes/{id}/decide-case */
export const decideCaseFromVoteRequest = z.strictObject({
  resolution: text(20_000)
    .optional()
    .meta({ description: 'The vedtak, when it differs from the forslag til vedtak (amended in the meeting)' }),
});

/** POST /cases/{id}/inhabil */
export const declareInhabilRequest = z.strictObject({
  personId: uuidSchema.optional().meta({
    description: 'The member; defaults to the caller. The secretariat may name any member.',
  }),
  reason: reason.meta({ example: 'Styremedlem i søkerorganisasjonen (fvl. § 6 første ledd bokstav e)' }),
});
