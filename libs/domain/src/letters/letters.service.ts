import { forbidden, hasRole, notFound, type Actor, type WorkflowEngine } from '@samflyt/engine';
import { letterFilename } from './letter-rendering';
import type { LetterDocumentRow, LettersRepository } from './letters.repository';

/** The secretariat and operations read every letter. */
const readsAllLetters = (reader: Actor): boolean => hasRole(reader, 'secretariat', 'admin');

/** A letter is its addressee's: the person it was written to, when it was written to a person. */
const isAddressee = (reader: Actor, row: LetterDocumentRow): boolean =>
  row.addressee_person_id !== null && row.addressee_person_id === reader.id;

/**
 * Reading letters: first the instance's own read rule (the workflow's `canRead`, as every view of the instance
 * applies it: an application another applicant cannot see is 404 here too), then the letter's: its addressee and
 * the secretariat. Someone who may see the case but is not the addressee (a scorer) gets 403.
 */
export class LettersService {
  constructor(
    private readonly letters: LettersRepository,
    private readonly engine: WorkflowEngine,
  ) {}

  async forInstance(instanceId: string, reader: Actor): Promise<LetterDocumentRow[]> {
    await this.engine.view(instanceId, reader);
    const rows = await this.letters.forInstance(instanceId);
    return readsAllLetters(reader) ? rows : rows.filter((r) => isAddressee(reader, r));
  }

  async get(id: string, reader: Actor): Promise<LetterDocumentRow> {
    const row = await this.letters.get(id);
    if (!row) throw notFound('letter', id);
    if (row.instance_id) await this.engine.view(row.instance_id, reader);
    else if (!readsAllLetters(reader)) throw notFound('letter', id);
    if (!readsAllLetters(reader) && !isAddressee(reader, row))
      throw forbidden('A letter is read by its addressee and the secretariat');
    return row;
  }

  async pdf(id: string, reader: Actor): Promise<{ row: LetterDocumentRow; filename: string; bytes: Buffer }> {
    const row = await this.get(id, reader);
    const bytes = await this.letters.bytes(id);
    if (!bytes) throw notFound('letter', id);
    return { row, filename: letterFilename(row.kind, row.case_ref), bytes };
  }
}
