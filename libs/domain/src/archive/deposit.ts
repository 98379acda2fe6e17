import { pack, type Pack } from 'tar-stream';
import type { Queryable } from '@samflyt/engine';
import type { ArchiveSetRef, GeneratedDocuments } from './archive-set';
import { listSetDocuments } from './archive.repository';
import { addmlXml, arkivstrukturXml, endringsloggXml, journalXml, planDeposit, type DepositFile } from './noark5';

export interface ArchiveDeposit {
  filename: string;
  files: DepositFile[];
}

/**
 * A Noark 5 v5.0 arkivuttrekk of one set: the four Noark XML files, the documents under `dokumenter/`, and
 * arkivuttrekk.xml (ADDML) last, naming every other file with its SHA-256.
 */
export async function buildDeposit(
  db: Queryable,
  ref: ArchiveSetRef,
  generated: GeneratedDocuments,
  exportedAt: Date = new Date(),
): Promise<ArchiveDeposit> {
  const plan = planDeposit(await listSetDocuments(db, ref, generated), exportedAt);
  const xml = (path: string, content: string): DepositFile => ({ path, content: Buffer.from(content, 'utf8') });
  const files: DepositFile[] = [
    xml('arkivstruktur.xml', arkivstrukturXml(plan)),
    xml('loependeJournal.xml', journalXml(plan, 'loependeJournal')),
    xml('offentligJournal.xml', journalXml(plan, 'offentligJournal')),
    xml('endringslogg.xml', endringsloggXml(plan)),
    ...plan.records.flatMap((r) => r.documents.map((d) => ({ path: d.path, content: d.content }))),
  ];
  files.push(xml('arkivuttrekk.xml', addmlXml(plan, files)));
  const stamp = exportedAt.toISOString().slice(0, 10);
  return { filename: `arkivuttrekk-${ref.kind}-${ref.id}-${stamp}.tar`, files };
}

/** The deposit as a tar stream (ustar), one member per file, written as the reader reads. */
export function depositTar(deposit: ArchiveDeposit, mtime: Date = new Date()): Pack {
  const tar = pack();
  void (async () => {
    for (const f of deposit.files) {
      await new Promise<void>((resolve, reject) =>
        tar.entry({ name: f.path, size: f.content.length, mtime, mode: 0o644 }, f.content, (err) =>
          err ? reject(err) : resolve(),
        ),
      );
    }
    tar.finalize();
  })().catch((error: unknown) => tar.destroy(error as Error));
  return tar;
}
