import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { ATTACHMENT_QUOTA } from '@samflyt/domain';
import { bearer, expectProblem, people, startApi, type ApiHarness } from '../support/api';
import { insertGrantsWorld, roundSettings, type GrantsWorld } from '../grants/support';
import { asRecipient, createHearing, loadOrganisations, tokenFor, type Organisations } from '../hearings/support';
import { killAllWorkers, startWorker, workerEnvOf } from '../support/worker-process';
import { pollUntil } from '../support/wait';

jest.setTimeout(180_000);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');
const MB = 1024 * 1024;

/**
 * Uploads as an attacker sends them: a file whose declared type lies, more files or bytes than an answer or an
 * application holds, files uploaded and never used; and every download as a browser would take it.
 */
describe('upload abuse', () => {
  let api: ApiHarness;
  let w: GrantsWorld;
  let orgs: Organisations;
  let hearingId: string;
  let round: string;
  let application: string;
  const link: Record<string, string> = {};
  const tag = randomBytes(3).toString('hex');
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const respondUpload = (org: string, content: Buffer, filename: string, contentType: string) =>
    api
      .http()
      .post('/respond/attachments')
      .set(asRecipient(link[org]))
      .attach('file', content, { filename, contentType });
  /** The fingerprint of the workflow tables and of every stored file. */
  const written = async () => ({
    ...(await api.fingerprint()),
    files: (
      await api.pg.query(`SELECT md5(coalesce(string_agg(id::text, ',' ORDER BY id), '')) AS ids FROM
        (SELECT id FROM hearing_attachments UNION ALL SELECT id FROM grant_attachments) f`)
    ).rows[0].ids as string,
  });
  const grantUpload = (content: Buffer, filename: string, contentType: string) =>
    api
      .http()
      .put(`/grant-applications/${application}/attachments/budsjett`)
      .set(auth(w.applicants[0].token))
      .attach('file', content, { filename, contentType });

  beforeAll(async () => {
    api = await startApi('upload-abuse');
    w = await insertGrantsWorld(api.pg, tag);
    orgs = await loadOrganisations(api);
    const deadline = new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10);
    ({ id: hearingId } = await createHearing(api, orgs, { deadline }));
    await api
      .http()
      .post(`/hearings/${hearingId}/attachments`)
      .set(bearer(people.secretariat))
      .attach('file', PDF, { filename: 'Høringsnotat – Ørland.pdf', contentType: 'application/pdf' })
      .expect(201);
    await api.http().post(`/hearings/${hearingId}/send`).set(bearer(people.secretariat)).expect(200);
    for (const name of ['Trondheim kommune', 'Malvik kommune', 'Melhus kommune', 'Frøya kommune']) {
      link[name] = await tokenFor(api, orgs.email[name]);
    }
    const sek = auth(w.secretariatToken);
    const created = await api
      .http()
      .post('/grant-rounds')
      .set(sek)
      .send(roundSettings({ title: `Tilskudd ${tag}`, opensAt: new Date(Date.now() - 60_000).toISOString() }));
    round = created.body.id;
    await api.http().post(`/grant-rounds/${round}/approve`).set(sek).send({ reference: 'sak 30/24' }).expect(200);
    await api.http().post(`/grant-rounds/${round}/open`).set(sek).expect(200);
    const app = await api
      .http()
      .post(`/grant-rounds/${round}/applications`)
      .set(auth(w.applicants[0].token))
      .send({ title: 'Prosjekt', requestedAmount: 300_000, answers: { beskrivelse: 'Tverrfaglig team' } })
      .expect(201);
    application = app.body.id;
  });
  afterAll(async () => {
    await killAllWorkers();
    await api?.close();
  });

  describe('the stored type comes from the content', () => {
    it('a PDF declared as text/html is stored and served as application/pdf (hearing answer)', async () => {
      const res = await respondUpload('Trondheim kommune', PDF, 'svar.pdf', 'text/html').expect(201);
      expect(res.body.mediaType).toBe('application/pdf');
      const stored = await api.pg.query(`SELECT media_type FROM hearing_attachments WHERE id = $1`, [res.body.id]);
      expect(stored.rows).toEqual([{ media_type: 'application/pdf' }]);
      const download = await api
        .http()
        .get(`/respond/attachments/${res.body.id}`)
        .set(asRecipient(link['Trondheim kommune']))
        .expect(200);
      expect(download.headers['content-type']).toBe('application/pdf');
    });

    it('a PDF declared as text/html is stored as application/pdf (grant application)', async () => {
      const res = await grantUpload(PDF, 'budsjett.pdf', 'text/html').expect(200);
      const id = res.body.answers.budsjett.attachmentId as string;
      const stored = await api.pg.query(`SELECT content_type FROM grant_attachments WHERE id = $1`, [id]);
      expect(stored.rows).toEqual([{ content_type: 'application/pdf' }]);
    });

    it('an HTML file declared as application/pdf is 415 everywhere, nothing written', async () => {
      const before = await written();
      for (const res of [
        await respondUpload('Trondheim kommune', HTML, 'svar.pdf', 'application/pdf'),
        await grantUpload(HTML, 'budsjett.pdf', 'application/pdf'),
        await api
          .http()
          .post(`/hearings/${hearingId}/attachments`)
          .set(bearer(people.secretariat))
          .attach('file', HTML, { filename: 'notat.pdf', contentType: 'application/pdf' }),
      ]) {
        const problem = expectProblem(res, 415, 'unsupported-media-type');
        expect(problem.errors).toEqual([{ field: 'file', message: expect.any(String) }]);
      }
      // An SVG with a script, and an executable, whatever they claim.
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
      expectProblem(await respondUpload('Trondheim kommune', svg, 'bilde.png', 'image/png'), 415);
      const exe = Buffer.concat([Buffer.from('MZ\x90\x00'), randomBytes(64)]);
      expectProblem(await respondUpload('Trondheim kommune', exe, 'svar.pdf', 'application/pdf'), 415);
      expect(await written()).toEqual(before);
    });
  });

  describe('quotas', () => {
    it(`a hearing answer takes ${ATTACHMENT_QUOTA.files} files; the next is 413 naming the rule, nothing written`, async () => {
      for (let i = 0; i < ATTACHMENT_QUOTA.files; i++) {
        await respondUpload('Malvik kommune', Buffer.from(`vedlegg ${i}`), `v${i}.txt`, 'text/plain').expect(201);
      }
      const before = await written();
      const res = await respondUpload('Malvik kommune', Buffer.from('en til'), 'v.txt', 'text/plain');
      expect(expectProblem(res, 413, 'attachment-quota')).toMatchObject({
        rule: 'attachments.files',
        limit: ATTACHMENT_QUOTA.files,
      });
      expect(await written()).toEqual(before);
      // Another organisation's answer has its own quota.
      await respondUpload('Melhus kommune', Buffer.from('vedlegg'), 'v.txt', 'text/plain').expect(201);
    });

    it(`a hearing answer takes ${ATTACHMENT_QUOTA.bytes / MB} MB in all; more is 413 naming the rule`, async () => {
      const big = Buffer.alloc(20 * MB, 'a');
      await respondUpload('Frøya kommune', big, 'a.txt', 'text/plain').expect(201);
      await respondUpload('Frøya kommune', big, 'b.txt', 'text/plain').expect(201);
      const before = await written();
      const res = await respondUpload('Frøya kommune', Buffer.alloc(10 * MB + 1, 'a'), 'c.txt', 'text/plain');
      expect(expectProblem(res, 413, 'attachment-quota')).toMatchObject({
        rule: 'attachments.bytes',
        limit: ATTACHMENT_QUOTA.bytes,
      });
      expect(await written()).toEqual(before);
      // Not kept: later fingerprints would read the 40 MB each time.
      await api.pg.query(`DELETE FROM hearing_attachments WHERE hearing_id = $1 AND size > $2`, [hearingId, MB]);
    });

    it('a grant application takes as many files and bytes; the next is 413 naming the rule', async () => {
      // Files stored earlier (as while more information was requested, when uploads replace nothing).
      const stored = async (n: number, size: number) => {
        for (let i = 0; i < n; i++) {
          await api.pg.query(
            `INSERT INTO grant_attachments (id, application_id, field_key, filename, content_type, size, sha256, data, uploaded_by)
             VALUES ($1, $2, 'budsjett', 'x.pdf', 'application/pdf', $3, '', '\\x00', 'test')`,
            [randomUUID(), application, size],
          );
        }
      };
      await api.pg.query(`DELETE FROM grant_attachments WHERE application_id = $1`, [application]);
      await stored(ATTACHMENT_QUOTA.files, 1);
      let before = await written();
      const files = await grantUpload(PDF, 'budsjett.pdf', 'application/pdf');
      expect(expectProblem(files, 413, 'attachment-quota')).toMatchObject({ rule: 'attachments.files' });
      expect(await written()).toEqual(before);
      await api.pg.query(`DELETE FROM grant_attachments WHERE application_id = $1`, [application]);
      await stored(1, ATTACHMENT_QUOTA.bytes - 10);
      before = await written();
      const bytes = await grantUpload(PDF, 'budsjett.pdf', 'application/pdf');
      expect(expectProblem(bytes, 413, 'attachment-quota')).toMatchObject({ rule: 'attachments.bytes' });
      expect(await written()).toEqual(before);
      await api.pg.query(`DELETE FROM grant_attachments WHERE application_id = $1`, [application]);
    });

    it('a draft replacing its file keeps one: the replaced file is deleted', async () => {
      await grantUpload(PDF, 'budsjett-1.pdf', 'application/pdf').expect(200);
      const res = await grantUpload(PDF, 'budsjett-2.pdf', 'application/pdf').expect(200);
      const rows = await api.pg.query(`SELECT id, filename FROM grant_attachments WHERE application_id = $1`, [
        application,
      ]);
      expect(rows.rows).toEqual([{ id: res.body.answers.budsjett.attachmentId, filename: 'budsjett-2.pdf' }]);
    });
  });

  describe('downloads', () => {
    const expectDownload = (res: { status: number; headers: Record<string, string> }, name: RegExp) => {
      expect(res.status).toBe(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
      expect(res.headers['content-disposition']).toMatch(name);
    };

    it('every download is an attachment with nosniff and the Norwegian name in filename*', async () => {
      const secretariat = bearer(people.secretariat);
      const proposal = (
        await api.pg.query(`SELECT id FROM hearing_attachments WHERE hearing_id = $1 AND in_proposal`, [hearingId])
      ).rows[0].id as string;
      const norwegian = /filename\*=UTF-8''H%C3%B8ringsnotat%20%E2%80%93%20%C3%98rland\.pdf$/;
      expectDownload(
        await api.http().get(`/hearings/${hearingId}/attachments/${proposal}`).set(secretariat),
        norwegian,
      );
      expectDownload(
        await api.http().get(`/respond/attachments/${proposal}`).set(asRecipient(link['Trondheim kommune'])),
        norwegian,
      );
      expectDownload(await api.http().get(`/public/hearings/${hearingId}/attachments/${proposal}`), norwegian);
      for (const doc of ['md', 'csv', 'pdf']) {
        expectDownload(
          await api.http().get(`/hearings/${hearingId}/summary.${doc}`).set(secretariat),
          new RegExp(`sammendrag-${hearingId}\\.${doc}$`),
        );
      }
      const file = await api
        .http()
        .put(`/grant-applications/${application}/attachments/budsjett`)
        .set(auth(w.applicants[0].token))
        .attach('file', PDF, { filename: "Budsjett (Ørland's).pdf", contentType: 'application/pdf' })
        .expect(200);
      const id = file.body.answers.budsjett.attachmentId as string;
      expectDownload(
        await api.http().get(`/grant-applications/${application}/attachments/${id}`).set(auth(w.applicants[0].token)),
        /filename\*=UTF-8''Budsjett%20_%C3%98rland_s_\.pdf$/,
      );
      expectDownload(
        await api.http().get(`/grant-rounds/${round}/export.csv`).set(auth(w.secretariatToken)),
        /soknader-.*\.csv$/,
      );
    });
  });

  describe('files never made part of an answer or application', () => {
    it('are deleted by the worker once expired (Postgres only: Redis flushed); referenced files are kept', async () => {
      const unused = await respondUpload('Trondheim kommune', PDF, 'ubrukt.pdf', 'application/pdf').expect(201);
      const used = await respondUpload('Trondheim kommune', PDF, 'brukt.pdf', 'application/pdf').expect(201);
      await api
        .http()
        .post('/respond/answer')
        .set(asRecipient(link['Trondheim kommune']))
        .send({ text: 'Vi støtter forslaget.', attachmentIds: [used.body.id] })
        .expect(201);
      const expiry = async (id: string) =>
        (await api.pg.query(`SELECT expires_at FROM hearing_attachments WHERE id = $1`, [id])).rows[0]?.expires_at;
      expect(await expiry(unused.body.id)).toBeInstanceOf(Date);
      // A day has passed (the timer is the row's expires_at), and Redis has lost everything.
      await api.pg.query(`UPDATE hearing_attachments SET expires_at = now() - interval '1 second' WHERE id = ANY($1)`, [
        [unused.body.id, used.body.id],
      ]);
      const draftFile = (
        await api.pg.query(`SELECT id FROM grant_attachments WHERE application_id = $1`, [application])
      ).rows[0].id as string;
      await api.pg.query(`UPDATE grant_attachments SET expires_at = now() - interval '1 second' WHERE id = $1`, [
        draftFile,
      ]);
      // Only this file's queues: FLUSHALL on the shared Redis would wipe other files' queues too.
      const redis = new Redis(api.env.REDIS_URL);
      const keys = await redis.keys(`${api.env.QUEUE_PREFIX}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      const worker = await startWorker(workerEnvOf(api.env));
      await pollUntil(
        'unreferenced files deleted',
        async () =>
          (
            await api.pg.query(
              `SELECT (SELECT count(*) FROM hearing_attachments WHERE id = $1)::int
                    + (SELECT count(*) FROM grant_attachments WHERE id = $2)::int AS n`,
              [unused.body.id, draftFile],
            )
          ).rows[0].n,
        (n) => n === 0,
        { timeoutMs: 20_000 },
      );
      await worker.waitFor(/deleted \d+ expired, unreferenced uploaded files/, 5_000);
      expect(await expiry(used.body.id)).toBeNull();
      await api
        .http()
        .get(`/hearings/${hearingId}/attachments/${used.body.id}`)
        .set(bearer(people.secretariat))
        .expect(200);
    });
  });
});
