import { conflict, DomainError, ErrorCode, forbidden, ruleViolated, type Projection } from '@samflyt/engine';
import {
  linkRolesOf,
  recipientRole,
  type AnswerSubmitted,
  type CoSignatureConfirmed,
  type HearingContext,
  type SignatureWithdrawn,
} from '@samflyt/workflows';

/** The hearing's id and the columns the draft sets: $1 to $8 of its INSERT and UPDATE. */
const draftColumns = (c: HearingContext): unknown[] => [
  c.hearingId,
  c.title,
  c.origin,
  c.proposal,
  JSON.stringify(c.questions),
  c.deadline,
  c.reminderOffsets,
  c.acceptLateAnswers,
];

/**
 * The hearing's rows, written in the event's transaction: `hearings`, `hearing_recipients` (with
 * each one's own deadline), answers with every version and their signatories, summary texts. The
 * database clock decides whether an answer is late, and the signatories' primary key (hearing,
 * organisation) that an organisation signs one answer only.
 */
export async function projectHearing(p: Projection<HearingContext>): Promise<void> {
  const c = p.after;
  const e = p.event;
  if (p.before === null) {
    await p
      .query(
        `INSERT INTO hearings (id, title, origin, proposal, questions, deadline, reminder_offsets, accept_late_answers,
                             instance_id, committee_id, link_key, state, created_by)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, id, $11, 'draft', $12 FROM committees WHERE code = $10
       RETURNING id`,
        [...draftColumns(c), p.instanceId, c.committee.code, c.linkKey, JSON.stringify(c.owner)],
      )
      .then((rows) => {
        if (rows.length === 0) {
          throw new DomainError(ErrorCode.ReferenceNotFound, `No committee with code "${c.committee.code}"`);
        }
      });
    await syncAttachments(p);
    await syncRecipients(p);
    return;
  }
  switch (e.type) {
    case 'hearing.updated':
      await p.query(
        `UPDATE hearings SET title = $2, origin = $3, proposal = $4, questions = $5, deadline = $6, reminder_offsets = $7,
                accept_late_answers = $8 WHERE id = $1`,
        draftColumns(c),
      );
      await syncAttachments(p);
      await syncRecipients(p);
      break;
    case 'hearing.sent': {
      const [row] = await p.query(`SELECT deadline > now() AS future FROM hearings WHERE id = $1`, [c.hearingId]);
      if (!row?.future) {
        throw ruleViolated(`The deadline ${c.deadline} has passed; set a later deadline before sending`, {
          state: 'draft',
        });
      }
      await p.query(`UPDATE hearings SET sent_at = now() WHERE id = $1`, [c.hearingId]);
      break;
    }
    case 'answer.submitted':
      await projectAnswer(p);
      break;
    case 'signature.withdrawn':
      await projectWithdrawal(p);
      break;
    case 'coSignature.confirmed':
      await projectConfirmation(p);
      break;
    case 'answer.withheld':
    case 'answer.released':
      await p.query(`UPDATE hearing_answers SET withheld_reason = $3 WHERE hearing_id = $1 AND id = $2`, [
        c.hearingId,
        e.answerId,
        e.type === 'answer.withheld' ? e.reason : null,
      ]);
      break;
    case 'extension.granted':
      await p.query(
        `UPDATE hearing_recipients SET deadline = $3, extension_reason = $4, extended_at = now()
          WHERE hearing_id = $1 AND organisation_id = $2`,
        [c.hearingId, e.organisationId, e.deadline, e.reason],
      );
      break;
    case 'link.reissued':
      await p.query(
        `UPDATE hearing_recipients SET link_generation = $3 WHERE hearing_id = $1 AND organisation_id = $2`,
        [c.hearingId, e.organisationId, c.linkGenerations?.[e.organisationId as string] ?? 0],
      );
      break;
    case 'lateAnswers.closed':
    case 'lateAnswers.reopened':
      await p.query(`UPDATE hearings SET accept_late_answers = $2 WHERE id = $1`, [c.hearingId, c.acceptLateAnswers]);
      break;
    case 'deadline.passed':
      await p.query(`UPDATE hearings SET closed_at = now() WHERE id = $1`, [c.hearingId]);
      break;
    case 'summary.textRecorded':
      await p.query(
        `INSERT INTO hearing_summary_texts (hearing_id, question_id, text) VALUES ($1, $2, $3)
         ON CONFLICT (hearing_id, question_id) DO UPDATE SET text = EXCLUDED.text, updated_at = now()`,
        [c.hearingId, e.questionId, e.text],
      );
      break;
    case 'hearing.presented':
      await p.query(`UPDATE hearings SET case_id = $2 WHERE id = $1`, [c.hearingId, e.caseId]);
      break;
    case 'hearing.concluded':
      await p.query(`UPDATE hearings SET conclusion = $2 WHERE id = $1`, [c.hearingId, c.conclusion]);
      break;
    case 'hearing.withdrawn':
      await p.query(`UPDATE hearings SET withdrawn_reason = $2 WHERE id = $1`, [c.hearingId, c.withdrawnReason]);
      break;
  }
  if (p.toState !== p.fromState) {
    await p.query(`UPDATE hearings SET state = $2 WHERE id = $1`, [c.hearingId, p.toState]);
  }
}

/** Whether the actor may act for this organisation: the secretariat for any, a personal link for its own only. */
function actsFor(p: Projection<HearingContext>, organisationId: string): boolean {
  const linkRoles = linkRolesOf(p.actor);
  return linkRoles.length === 0 || linkRoles.includes(recipientRole(p.after.hearingId, organisationId));
}

async function syncRecipients(p: Projection<HearingContext>): Promise<void> {
  const c = p.after;
  await p.query(`DELETE FROM hearing_recipients WHERE hearing_id = $1 AND NOT (organisation_id = ANY($2::uuid[]))`, [
    c.hearingId,
    c.recipients.map((r) => r.organisationId),
  ]);
  if (c.recipients.length === 0) return;
  await p.query(
    `INSERT INTO hearing_recipients (hearing_id, organisation_id, contacts)
     SELECT $1, (r->>'organisationId')::uuid, r->'contacts' FROM jsonb_array_elements($2::jsonb) r
     ON CONFLICT (hearing_id, organisation_id) DO UPDATE SET contacts = EXCLUDED.contacts`,
    [c.hearingId, JSON.stringify(c.recipients)],
  );
}

/** The proposal's attachments are uploaded to the hearing first; the event names those it keeps. */
async function syncAttachments(p: Projection<HearingContext>): Promise<void> {
  const c = p.after;
  const ids = c.attachments.map((a) => a.id);
  // Selected from the UPDATE (a CTE), so the rows come back the same from a DataSource and a QueryRunner.
  const found = (await p.query(
    `WITH kept AS (UPDATE hearing_attachments SET in_proposal = (id = ANY($2::uuid[]))
                    WHERE hearing_id = $1 AND answer_organisation_id IS NULL RETURNING id, in_proposal)
     SELECT id FROM kept WHERE in_proposal`,
    [c.hearingId, ids],
  )) as { id: string }[];
  const kept = new Set(found.map((r) => r.id));
  const missing = ids.filter((id) => !kept.has(id));
  if (missing.length > 0) {
    throw new DomainError(ErrorCode.ReferenceNotFound, `No attachment ${missing.join(', ')} uploaded to this hearing`, {
      constraint: 'hearing_attachments_pkey',
    });
  }
}

/** Refuses (422) what `organisationId` may do only until its own deadline (or the hearing's), once it has passed. */
async function beforeOwnDeadline(
  p: Projection<HearingContext>,
  organisationId: string,
  what: string,
  advice: string,
): Promise<void> {
  const [clock] = await p.query(
    `SELECT now() > coalesce(r.deadline, h.deadline) AS late, coalesce(r.deadline, h.deadline) AS deadline
       FROM hearings h JOIN hearing_recipients r ON r.hearing_id = h.id AND r.organisation_id = $2 WHERE h.id = $1`,
    [p.after.hearingId, organisationId],
  );
  if (!clock || clock.late) {
    throw ruleViolated(
      `${what} until the deadline (${clock ? new Date(clock.deadline).toISOString() : '?'}); it has passed. ${advice}`,
      { state: p.fromState ?? undefined },
    );
  }
}

/** A co-signer off a joint answer: a version like the last without it, before the co-signer's own deadline. */
async function projectWithdrawal(p: Projection<HearingContext>): Promise<void> {
  const c = p.after;
  const e = p.event as unknown as SignatureWithdrawn;
  if (!actsFor(p, e.organisationId)) throw forbidden('A personal link withdraws its own organisation only');
  await beforeOwnDeadline(
    p,
    e.organisationId,
    'A signature can be withdrawn',
    'Ask the organisation that gave the answer, or the secretariat',
  );
  await p.query(
    `INSERT INTO hearing_answer_versions (answer_id, version, text, question_answers, co_signers, attachment_ids, submitted_by, late,
                                          pending_co_signers)
     SELECT answer_id, $2, text, question_answers, $3, attachment_ids, $4, late, pending_co_signers
       FROM hearing_answer_versions WHERE answer_id = $1 AND version = $2 - 1`,
    [
      e.answerId,
      e.version,
      c.answers[e.answerId].coSigners,
      JSON.stringify({ id: p.actor.id, name: p.actor.name, email: p.actor.email ?? null }),
    ],
  );
  await p.query(`UPDATE hearing_answers SET current_version = $2, updated_at = now() WHERE id = $1`, [
    e.answerId,
    e.version,
  ]);
  await p.query(`DELETE FROM hearing_answer_signatories WHERE answer_id = $1 AND organisation_id = $2`, [
    e.answerId,
    e.organisationId,
  ]);
}

/**
 * A co-signer is named only before its own deadline (by the database clock), and through a link only as one asking
 * for its confirmation: signing co-signers a link names are those that confirmed before.
 */
async function refuseCoSignersPastDeadline(p: Projection<HearingContext>, e: AnswerSubmitted): Promise<void> {
  const before = p.before?.answers[e.answerId];
  const signedBefore = before?.coSigners ?? [];
  if (linkRolesOf(p.actor).length > 0 && e.coSigners.some((id) => !signedBefore.includes(id))) {
    throw forbidden('A personal link names co-signers; each confirms through its own link');
  }
  const askedBefore = before?.pendingCoSigners ?? [];
  const named = [...e.coSigners.filter((id) => !signedBefore.includes(id)), ...(e.pendingCoSigners ?? [])].filter(
    (id) => !askedBefore.includes(id),
  );
  if (named.length === 0) return;
  const late = (await p.query(
    `SELECT o.name, coalesce(r.deadline, h.deadline) AS deadline
       FROM hearing_recipients r JOIN hearings h ON h.id = r.hearing_id JOIN organisations o ON o.id = r.organisation_id
      WHERE r.hearing_id = $1 AND r.organisation_id = ANY($2::uuid[]) AND now() > coalesce(r.deadline, h.deadline)
      ORDER BY o.name`,
    [p.after.hearingId, named],
  )) as { name: string; deadline: Date }[];
  if (late.length > 0) {
    throw ruleViolated(
      `coSigners: the deadline of ${late.map((r) => `${r.name} (${new Date(r.deadline).toISOString()})`).join(', ')} ` +
        'has passed; a recipient is named as co-signer only before its own deadline',
      { state: p.fromState ?? undefined },
    );
  }
}

/** A co-signer confirms, before its own deadline: a version like the last with it signing. */
async function projectConfirmation(p: Projection<HearingContext>): Promise<void> {
  const c = p.after;
  const e = p.event as unknown as CoSignatureConfirmed;
  if (!actsFor(p, e.organisationId)) throw forbidden('A personal link confirms for its own organisation only');
  await beforeOwnDeadline(
    p,
    e.organisationId,
    'A co-signature can be confirmed',
    'Answer on your own, or ask the secretariat',
  );
  const answer = c.answers[e.answerId];
  await p.query(
    `INSERT INTO hearing_answer_versions (answer_id, version, text, question_answers, co_signers, attachment_ids, submitted_by, late,
                                          pending_co_signers)
     SELECT answer_id, $2, text, question_answers, $3, attachment_ids, $4, late, $5
       FROM hearing_answer_versions WHERE answer_id = $1 AND version = $2 - 1`,
    [
      e.answerId,
      e.version,
      answer.coSigners,
      JSON.stringify({ id: p.actor.id, name: p.actor.name, email: p.actor.email ?? null }),
      answer.pendingCoSigners ?? [],
    ],
  );
  await p.query(`UPDATE hearing_answers SET current_version = $2, updated_at = now() WHERE id = $1`, [
    e.answerId,
    e.version,
  ]);
  await p.query(
    `INSERT INTO hearing_answer_signatories (hearing_id, organisation_id, answer_id, lead, late) VALUES ($1, $2, $3, false, false)`,
    [c.hearingId, e.organisationId, e.answerId],
  );
}

async function projectAnswer(p: Projection<HearingContext>): Promise<void> {
  const c = p.after;
  const e = p.event as unknown as AnswerSubmitted;
  if (!actsFor(p, e.organisationId)) throw forbidden('A personal link answers for its own organisation only');
  const [clock] = await p.query(
    `SELECT now() > coalesce(r.deadline, h.deadline) AS late
       FROM hearings h JOIN hearing_recipients r ON r.hearing_id = h.id AND r.organisation_id = $2 WHERE h.id = $1`,
    [c.hearingId, e.organisationId],
  );
  if (!clock || clock.late !== e.late) {
    throw conflict('The deadline passed while the answer was being submitted; submit it again', {
      constraint: 'hearing_deadline',
    });
  }
  await refuseCoSignersPastDeadline(p, e);
  if (e.version === 1) {
    await p.query(
      `INSERT INTO hearing_answers (id, hearing_id, organisation_id, current_version, late) VALUES ($1, $2, $3, 1, $4)`,
      [e.answerId, c.hearingId, e.organisationId, e.late],
    );
  } else {
    await p.query(`UPDATE hearing_answers SET current_version = $2, updated_at = now() WHERE id = $1`, [
      e.answerId,
      e.version,
    ]);
  }
  await p.query(
    `INSERT INTO hearing_answer_versions (answer_id, version, text, question_answers, co_signers, attachment_ids, submitted_by, late,
                                          pending_co_signers)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      e.answerId,
      e.version,
      e.text,
      JSON.stringify(e.questionAnswers),
      e.coSigners,
      e.attachmentIds,
      JSON.stringify({ id: p.actor.id, name: p.actor.name, email: p.actor.email ?? null }),
      e.late,
      e.pendingCoSigners ?? [],
    ],
  );
  const signatories = [e.organisationId, ...e.coSigners];
  await p.query(
    `DELETE FROM hearing_answer_signatories WHERE answer_id = $1 AND NOT (organisation_id = ANY($2::uuid[]))`,
    [e.answerId, signatories],
  );
  // Each signatory is late or not by its own deadline, counted when it signed.
  await p.query(
    `INSERT INTO hearing_answer_signatories (hearing_id, organisation_id, answer_id, lead, late)
     SELECT $1, r.organisation_id, $2, r.organisation_id = $3, now() > coalesce(r.deadline, h.deadline)
       FROM hearing_recipients r JOIN hearings h ON h.id = r.hearing_id
      WHERE r.hearing_id = $1 AND r.organisation_id = ANY($4::uuid[])
        AND NOT EXISTS (SELECT 1 FROM hearing_answer_signatories s
                         WHERE s.answer_id = $2 AND s.organisation_id = r.organisation_id)`,
    [c.hearingId, e.answerId, e.organisationId, signatories],
  );
  if (e.attachmentIds.length > 0) {
    const linked = await p.query(
      `WITH linked AS (UPDATE hearing_attachments SET answer_id = $2
                        WHERE id = ANY($4::uuid[]) AND hearing_id = $1 AND answer_organisation_id = $3
                          AND (answer_id IS NULL OR answer_id = $2)
                    RETURNING id)
       SELECT id FROM linked`,
      [c.hearingId, e.answerId, e.organisationId, e.attachmentIds],
    );
    if (linked.length !== new Set(e.attachmentIds).size) {
      throw new DomainError(
        ErrorCode.ReferenceNotFound,
        'An attachment was not uploaded for this answer by the answering organisation',
        { constraint: 'hearing_attachments_pkey' },
      );
    }
  }
}
