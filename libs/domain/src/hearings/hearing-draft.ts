import { invalidInput, ruleViolated, type FieldError } from '@samflyt/engine';
import {
  hasAnswered,
  hearingTitle,
  recipientDeadline,
  type HearingContext,
  type HearingQuestion,
  type HearingRecipient,
} from '@samflyt/workflows';
import type { NewAttachment } from './hearings.repository';
import type { ContactView } from './organisations.repository';

export interface RecipientRequest {
  organisationId: string;
  /** A subset of the organisation's contact persons; all of them when left out. */
  contactIds?: string[];
}

/** Questions as the hearing keeps them: those without an id get q1, q2 … by their place. */
export const withQuestionIds = (questions: { id?: string; text: string }[]): HearingQuestion[] =>
  questions.map((q, i) => ({ id: q.id ?? `q${i + 1}`, text: q.text }));

/**
 * The recipients as the hearing keeps them, from the organisations asked for: each with its name and the contact
 * persons chosen (all when none are named). Every organisation and contact must exist (400 naming the field).
 */
export function resolveRecipients(
  requests: RecipientRequest[],
  names: Map<string, string>,
  contacts: Map<string, ContactView[]>,
): HearingRecipient[] {
  const errors: FieldError[] = [];
  const recipients = requests.flatMap((r, i): HearingRecipient[] => {
    const name = names.get(r.organisationId);
    if (!name) {
      errors.push({ field: `recipients.${i}.organisationId`, message: 'no organisation with this id' });
      return [];
    }
    const all = contacts.get(r.organisationId) ?? [];
    const chosen = r.contactIds ? all.filter((p) => r.contactIds!.includes(p.id)) : all;
    if (r.contactIds && chosen.length !== new Set(r.contactIds).size) {
      errors.push({ field: `recipients.${i}.contactIds`, message: `not all are contact persons of ${name}` });
    }
    return [
      { organisationId: r.organisationId, name, contacts: chosen.map(({ id, name, email }) => ({ id, name, email })) },
    ];
  });
  if (errors.length > 0) throw invalidInput(errors);
  return recipients;
}

/**
 * Why one recipient may not get `deadline` as its own, or null: it must be a later deadline than the one it has,
 * and it must not have answered already.
 */
export function extensionRefusal(c: HearingContext, organisationId: string, deadline: string, state: string) {
  const was = c.deadline === null ? null : recipientDeadline(c, organisationId);
  if (was !== null && deadline <= was) {
    return invalidInput([{ field: 'deadline', message: `must be later than the recipient's deadline ${was}` }]);
  }
  if (hasAnswered(c, organisationId)) return ruleViolated('This recipient has answered already', { state });
  return null;
}

/** The case a hearing's sammendrag goes to its committee as, unless the secretariat words it otherwise. */
export function presentationCase(
  hearing: { title: string; committeeCode: string },
  asked: { title?: string; proposedResolution?: string },
): { title: string; proposedResolution: string } {
  return {
    title: asked.title ?? `${hearingTitle(hearing)} – sammendrag av høringssvar`,
    proposedResolution:
      asked.proposedResolution ?? `1. ${hearing.committeeCode} tar sammendraget av høringssvarene til orientering.`,
  };
}

/** What the agenda item says of the sammendrag's attachments. */
export const presentationDetails = (hearingId: string, c: Pick<HearingContext, 'answeredBy' | 'recipients'>) =>
  `Vedlegg: Sammendrag av høringssvarene (${Object.keys(c.answeredBy).length} av ${c.recipients.length} ` +
  `høringsinstanser har svart)\nVedlegg: Høringssvarene (/public/hearings/${hearingId})`;

export interface UploadedFile {
  filename: string;
  mediaType: string;
  content: Buffer;
}

/** The largest file a hearing takes, in its proposal or an answer. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/**
 * An uploaded file as stored: no path separators or control characters in its name (at most 255 characters), and a
 * media type of at most 200; `organisationId` for an answer's file, null for the proposal's.
 */
export function storedAttachment(
  hearingId: string,
  organisationId: string | null,
  file: UploadedFile,
  uploadedBy: { id: string; name: string },
): NewAttachment {
  const safe = [...file.filename.normalize('NFC')].map((ch) => (ch < ' ' || ch === '/' || ch === '\\' ? '_' : ch));
  return {
    hearingId,
    organisationId,
    filename: safe.join('').slice(0, 255) || 'vedlegg',
    mediaType: file.mediaType.slice(0, 200) || 'application/octet-stream',
    content: file.content,
    uploadedBy: { id: uploadedBy.id, name: uploadedBy.name },
  };
}
