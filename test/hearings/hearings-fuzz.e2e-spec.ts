import fc from 'fast-check';
import type request from 'supertest';
import { bearer, expectProblem, people, startApi, type ApiHarness, type Person } from '../support/api';
import { JOINT, asRecipient, createHearing, loadOrganisations, tokenFor, type Organisations } from './support';
import { databaseFingerprint } from '../support/database';

const RUNS = Number(process.env.FUZZ_RUNS_PER_ENDPOINT ?? 40);

jest.setTimeout(300_000);

/**
 * Malformed input on the hearing endpoints the shared fuzz test does not reach: the DELETE endpoints, the
 * multipart uploads (wrong content types, malformed multipart, empty and oversize files), and the endpoints of
 * a recipient's personal link with generated tokens and bodies. Never a 5xx; an error is problem+json and
 * writes nothing (every table's fingerprint unchanged). (Hearings have no PATCH endpoint.)
 */
describe('hearings under generated input', () => {
  let api: ApiHarness;
  let orgs: Organisations;
  let draft: string;
  let sent: string;
  let proposalFile: string;
  let spareContact: string;
  let answerId: string;
  const links: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi('hearings-fuzz');
    orgs = await loadOrganisations(api);
    const deadline = new Date(Date.now() + 100 * 86_400_000).toISOString().slice(0, 10);
    draft = (await createHearing(api, orgs, { title: 'Utkast', deadline })).id;
    const attached = await api
      .http()
      .post(`/hearings/${draft}/attachments`)
      .set(bearer(people.secretariat))
      .attach('file', Buffer.from('%PDF-1.4'), { filename: 'notat.pdf', contentType: 'application/pdf' })
      .expect(201);
    proposalFile = attached.body.attachments[0].id;
    sent = (await createHearing(api, orgs, { deadline })).id;
    await api.http().post(`/hearings/${sent}/send`).set(bearer(people.secretariat)).expect(200);
    for (const name of ['Trondheim kommune', 'Malvik kommune', 'St. Olavs hospital HF']) {
      links[name] = await tokenFor(api, orgs.email[name]);
    }
    const joint = await api
      .http()
      .post('/respond/answer')
      .set(asRecipient(links['Trondheim kommune']))
      .send({ text: 'Felles svar.', coSigners: JOINT.slice(1, 3).map((n) => orgs.id[n]) })
      .expect(201);
    answerId = joint.body.id;
    await api
      .http()
      .post(`/respond/answers/${answerId}/confirm-signature`)
      .set(asRecipient(links['Malvik kommune']))
      .expect(200);
    const contact = await api
      .http()
      .post(`/organisations/${orgs.id['Frøya kommune']}/contacts`)
      .set(bearer(people.secretariat))
      .send({ name: 'Reserve', email: `reserve@${orgs.tag}.test` })
      .expect(201);
    spareContact = contact.body.id;
  });
  afterAll(() => api?.close());

  /** Runs a request; a 5xx fails, an error must be problem+json and leave every table as it was. */
  const checked = async (send: () => Promise<request.Response>, mustFail = false): Promise<request.Response> => {
    const before = await databaseFingerprint(api.pg);
    const res = await send();
    expect({ status: res.status, body: res.status >= 500 ? res.text : '' }).toEqual({
      status: expect.any(Number),
      body: '',
    });
    expect(res.status).toBeLessThan(500);
    if (mustFail) expect(res.status).toBeGreaterThanOrEqual(400);
    if (res.status >= 400) {
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(await databaseFingerprint(api.pg)).toEqual(before);
    }
    return res;
  };

  const pathSegment = fc.oneof(
    fc.uuid(),
    fc.constantFrom('00000000-0000-0000-0000-000000000000', 'null', 'undefined', '0', '-1', 'ffff', '%00', '..'),
    fc.string({ minLength: 1, maxLength: 60 }).map(encodeURIComponent),
  );
  const staff = fc.constantFrom<Person>(
    people.secretariat,
    people.admin,
    people.other,
    // An ASU member by her seat (demo committees), not by a token claim.
    { sub: 'login-member', name: 'Trine Wigtil', roles: [], email: 'trine.wigtil@brukerrepresentant.test' },
    { ...people.secretariat, roles: ['secretariat', 'hearing-recipient'] },
  );

  it('DELETE /hearings/{id}/attachments/{attachmentId}: generated ids and actors', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(draft), fc.constant(sent), pathSegment),
        fc.oneof(fc.constant('PROPOSAL'), pathSegment),
        staff,
        async (hearing, attachment, who) => {
          const id = attachment === 'PROPOSAL' ? proposalFile : attachment;
          await checked(() => api.http().delete(`/hearings/${hearing}/attachments/${id}`).set(bearer(who)));
        },
      ),
      { numRuns: RUNS },
    );
    // The one real file is removed only by the secretariat, from a draft; a sent hearing's files stay.
    const res = await checked(() =>
      api.http().delete(`/hearings/${sent}/attachments/${proposalFile}`).set(bearer(people.secretariat)),
    );
    expectProblem(res, 404);
  });

  it('DELETE /organisations/{id}/contacts/{contactId}: generated ids and actors', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(orgs.id['Frøya kommune']), fc.constant(orgs.id['Trondheim kommune']), pathSegment),
        fc.oneof(fc.constant(spareContact), pathSegment),
        staff.filter((p) => !p.roles.includes('secretariat')),
        async (org, contact, who) => {
          await checked(() => api.http().delete(`/organisations/${org}/contacts/${contact}`).set(bearer(who)), true);
        },
      ),
      { numRuns: RUNS },
    );
    // As the secretariat: a wrong organisation or a malformed id is 404, never a 5xx.
    for (const org of [orgs.id['Trondheim kommune'], 'not-a-uuid', '00000000-0000-0000-0000-000000000000']) {
      expectProblem(
        await checked(() =>
          api.http().delete(`/organisations/${org}/contacts/${spareContact}`).set(bearer(people.secretariat)),
        ),
        404,
      );
    }
    await api
      .http()
      .delete(`/organisations/${orgs.id['Frøya kommune']}/contacts/${spareContact}`)
      .set(bearer(people.secretariat))
      .expect(204);
  });

  /** A malformed upload: never a file in the field `file` with content. */
  const badUpload = fc.oneof(
    fc.record({ kind: fc.constant('json' as const), body: fc.jsonValue({ maxDepth: 2 }) }),
    fc.record({
      kind: fc.constant('raw' as const),
      type: fc.constantFrom(
        'text/plain',
        'application/octet-stream',
        'application/pdf',
        'multipart/form-data',
        'multipart/form-data; boundary=',
        'multipart/form-data; boundary=xyz',
        'multipart/mixed; boundary=xyz',
        'application/x-www-form-urlencoded',
      ),
      body: fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.constant('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\nabc'),
        fc.constant('--xyz--\r\n'),
        fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a).toString('latin1')),
      ),
    }),
    fc.record({ kind: fc.constant('field' as const), name: fc.constantFrom('files', 'attachment', 'File', 'upload') }),
    fc.record({ kind: fc.constant('empty' as const), filename: fc.constantFrom('tom.pdf', '', 'a'.repeat(300)) }),
    fc.record({ kind: fc.constant('twoFiles' as const) }),
    fc.record({ kind: fc.constant('fieldsOnly' as const), count: fc.integer({ min: 1, max: 8 }) }),
  );
  type BadUpload = typeof badUpload extends fc.Arbitrary<infer T> ? T : never;

  const upload = (req: request.Test, bad: BadUpload): request.Test => {
    switch (bad.kind) {
      case 'json':
        return req.set('Content-Type', 'application/json').send(JSON.stringify(bad.body));
      case 'raw':
        return req.set('Content-Type', bad.type).send(Buffer.from(bad.body, 'latin1'));
      case 'field':
        return req.attach(bad.name, Buffer.from('innhold'), { filename: 'a.pdf', contentType: 'application/pdf' });
      case 'empty':
        return req.attach('file', Buffer.alloc(0), { filename: bad.filename || 'x', contentType: 'application/pdf' });
      case 'twoFiles':
        return req
          .attach('file', Buffer.from('en'), { filename: 'a.pdf', contentType: 'application/pdf' })
          .attach('file', Buffer.from('to'), { filename: 'b.pdf', contentType: 'application/pdf' });
      case 'fieldsOnly': {
        let r = req;
        for (let i = 0; i < bad.count; i++) r = r.field(`felt${i}`, 'verdi');
        return r;
      }
    }
  };

  it('POST /hearings/{id}/attachments: bad content types, malformed multipart, empty files are refused', async () => {
    await fc.assert(
      fc.asyncProperty(badUpload, fc.constantFrom(draft, sent), staff, async (bad, hearing, who) => {
        await checked(() => upload(api.http().post(`/hearings/${hearing}/attachments`).set(bearer(who)), bad), true);
      }),
      { numRuns: RUNS },
    );
    const empty = await checked(() =>
      upload(api.http().post(`/hearings/${draft}/attachments`).set(bearer(people.secretariat)), {
        kind: 'empty',
        filename: 'tom.pdf',
      }),
    );
    expect(expectProblem(empty, 400).errors).toEqual([{ field: 'file', message: expect.stringContaining('empty') }]);
  });

  it('POST /respond/attachments: bad content types, malformed multipart, empty files are refused', async () => {
    await fc.assert(
      fc.asyncProperty(badUpload, fc.constantFrom(...Object.values(links)), async (bad, token) => {
        await checked(() => upload(api.http().post('/respond/attachments').set(asRecipient(token)), bad), true);
      }),
      { numRuns: RUNS },
    );
  });

  it('an upload over 20 MB is 413 naming the field and the limit, written nowhere; 20 MB itself is taken', async () => {
    const limit = 20 * 1024 * 1024;
    const big = Buffer.alloc(limit + 1, 0x25);
    const file = { filename: 'stor.pdf', contentType: 'application/pdf' };
    const tooLarge = (res: Awaited<ReturnType<typeof checked>>) => {
      const problem = expectProblem(res, 413, 'payload-too-large');
      expect(problem).toMatchObject({ limit, errors: [{ field: 'file', message: expect.stringContaining('20 MB') }] });
      expect(problem.detail).toContain('20 MB');
    };
    tooLarge(
      await checked(() =>
        api.http().post(`/hearings/${draft}/attachments`).set(bearer(people.secretariat)).attach('file', big, file),
      ),
    );
    tooLarge(
      await checked(() =>
        api
          .http()
          .post('/respond/attachments')
          .set(asRecipient(links['St. Olavs hospital HF']))
          .attach('file', big, file),
      ),
    );
    const atLimit = await api
      .http()
      .post('/respond/attachments')
      .set(asRecipient(links['St. Olavs hospital HF']))
      .attach('file', big.subarray(0, limit), file);
    expect(atLimit.status).toBe(201);
    expect(atLimit.body).toMatchObject({ size: limit });
    // Not kept: the fingerprints of the tests below would read its 20 MB every time.
    await api.pg.query(`DELETE FROM hearing_attachments WHERE id = $1`, [atLimit.body.id]);
  });

  const fieldNames = [
    'reason',
    'text',
    'answers',
    'coSigners',
    'attachmentIds',
    'questionId',
    'organisationId',
    'version',
  ];
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('', ' ', 'struktur', 'general', 'x'.repeat(100_001), '00000000-0000-0000-0000-000000000000'),
    fc.uuid(),
    fc.array(fc.oneof(fc.uuid(), fc.constant('Malvik'), fc.jsonValue({ maxDepth: 1 })), { maxLength: 3 }),
    fc.array(
      fc.record({ questionId: fc.constantFrom('struktur', 'psykisk-helse', 'general', ''), text: fc.string() }),
      {
        maxLength: 3,
      },
    ),
  );
  const body = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(fc.constantFrom(...fieldNames), value, { maxKeys: 5 }),
  );

  /** Tokens: genuine ones, genuine ones with a byte changed or cut, and made-up ones. */
  const token = () =>
    fc.oneof(
      fc.constantFrom(...Object.values(links)),
      fc
        .tuple(fc.constantFrom(...Object.values(links)), fc.nat(), fc.integer({ min: 1, max: 255 }))
        .map(([t, at, xor]) => {
          const bytes = Buffer.from(t, 'base64url');
          bytes[at % bytes.length] ^= xor;
          return bytes.toString('base64url');
        }),
      fc.tuple(fc.constantFrom(...Object.values(links)), fc.nat()).map(([t, n]) => t.slice(0, n % t.length)),
      fc.uint8Array({ minLength: 75, maxLength: 75 }).map((a) => Buffer.from(a).toString('base64url')),
      fc.stringMatching(/^[\x21-\x7e]{0,200}$/),
    );

  const linkEndpoints = [
    { method: 'post', path: () => '/respond/answer' },
    { method: 'get', path: () => '/respond' },
    { method: 'get', path: (id: string) => `/respond/answers/${id}` },
    { method: 'get', path: (id: string) => `/respond/answers/${id}/versions` },
    { method: 'get', path: (id: string) => `/respond/attachments/${id}` },
    { method: 'post', path: (id: string) => `/respond/answers/${id}/withdraw-signature` },
    { method: 'post', path: (id: string) => `/respond/answers/${id}/confirm-signature` },
  ] as const;

  it('the personal-link endpoints under generated tokens and bodies', async () => {
    const genuine = new Set(Object.values(links));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...linkEndpoints),
        token(),
        body,
        fc.oneof(fc.constant(answerId), fc.constant(proposalFile), pathSegment),
        fc.option(fc.uuid()),
        async (endpoint, t, payload, id, key) => {
          let req = api.http()[endpoint.method](endpoint.path(id)).set('X-Hearing-Token', t);
          if (key) req = req.set('Idempotency-Key', `fuzz-${key}`);
          if (endpoint.method === 'post')
            req = req.set('Content-Type', 'application/json').send(JSON.stringify(payload));
          const res = await checked(() => req);
          // Only a genuine link opens these endpoints (a body that is not JSON is refused before any link is read).
          if (!genuine.has(t)) expect(endpoint.method === 'get' ? [401] : [400, 401]).toContain(res.status);
        },
      ),
      { numRuns: RUNS * 3 },
    );
  });
});
