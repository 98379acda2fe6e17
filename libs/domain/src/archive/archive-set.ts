/** What one deposit holds: a grant round with its applications, a hearing with its answers, or a meeting. */
export type ArchiveSetRef = { kind: 'round' | 'hearing' | 'meeting'; id: string };

/** Noark 5 journalposttype: inngående, utgående, or an internal notat. */
export type RecordKind = 'inngaaende' | 'utgaaende' | 'notat';

/** A correspondent of a journalpost. `person` and `email` are contact details the offentlig journal leaves out. */
export interface Correspondent {
  type: 'avsender' | 'mottaker';
  organisation: string;
  person?: string;
  email?: string;
}

/** One file of a record: an upload as it was sent, a generated PDF, or a stored letter. */
export interface SetDocument {
  /** The saksmappe the document belongs to (`folders[].key`). */
  folder: string;
  /** The journalpost it belongs to: documents with the same key form one record, the first the hoveddokument. */
  record: string;
  recordKind: RecordKind;
  recordTitle: string;
  recordDate: Date;
  correspondents: Correspondent[];
  /** Unntatt offentlighet: the legal basis as recorded (a withheld høringssvar). */
  exempt?: string;
  title: string;
  filename: string;
  mediaType: string;
  content: Buffer;
  createdAt: Date;
  createdBy: string;
}

export interface SetFolder {
  key: string;
  title: string;
  createdAt: Date;
  /** The case number when the folder is a sak of a committee; otherwise the deposit numbers it. */
  caseNumber?: { year: number; number: number };
}

export interface ArchiveSet {
  ref: ArchiveSetRef;
  title: string;
  createdAt: Date;
  folders: SetFolder[];
  documents: SetDocument[];
}

/** The PDFs samflyt generates for a set, rendered for the secretariat asking for the deposit. */
export interface GeneratedDocuments {
  innstilling(roundId: string): Promise<Buffer>;
  hearingSummary(hearingId: string): Promise<Buffer>;
  minutes(meetingId: string): Promise<Buffer>;
}
