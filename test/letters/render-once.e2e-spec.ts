import { randomUUID } from 'node:crypto';
import { DEFAULT_LETTER_SENDER, letterForMessage, sha256 } from '@samflyt/domain';
import { OutboxRepository } from '@samflyt/engine';
import type { LetterRequest } from '@samflyt/workflows';
import { DataSource } from 'typeorm';
import { startApi, type ApiHarness } from '../support/api';
import { inspectPdf } from '../support/pdf';

/**
 * A letter is rendered once: every later attempt to send its e-mail (a retry, another worker, the secretariat's copy)
 * attaches the bytes stored the first time, even when the configuration or the round's text changed in between.
 */
describe('a letter is rendered once', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('letters-once');
  });
  afterAll(() => api?.close());

  const request: LetterRequest = {
    kind: 'avslag',
    scope: randomUUID(),
    addressee: {
      key: 'application:x',
      personId: null,
      name: 'Kari Nordmann',
      organisation: 'Malvik kommune',
      email: null,
    },
    caseRef: '31/24',
    theirRef: null,
    fields: {
      soknad: 'Prosjekt',
      utvalg: 'ASU',
      sak: '31/24',
      begrunnelse: 'Rangert som nr. 6 av 6.',
      vedtak: 'Avslått.',
    },
    vedtak: { legalBasis: 'Hjemmel.', appeal: { deadline: '2024-06-24T21:59:59.000Z', appealTo: 'ASU' } },
    signedBy: null,
  };

  const outboxRow = async (recipient: string, key: string) => {
    const id = randomUUID();
    await api.pg.query(
      `INSERT INTO outbox_messages (id, idempotency_key, channel, recipient, subject, body, status, letter)
       VALUES ($1, $2, 'email', $3, 'Avslag', 'Se vedlagt brev.', 'pending', $4)`,
      [id, `${key}/recipient:${recipient}`, recipient, JSON.stringify(request)],
    );
    return id;
  };
  const attach = async (id: string, sender = DEFAULT_LETTER_SENDER) =>
    api.app.get(DataSource).transaction(async (tx) => {
      const message = (await new OutboxRepository(tx).lock(id))!;
      return letterForMessage(tx, message, sender);
    });

  it('a retry and the copy attach the first rendering, whatever changed since', async () => {
    const key = `grant-application:${randomUUID()}/letter:avslag`;
    const toApplicant = await outboxRow('kari@malvik.example', key);
    const toSecretariat = await outboxRow('sek@helsefellesskap.example', key);
    const first = await attach(toApplicant);
    expect(first?.checksum).toBe(sha256(first!.bytes));
    // The round's text changes and the sender is configured differently before the retry and the copy.
    await api.pg.query(
      `INSERT INTO letter_templates (scope, kind, version, subject, body, created_by) VALUES ($1, 'avslag', 1, 'Nytt', 'Ny tekst', 'sek')`,
      [request.scope],
    );
    const other = { ...DEFAULT_LETTER_SENDER, organisation: 'Et annet navn', organisationNumber: '123456789' };
    const retry = await attach(toApplicant, other);
    const copy = await attach(toSecretariat, other);
    expect(retry).toEqual(first);
    expect(copy).toEqual(first);
    const { rows } = await api.pg.query(`SELECT template_version FROM letters WHERE id = $1`, [first!.id]);
    expect(rows).toEqual([{ template_version: 0 }]);
    const facts = await inspectPdf(first!.bytes);
    expect(facts.text).toContain('Helsefellesskapet – sekretariatet');
    expect(facts.text).not.toContain('Et annet navn');
  });

  it('a letter written after a new text version uses it and records the version', async () => {
    const key = `grant-application:${randomUUID()}/letter:avslag`;
    const id = await outboxRow('ola@malvik.example', key);
    const letter = await attach(id);
    const { rows } = await api.pg.query(`SELECT template_version, subject FROM letters WHERE id = $1`, [letter!.id]);
    expect(rows).toEqual([{ template_version: 1, subject: 'Nytt' }]);
  });
});
