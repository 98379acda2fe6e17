import { notFound, type Queryable } from '@samflyt/engine';
import { renderPdf } from '../documents/pdf';
import type {
  ArchiveSet,
  ArchiveSetRef,
  Correspondent,
  GeneratedDocuments,
  SetDocument,
  SetFolder,
} from './archive-set';

/** A text people wrote, as PDF/A like every document of the deposit: its title, then its paragraphs as written. */
const textPdf = (title: string, body: string): Promise<Buffer> =>
  renderPdf({
    title,
    blocks: [
      { kind: 'heading', level: 1, text: title },
      ...body
        .split(/\n{2,}/)
        .filter((p) => p.trim() !== '')
        .map((p) => ({ kind: 'paragraph' as const, text: p.trim() })),
    ],
  });
const safeName = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '_')
    .replace(/_+/g, '_')
    .slice(0, 80);

/**
 * Every document of a set with the record and folder it files under: the uploads as they were sent, the PDFs
 * samflyt generates (innstilling, sammendrag, referat), the texts people wrote (søknad, høringsbrev, høringssvar,
 * saksframlegg) and the letters sent (grant_letters). The one place that decides what a deposit contains.
 */
export async function listSetDocuments(
  db: Queryable,
  ref: ArchiveSetRef,
  generated: GeneratedDocuments,
): Promise<ArchiveSet> {
  switch (ref.kind) {
    case 'round':
      return roundDocuments(db, ref.id, generated);
    case 'hearing':
      return hearingDocuments(db, ref.id, generated);
    case 'meeting':
      return meetingDocuments(db, ref.id, generated);
  }
}

interface RoundRow {
  title: string;
  created_at: Date;
  has_innstilling: boolean;
  created_by: { name?: string };
}
interface ApplicationRow {
  id: string;
  instance_id: string;
  title: string;
  applicant_name: string;
  applicant_email: string;
  organisation_name: string;
  requested_amount: string;
  answers: Record<string, unknown>;
  submitted_at: Date;
}

async function roundDocuments(db: Queryable, id: string, generated: GeneratedDocuments): Promise<ArchiveSet> {
  const rounds = (await db.query(
    `SELECT title, created_at, created_by, innstilling IS NOT NULL AS has_innstilling FROM grant_rounds WHERE id = $1`,
    [id],
  )) as RoundRow[];
  const round = rounds[0];
  if (!round) throw notFound('grant round', id);
  const apps = (await db.query(
    `SELECT id, instance_id, title, applicant_name, applicant_email, organisation_name, requested_amount, answers,
            submitted_at
       FROM grant_applications WHERE round_id = $1 AND submitted_at IS NOT NULL ORDER BY submitted_at, id`,
    [id],
  )) as ApplicationRow[];
  const folders: SetFolder[] = [{ key: id, title: round.title, createdAt: round.created_at }];
  const documents: SetDocument[] = [];
  const secretariat = round.created_by?.name ?? 'Sekretariatet';
  if (round.has_innstilling) {
    const content = await generated.innstilling(id);
    documents.push({
      folder: id,
      record: `${id}:innstilling`,
      recordKind: 'notat',
      recordTitle: `Innstilling: ${round.title}`,
      recordDate: new Date(),
      correspondents: [],
      title: 'Innstilling',
      filename: `innstilling-${id}.pdf`,
      mediaType: 'application/pdf',
      content,
      createdAt: new Date(),
      createdBy: secretariat,
    });
  }
  for (const a of apps) {
    folders.push({ key: a.id, title: `Søknad om tilskudd: ${a.title}`, createdAt: a.submitted_at });
    const applicant: Correspondent = {
      type: 'avsender',
      organisation: a.organisation_name,
      person: a.applicant_name,
      email: a.applicant_email,
    };
    const record = { folder: a.id, record: `${a.id}:soknad`, recordKind: 'inngaaende' as const };
    const common = {
      ...record,
      recordTitle: `Søknad: ${a.title}`,
      recordDate: a.submitted_at,
      correspondents: [applicant],
      createdAt: a.submitted_at,
      createdBy: a.applicant_name,
    };
    const answers = Object.entries(a.answers)
      .filter(([, v]) => typeof v !== 'object' || v === null)
      .map(([k, v]) => `${k}: ${String(v)}`);
    documents.push({
      ...common,
      title: `Søknad: ${a.title}`,
      filename: `soknad-${a.id}.pdf`,
      mediaType: 'application/pdf',
      content: await textPdf(
        `Søknad: ${a.title}`,
        [`Søker: ${a.organisation_name}`, `Omsøkt beløp: kr ${a.requested_amount}`, '', ...answers].join('\n'),
      ),
    });
    const files = (await db.query(
      `SELECT id, filename, content_type, data, uploaded_at FROM grant_attachments
         WHERE application_id = $1 ORDER BY uploaded_at, id`,
      [a.id],
    )) as { id: string; filename: string; content_type: string; data: Buffer; uploaded_at: Date }[];
    const referenced = new Set(
      Object.values(a.answers).flatMap((v) =>
        v && typeof v === 'object' && 'attachmentId' in v
          ? [String((v as { attachmentId: unknown }).attachmentId)]
          : [],
      ),
    );
    for (const f of files.filter((f) => referenced.has(f.id))) {
      documents.push({
        ...common,
        title: f.filename,
        filename: `${f.id}-${safeName(f.filename)}`,
        mediaType: f.content_type,
        content: f.data,
        createdAt: f.uploaded_at,
      });
    }
    const letters = (await db.query(
      `SELECT id, kind, subject, body, recipient, created_at FROM grant_letters WHERE application_id = $1
         ORDER BY created_at, id`,
      [a.id],
    )) as { id: string; kind: string; subject: string; body: string; recipient: string; created_at: Date }[];
    // The letters as sent: the stored PDF/A (rendered once, with its checksum), else the text kept before PDFs.
    const sent = (await db.query(
      `SELECT id, kind, subject, addressee_name, addressee_organisation, addressee_email, bytes, created_at
         FROM letters WHERE instance_id = $1 ORDER BY created_at, id`,
      [a.instance_id],
    )) as {
      id: string;
      kind: string;
      subject: string;
      addressee_name: string;
      addressee_organisation: string | null;
      addressee_email: string | null;
      bytes: Buffer;
      created_at: Date;
    }[];
    const asPdf = new Set(sent.map((l) => l.subject));
    const outgoing = [
      ...sent.map((l) => ({
        ...l,
        to: {
          organisation: l.addressee_organisation ?? a.organisation_name,
          person: l.addressee_name,
          email: l.addressee_email ?? undefined,
        },
        content: async () => l.bytes,
      })),
      ...letters
        .filter((l) => !asPdf.has(l.subject))
        .map((l) => ({
          ...l,
          to: { organisation: a.organisation_name, person: a.applicant_name, email: l.recipient },
          content: () => textPdf(l.subject, l.body),
        })),
    ];
    for (const l of outgoing) {
      documents.push({
        folder: a.id,
        record: `${l.id}:brev`,
        recordKind: 'utgaaende',
        recordTitle: l.subject,
        recordDate: l.created_at,
        correspondents: [{ type: 'mottaker', ...l.to }],
        title: l.subject,
        filename: `${l.kind}-${l.id}.pdf`,
        mediaType: 'application/pdf',
        content: await l.content(),
        createdAt: l.created_at,
        createdBy: secretariat,
      });
    }
  }
  return { ref: { kind: 'round', id }, title: round.title, createdAt: round.created_at, folders, documents };
}

interface HearingRow {
  title: string;
  proposal: string;
  created_at: Date;
  sent_at: Date | null;
  closed_at: Date | null;
  committee: string;
  created_by: { name?: string };
  case_year: number | null;
  case_number: number | null;
}

async function hearingDocuments(db: Queryable, id: string, generated: GeneratedDocuments): Promise<ArchiveSet> {
  const rows = (await db.query(
    `SELECT h.title, h.proposal, h.created_at, h.sent_at, h.closed_at, h.created_by, c.name AS committee,
            k.year AS case_year, k.number AS case_number
       FROM hearings h JOIN committees c ON c.id = h.committee_id LEFT JOIN cases k ON k.id = h.case_id
      WHERE h.id = $1`,
    [id],
  )) as HearingRow[];
  const h = rows[0];
  if (!h) throw notFound('hearing', id);
  const by = h.created_by?.name ?? 'Sekretariatet';
  const folder: SetFolder = {
    key: id,
    title: `Høring: ${h.title}`,
    createdAt: h.created_at,
    caseNumber:
      h.case_year !== null && h.case_number !== null ? { year: h.case_year, number: h.case_number } : undefined,
  };
  const documents: SetDocument[] = [];
  const recipients = (await db.query(
    `SELECT o.name FROM hearing_recipients r JOIN organisations o ON o.id = r.organisation_id
      WHERE r.hearing_id = $1 ORDER BY o.name`,
    [id],
  )) as { name: string }[];
  if (h.sent_at) {
    const letter = {
      folder: id,
      record: `${id}:horingsbrev`,
      recordKind: 'utgaaende' as const,
      recordTitle: `Høringsbrev: ${h.title}`,
      recordDate: h.sent_at,
      correspondents: recipients.map((r) => ({ type: 'mottaker' as const, organisation: r.name })),
      createdAt: h.sent_at,
      createdBy: by,
    };
    documents.push({
      ...letter,
      title: `Høringsbrev: ${h.title}`,
      filename: `horingsbrev-${id}.pdf`,
      mediaType: 'application/pdf',
      content: await textPdf(`Høringsbrev: ${h.title}`, h.proposal),
    });
    const proposalFiles = (await db.query(
      `SELECT id, filename, media_type, content, uploaded_at FROM hearing_attachments
        WHERE hearing_id = $1 AND in_proposal ORDER BY uploaded_at, id`,
      [id],
    )) as { id: string; filename: string; media_type: string; content: Buffer; uploaded_at: Date }[];
    for (const f of proposalFiles) {
      documents.push({
        ...letter,
        title: f.filename,
        filename: `${f.id}-${safeName(f.filename)}`,
        mediaType: f.media_type,
        content: f.content,
      });
    }
  }
  const answers = (await db.query(
    `SELECT a.id, o.name AS organisation, a.withheld_reason, a.submitted_at, v.text, v.submitted_by, v.attachment_ids
       FROM hearing_answers a JOIN organisations o ON o.id = a.organisation_id
       JOIN hearing_answer_versions v ON v.answer_id = a.id AND v.version = a.current_version
      WHERE a.hearing_id = $1 ORDER BY a.submitted_at, a.id`,
    [id],
  )) as {
    id: string;
    organisation: string;
    withheld_reason: string | null;
    submitted_at: Date;
    text: string;
    submitted_by: { name?: string; email?: string };
    attachment_ids: string[];
  }[];
  for (const a of answers) {
    const answer = {
      folder: id,
      record: `${a.id}:horingssvar`,
      recordKind: 'inngaaende' as const,
      recordTitle: `Høringssvar fra ${a.organisation}: ${h.title}`,
      recordDate: a.submitted_at,
      correspondents: [
        {
          type: 'avsender' as const,
          organisation: a.organisation,
          person: a.submitted_by?.name,
          email: a.submitted_by?.email,
        },
      ],
      exempt: a.withheld_reason ?? undefined,
      createdAt: a.submitted_at,
      createdBy: a.submitted_by?.name ?? a.organisation,
    };
    documents.push({
      ...answer,
      title: `Høringssvar fra ${a.organisation}`,
      filename: `horingssvar-${a.id}.pdf`,
      mediaType: 'application/pdf',
      content: await textPdf(`Høringssvar fra ${a.organisation}`, a.text),
    });
    const files = (await db.query(
      `SELECT id, filename, media_type, content FROM hearing_attachments WHERE id = ANY($1::uuid[]) ORDER BY uploaded_at, id`,
      [a.attachment_ids],
    )) as { id: string; filename: string; media_type: string; content: Buffer }[];
    for (const f of files) {
      documents.push({
        ...answer,
        title: f.filename,
        filename: `${f.id}-${safeName(f.filename)}`,
        mediaType: f.media_type,
        content: f.content,
      });
    }
  }
  if (h.closed_at) {
    documents.push({
      folder: id,
      record: `${id}:sammendrag`,
      recordKind: 'notat',
      recordTitle: `Sammendrag av høringen: ${h.title}`,
      recordDate: h.closed_at,
      correspondents: [],
      title: 'Sammendrag',
      filename: `sammendrag-${id}.pdf`,
      mediaType: 'application/pdf',
      content: await generated.hearingSummary(id),
      createdAt: new Date(),
      createdBy: by,
    });
  }
  return {
    ref: { kind: 'hearing', id },
    title: `Høring: ${h.title}`,
    createdAt: h.created_at,
    folders: [folder],
    documents,
  };
}

async function meetingDocuments(db: Queryable, id: string, generated: GeneratedDocuments): Promise<ArchiveSet> {
  const rows = (await db.query(
    `SELECT m.starts_at, c.name AS committee FROM meetings m JOIN committees c ON c.id = m.committee_id WHERE m.id = $1`,
    [id],
  )) as { starts_at: Date; committee: string }[];
  const m = rows[0];
  if (!m) throw notFound('meeting', id);
  const title = `Møte i ${m.committee} ${m.starts_at.toISOString().slice(0, 10)}`;
  const cases = (await db.query(
    `SELECT k.id, k.year, k.number, k.title, k.proposed_resolution, k.resolution, k.case_officer
       FROM agenda_items i JOIN cases k ON k.id = i.case_id WHERE i.meeting_id = $1 ORDER BY i.position`,
    [id],
  )) as {
    id: string;
    year: number;
    number: number;
    title: string;
    proposed_resolution: string;
    resolution: string | null;
    case_officer: string | null;
  }[];
  const folders: SetFolder[] = [{ key: id, title, createdAt: m.starts_at }];
  const documents: SetDocument[] = [
    {
      folder: id,
      record: `${id}:referat`,
      recordKind: 'notat',
      recordTitle: `Referat: ${title}`,
      recordDate: m.starts_at,
      correspondents: [],
      title: 'Referat',
      filename: `referat-${id}.pdf`,
      mediaType: 'application/pdf',
      content: await generated.minutes(id),
      createdAt: new Date(),
      createdBy: m.committee,
    },
  ];
  for (const k of cases) {
    const sak = `Sak ${String(k.number).padStart(2, '0')}/${String(k.year % 100).padStart(2, '0')}`;
    folders.push({
      key: k.id,
      title: `${sak}: ${k.title}`,
      createdAt: m.starts_at,
      caseNumber: { year: k.year, number: k.number },
    });
    const body = ['Forslag til vedtak:', k.proposed_resolution];
    if (k.resolution) body.push('', 'Vedtak:', k.resolution);
    documents.push({
      folder: k.id,
      record: `${k.id}:saksframlegg`,
      recordKind: 'notat',
      recordTitle: `Saksframlegg: ${k.title}`,
      recordDate: m.starts_at,
      correspondents: [],
      title: `Saksframlegg: ${k.title}`,
      filename: `saksframlegg-${k.id}.pdf`,
      mediaType: 'application/pdf',
      content: await textPdf(`${sak}: ${k.title}`, body.join('\n')),
      createdAt: m.starts_at,
      createdBy: k.case_officer ?? m.committee,
    });
  }
  return { ref: { kind: 'meeting', id }, title, createdAt: m.starts_at, folders, documents };
}
