import { createHash, randomUUID } from 'node:crypto';
import type { OutboxMessage, Queryable } from '@samflyt/engine';
import {
  DEFAULT_LETTER_TEXTS,
  isLetterKind,
  LETTER_TITLES,
  type LetterRequest,
  type LetterText,
} from '@samflyt/workflows';
import { renderPdf } from '../documents/pdf';
import { letterModel } from './letter-document';
import type { LetterSender } from './letter-sender';
import { LettersRepository } from './letters.repository';

export interface RenderedLetter {
  subject: string;
  bytes: Buffer;
  checksum: string;
}

export interface LetterAttachment {
  id: string;
  filename: string;
  bytes: Buffer;
  checksum: string;
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The letter as a PDF/A document, and its SHA-256. */
export async function renderLetter(
  request: LetterRequest,
  text: LetterText,
  sender: LetterSender,
  date: Date,
): Promise<RenderedLetter> {
  const { model, subject } = letterModel(request, text, sender, date);
  const bytes = await renderPdf(model);
  return { subject, bytes, checksum: sha256(bytes) };
}

/** «tilskuddsbrev-30-24.pdf» */
export const letterFilename = (kind: string, caseRef: string | null): string =>
  `${kind}${caseRef ? `-${caseRef}` : ''}`
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase() + '.pdf';

/**
 * One letter per addressee of one notification: the e-mail's idempotency key without its recipient, and the
 * addressee (so the secretariat's copy of an applicant's letter attaches the same document).
 */
export function letterKeyOf(message: Pick<OutboxMessage, 'idempotencyKey'>, request: LetterRequest): string {
  const key = message.idempotencyKey;
  const cut = key.lastIndexOf('/recipient:');
  return `${cut >= 0 ? key.slice(0, cut) : key}/letter:${request.addressee.key}`;
}

/** The text in force when the e-mail was written: the round's newest version before it, else the built-in one. */
async function textFor(
  repository: LettersRepository,
  request: LetterRequest,
  at: Date,
): Promise<{ text: LetterText; version: number }> {
  const stored = request.scope ? await repository.templateAsOf(request.scope, request.kind, at) : undefined;
  return stored
    ? { text: { subject: stored.subject, body: stored.body }, version: stored.version }
    : { text: DEFAULT_LETTER_TEXTS[request.kind], version: 0 };
}

/**
 * The letter an outbox message carries, rendered and stored the first time and read back every time after, so a
 * retry (or the secretariat's copy) attaches the very same bytes. Runs in the transaction that holds the message's
 * lock; a concurrent render of the same letter (another recipient's copy) waits on the unique key and reads the
 * winner's. The letter is dated by the message (when the event wrote it), not by when it was rendered.
 */
export async function letterForMessage(
  db: Queryable,
  message: OutboxMessage,
  sender: LetterSender,
): Promise<LetterAttachment | null> {
  const request = message.letter as unknown as LetterRequest | null;
  if (!request || typeof request.kind !== 'string' || !isLetterKind(request.kind)) return null;
  const repository = new LettersRepository(db);
  const key = letterKeyOf(message, request);
  let stored = await repository.byKey(key);
  if (!stored) {
    const date = new Date(message.createdAt);
    const { text, version } = await textFor(repository, request, date);
    const rendered = await renderLetter(request, text, sender, date);
    await repository.insertOnce({
      id: randomUUID(),
      letter_key: key,
      instance_id: message.instanceId,
      outbox_id: message.id,
      kind: request.kind,
      addressee_person_id: request.addressee.personId,
      addressee_name: request.addressee.name,
      addressee_organisation: request.addressee.organisation,
      addressee_email: request.addressee.email,
      case_ref: request.caseRef,
      their_ref: request.theirRef,
      subject: rendered.subject,
      template_scope: version > 0 ? request.scope : null,
      template_version: version,
      checksum_sha256: rendered.checksum,
      bytes: rendered.bytes,
      created_at: date,
    });
    stored = await repository.byKey(key);
    if (!stored) throw new Error(`Letter ${key} was neither stored nor found`);
  }
  return {
    id: stored.id,
    filename: letterFilename(stored.kind, stored.case_ref),
    bytes: stored.bytes,
    checksum: stored.checksum_sha256,
  };
}

export const letterTitle = (kind: string): string => (isLetterKind(kind) ? LETTER_TITLES[kind] : kind);
