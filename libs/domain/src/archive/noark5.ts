import { createHash } from 'node:crypto';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { sha256 } from '../letters/letter-rendering';
import { type ArchiveSet, type Correspondent, type RecordKind, type SetDocument } from './archive-set';

/** Noark 5 v5.0 namespaces; the schema files of the same names validate the deposit's XML. */
const NS = 'http://www.arkivverket.no/standarder/noark5';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const ADDML = 'http://www.arkivverket.no/standarder/addml';

/** Who made the archive (arkivskaper). An assumption: the secretariat keeps it for the helsefellesskap. */
export const ARCHIVE_CREATOR = { id: 'samflyt', name: 'Helsefellesskapet (sekretariatet)' };
const SYSTEM = 'samflyt';
/** Shown instead of what the offentlig journal must leave out (Noark's convention for skjermet words). */
const SCREENED = '*****';

/** A stable uuid for a key (systemID must be a uuid; the same set gives the same ids in every deposit). */
export function uuidFor(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const dateTime = (d: Date) => d.toISOString();
const date = (d: Date) => d.toISOString().slice(0, 10);

const JOURNALPOSTTYPE: Record<RecordKind, string> = {
  inngaaende: 'Inngående dokument',
  utgaaende: 'Utgående dokument',
  notat: 'Organinternt dokument uten oppfølging',
};
const FORMAT: Record<string, string> = {
  'application/pdf': 'PDF',
  'text/plain': 'TXT',
};

/** One journalpost of the deposit with its place in the numbering. */
export interface DepositRecord {
  key: string;
  folderIndex: number;
  kind: RecordKind;
  title: string;
  date: Date;
  correspondents: Correspondent[];
  exempt?: string;
  journalYear: number;
  journalSequence: number;
  /** Position within its saksmappe (journalpostnummer). */
  number: number;
  documents: (SetDocument & { path: string; sha256: string })[];
}

export interface DepositFolder {
  key: string;
  title: string;
  createdAt: Date;
  year: number;
  sequence: number;
}

/** The set laid out as Noark numbers it: saksmapper with their journalposter, documents under `dokumenter/`. */
export interface DepositPlan {
  set: ArchiveSet;
  exportedAt: Date;
  folders: DepositFolder[];
  records: DepositRecord[];
}

export function planDeposit(set: ArchiveSet, exportedAt: Date): DepositPlan {
  const byYear = new Map<number, number>();
  const next = (year: number) => {
    const n = (byYear.get(year) ?? 0) + 1;
    byYear.set(year, n);
    return n;
  };
  const folders = set.folders.map((f) => {
    const year = f.caseNumber?.year ?? f.createdAt.getUTCFullYear();
    return { key: f.key, title: f.title, createdAt: f.createdAt, year, sequence: f.caseNumber?.number ?? 0 };
  });
  // Folders without a case number are numbered after the highest case number of their year in this deposit.
  for (const f of folders) byYear.set(f.year, Math.max(byYear.get(f.year) ?? 0, f.sequence));
  for (const f of folders) if (f.sequence === 0) f.sequence = next(f.year);

  const records: DepositRecord[] = [];
  const journal = new Map<number, number>();
  const perFolder = new Map<number, number>();
  const byKey = new Map<string, DepositRecord>();
  const usedPaths = new Set<string>();
  for (const d of set.documents) {
    let r = byKey.get(d.record);
    if (!r) {
      const folderIndex = set.folders.findIndex((f) => f.key === d.folder);
      const year = d.recordDate.getUTCFullYear();
      journal.set(year, (journal.get(year) ?? 0) + 1);
      perFolder.set(folderIndex, (perFolder.get(folderIndex) ?? 0) + 1);
      r = {
        key: d.record,
        folderIndex,
        kind: d.recordKind,
        title: d.recordTitle,
        date: d.recordDate,
        correspondents: d.correspondents,
        exempt: d.exempt,
        journalYear: year,
        journalSequence: journal.get(year)!,
        number: perFolder.get(folderIndex)!,
        documents: [],
      };
      byKey.set(d.record, r);
      records.push(r);
    }
    let path = `dokumenter/${d.filename}`;
    for (let i = 2; usedPaths.has(path); i++) path = `dokumenter/${i}-${d.filename}`;
    usedPaths.add(path);
    r.documents.push({ ...d, path, sha256: sha256(d.content) });
  }
  return { set, exportedAt, folders, records };
}

const doc = (ns: string, root: string, schema: string): XMLBuilder =>
  create({ version: '1.0', encoding: 'UTF-8' }).ele(ns, root).att(XSI, 'xsi:schemaLocation', `${ns} ${schema}`);

const els = (parent: XMLBuilder, values: [string, string | number | undefined][]) => {
  for (const [name, value] of values) if (value !== undefined) parent.ele(name).txt(String(value));
  return parent;
};

const publicTitle = (r: DepositRecord) =>
  r.exempt ? r.correspondents.reduce((t, c) => t.split(c.organisation).join(SCREENED), r.title) : r.title;

const skjermingOf = (r: DepositRecord) =>
  r.exempt ? { tilgangsrestriksjon: 'Unntatt offentlighet', hjemmel: r.exempt } : undefined;

/** arkivstruktur.xml: arkiv → arkivdel → mappe (saksmappe) → registrering (journalpost) → dokumentbeskrivelse → dokumentobjekt. */
export function arkivstrukturXml(p: DepositPlan): string {
  const by = SYSTEM;
  const arkiv = doc(`${NS}/arkivstruktur`, 'arkiv', 'arkivstruktur.xsd');
  els(arkiv, [
    ['systemID', uuidFor(`arkiv:${ARCHIVE_CREATOR.id}`)],
    ['tittel', `Arkiv for ${ARCHIVE_CREATOR.name}`],
    ['arkivstatus', 'Avsluttet'],
    ['dokumentmedium', 'Elektronisk arkiv'],
    ['opprettetDato', dateTime(p.set.createdAt)],
    ['opprettetAv', by],
    ['avsluttetDato', dateTime(p.exportedAt)],
    ['avsluttetAv', by],
  ]);
  els(arkiv.ele('arkivskaper'), [
    ['arkivskaperID', ARCHIVE_CREATOR.id],
    ['arkivskaperNavn', ARCHIVE_CREATOR.name],
  ]);
  const del = els(arkiv.ele('arkivdel'), [
    ['systemID', uuidFor(`arkivdel:${p.set.ref.kind}:${p.set.ref.id}`)],
    ['tittel', p.set.title],
    ['arkivdelstatus', 'Avsluttet periode'],
    ['dokumentmedium', 'Elektronisk arkiv'],
    ['opprettetDato', dateTime(p.set.createdAt)],
    ['opprettetAv', by],
    ['avsluttetDato', dateTime(p.exportedAt)],
    ['avsluttetAv', by],
  ]);
  p.folders.forEach((f, index) => {
    const mappe = del.ele('mappe').att(XSI, 'xsi:type', 'saksmappe');
    els(mappe, [
      ['systemID', uuidFor(`mappe:${f.key}`)],
      ['mappeID', `${f.year}/${f.sequence}`],
      ['tittel', f.title],
      ['opprettetDato', dateTime(f.createdAt)],
      ['opprettetAv', by],
      ['avsluttetDato', dateTime(p.exportedAt)],
      ['avsluttetAv', by],
    ]);
    for (const r of p.records.filter((r) => r.folderIndex === index)) registrering(mappe, r, p);
    els(mappe, [
      ['saksaar', f.year],
      ['sakssekvensnummer', f.sequence],
      ['saksdato', date(f.createdAt)],
      ['administrativEnhet', 'Sekretariatet'],
      ['saksansvarlig', 'Sekretariatet'],
      ['saksstatus', 'Avsluttet'],
    ]);
  });
  return arkiv.end({ prettyPrint: true });
}

function registrering(mappe: XMLBuilder, r: DepositRecord, p: DepositPlan): void {
  const by = SYSTEM;
  const reg = mappe.ele('registrering').att(XSI, 'xsi:type', 'journalpost');
  els(reg, [
    ['systemID', uuidFor(`registrering:${r.key}`)],
    ['opprettetDato', dateTime(r.date)],
    ['opprettetAv', by],
    ['arkivertDato', dateTime(p.exportedAt)],
    ['arkivertAv', by],
  ]);
  const skjerming = skjermingOf(r);
  if (skjerming) {
    els(reg.ele('skjerming'), [
      ['tilgangsrestriksjon', skjerming.tilgangsrestriksjon],
      ['skjermingshjemmel', skjerming.hjemmel],
      ['skjermingMetadata', 'korrespondansepart'],
      ['skjermingDokument', 'Hele dokumentet'],
    ]);
  }
  r.documents.forEach((d, i) => {
    const beskrivelse = els(reg.ele('dokumentbeskrivelse'), [
      ['systemID', uuidFor(`dokumentbeskrivelse:${r.key}:${i}`)],
      ['dokumenttype', r.kind === 'utgaaende' ? 'Brev' : r.kind === 'notat' ? 'Notat' : 'Brev'],
      ['dokumentstatus', 'Dokumentet er ferdigstilt'],
      ['tittel', d.title],
      ['opprettetDato', dateTime(d.createdAt)],
      ['opprettetAv', d.createdBy],
      ['tilknyttetRegistreringSom', i === 0 ? 'Hoveddokument' : 'Vedlegg'],
      ['dokumentnummer', i + 1],
      ['tilknyttetDato', dateTime(p.exportedAt)],
      ['tilknyttetAv', by],
    ]);
    els(beskrivelse.ele('dokumentobjekt'), [
      ['systemID', uuidFor(`dokumentobjekt:${r.key}:${i}`)],
      ['versjonsnummer', 1],
      ['variantformat', 'Arkivformat'],
      ['format', FORMAT[d.mediaType] ?? d.mediaType],
      ['opprettetDato', dateTime(d.createdAt)],
      ['opprettetAv', d.createdBy],
      ['referanseDokumentfil', d.path],
      ['sjekksum', d.sha256],
      ['sjekksumAlgoritme', 'SHA256'],
      ['filstoerrelse', d.content.length],
    ]);
  });
  els(reg, [['tittel', r.title]]);
  if (r.exempt) els(reg, [['offentligTittel', publicTitle(r)]]);
  for (const c of r.correspondents) {
    els(reg.ele('korrespondansepart'), [
      ['korrespondanseparttype', c.type === 'avsender' ? 'Avsender' : 'Mottaker'],
      ['korrespondansepartNavn', c.organisation],
      ['epostadresse', c.email],
      ['kontaktperson', c.person],
    ]);
  }
  els(reg, [
    ['journalaar', r.journalYear],
    ['journalsekvensnummer', r.journalSequence],
    ['journalpostnummer', r.number],
    ['journalposttype', JOURNALPOSTTYPE[r.kind]],
    ['journalstatus', 'Arkivert'],
    ['journaldato', date(r.date)],
    ['dokumentetsDato', date(r.date)],
  ]);
  if (r.kind === 'inngaaende') els(reg, [['mottattDato', dateTime(r.date)]]);
  if (r.kind === 'utgaaende') els(reg, [['sendtDato', dateTime(r.date)]]);
  els(reg, [['antallVedlegg', r.documents.length - 1]]);
}

/**
 * loependeJournal.xml and offentligJournal.xml: one journalregistrering per journalpost. The offentlig journal
 * leaves out what is exempt: the title and correspondent of a withheld record are screened, and no person's name
 * or contact details appear in it (correspondents are named by organisation only).
 */
export function journalXml(p: DepositPlan, which: 'loependeJournal' | 'offentligJournal'): string {
  const pub = which === 'offentligJournal';
  const root = doc(`${NS}/${which}`, which, `${which}.xsd`);
  const dates = p.records.map((r) => r.date.getTime());
  const hode = els(root.ele('journalhode'), [
    ['journalStartDato', date(new Date(dates.length ? Math.min(...dates) : p.set.createdAt.getTime()))],
    ['journalSluttDato', date(new Date(dates.length ? Math.max(...dates) : p.exportedAt.getTime()))],
    ['antallJournalposter', p.records.length],
  ]);
  els(hode.ele('arkivskaper'), [
    ['arkivskaperID', ARCHIVE_CREATOR.id],
    ['arkivskaperNavn', ARCHIVE_CREATOR.name],
  ]);
  for (const r of p.records) {
    const f = p.folders[r.folderIndex];
    const reg = root.ele('journalregistrering');
    const mappe = els(reg.ele('saksmappe'), [
      ['saksaar', f.year],
      ['sakssekvensnummer', f.sequence],
    ]);
    if (!pub) els(mappe, [['tittel', f.title]]);
    els(mappe, [['offentligTittel', f.title]]);
    const jp = els(reg.ele('journalpost'), [
      ['systemID', uuidFor(`registrering:${r.key}`)],
      ['journalaar', r.journalYear],
      ['journalsekvensnummer', r.journalSequence],
      ['journalpostnummer', r.number],
    ]);
    if (!pub) els(jp, [['tittel', r.title]]);
    els(jp, [
      ['offentligTittel', publicTitle(r)],
      ['skjermingMetadata', r.exempt ? 'korrespondansepart' : undefined],
      ['journaldato', date(r.date)],
      ['dokumentetsDato', date(r.date)],
    ]);
    const skjerming = skjermingOf(r);
    if (skjerming) {
      els(jp, [
        ['tilgangsrestriksjon', skjerming.tilgangsrestriksjon],
        ['skjermingshjemmel', skjerming.hjemmel],
      ]);
    }
    const parts: Correspondent[] = r.correspondents.length
      ? r.correspondents
      : [{ type: 'avsender', organisation: ARCHIVE_CREATOR.name }];
    for (const c of parts) {
      els(jp.ele('korrespondansepart'), [
        ['korrespondanseparttype', c.type === 'avsender' ? 'Avsender' : 'Mottaker'],
        ['korrespondansepartNavn', pub && r.exempt ? SCREENED : c.organisation],
        ['skjermingMetadata', !pub && r.exempt ? 'korrespondansepartNavn' : undefined],
      ]);
    }
  }
  return root.end({ prettyPrint: true });
}

/** endringslogg.xml: the skjerming set on withheld records, and each saksmappe closed by the deposit. */
export function endringsloggXml(p: DepositPlan): string {
  const root = doc(`${NS}/endringslogg`, 'endringslogg', 'endringslogg.xsd');
  const change = (ref: string, field: string, before: string, after: string, at: Date, by: string) =>
    els(root.ele('endring'), [
      ['referanseArkivenhet', ref],
      ['referanseMetadata', field],
      ['endretDato', dateTime(at)],
      ['endretAv', by],
      ['tidligereVerdi', before],
      ['nyVerdi', after],
    ]);
  for (const r of p.records.filter((r) => r.exempt)) {
    change(
      uuidFor(`registrering:${r.key}`),
      'skjermingshjemmel',
      'Ingen skjerming',
      r.exempt!,
      r.date,
      'Sekretariatet',
    );
  }
  for (const f of p.folders) {
    change(uuidFor(`mappe:${f.key}`), 'saksstatus', 'Under behandling', 'Avsluttet', p.exportedAt, SYSTEM);
  }
  return root.end({ prettyPrint: true });
}

export interface DepositFile {
  path: string;
  content: Buffer;
}

/** arkivuttrekk.xml (ADDML 8.3): the deposit's description, with the name and SHA-256 of every other file. */
export function addmlXml(p: DepositPlan, files: DepositFile[]): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' })
    .ele(ADDML, 'addml')
    .att(XSI, 'xsi:schemaLocation', `${ADDML} addml.xsd`)
    .att('name', 'Noark 5-arkivuttrekk');
  const dataset = root.ele('dataset');
  dataset.ele('description').txt(`Noark 5-arkivuttrekk: ${p.set.title}`);
  const prop = (parent: XMLBuilder, name: string, value?: string | number, dataType?: string) => {
    const e = parent.ele('property').att('name', name);
    if (dataType) e.att('dataType', dataType);
    if (value !== undefined) e.ele('value').txt(String(value));
    return e;
  };
  const reference = dataset.ele('reference');
  const context = reference.ele('context').ele('additionalElements');
  const add = (parent: XMLBuilder, name: string, value: string) =>
    parent.ele('additionalElement').att('name', name).ele('value').txt(value);
  const creators = context.ele('additionalElement').att('name', 'recordCreators').ele('additionalElements');
  add(creators, 'recordCreator', ARCHIVE_CREATOR.name);
  add(context, 'systemType', 'Sakarkiv (Noark-5)');
  add(context, 'systemName', SYSTEM);
  add(context, 'archive', ARCHIVE_CREATOR.name);
  const top = dataset.ele('dataObjects').ele('dataObject').att('name', 'Noark 5 arkivuttrekk');
  const info = prop(top.ele('properties'), 'info').ele('properties');
  prop(prop(info, 'type', 'Noark 5').ele('properties'), 'version', '5.0');
  const extra = prop(info, 'additionalInfo').ele('properties');
  prop(extra, 'inneholderSkjermetInformasjon', String(p.records.some((r) => r.exempt)), 'boolean');
  prop(extra, 'omfatterDokumenterSomErKassert', 'false', 'boolean');
  prop(extra, 'inneholderDokumenterSomSkalKasseres', 'false', 'boolean');
  prop(extra, 'inneholderVirksomhetsspesifikkeMetadata', 'false', 'boolean');
  prop(extra, 'antallDokumentfiler', files.filter((f) => f.path.startsWith('dokumenter/')).length, 'integer');
  const children = top.ele('dataObjects');
  for (const f of files) {
    const obj = children.ele('dataObject').att('name', f.path.replace(/\.xml$/, ''));
    const file = prop(obj.ele('properties'), 'file').ele('properties');
    prop(file, 'name', f.path);
    const checksum = prop(file, 'checksum').ele('properties');
    prop(checksum, 'algorithm', 'SHA256');
    prop(checksum, 'value', sha256(f.content));
  }
  return root.end({ prettyPrint: true });
}
