import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { insertCommittee, type Committee } from '../meetings/support';
import { AsuScenario } from '../meetings/scenario';
import { bearer, people, startApi, type ApiHarness } from '../support/api';
import { databaseFingerprint } from '../support/database';
import { grantFieldNames, grantFuzzTargets } from '../grants/fuzz-setup';

/**
 * Every writing endpoint in the OpenAPI document, with generated bodies, headers and actors:
 * never a 5xx, and when the answer is an error, not one row anywhere has changed.
 * (A generated request that happens to be valid may write; the property is about errors.)
 */
const RUNS_PER_ENDPOINT = Number(process.env.FUZZ_RUNS_PER_ENDPOINT ?? 40);

const fieldNames = [
  'input',
  'type',
  'title',
  'proposedResolution',
  'resolution',
  'number',
  'year',
  'startsAt',
  'endsAt',
  'place',
  'chairPersonId',
  'items',
  'kind',
  'caseId',
  'status',
  'personId',
  'standsInForPersonId',
  'choice',
  'voterId',
  'mode',
  'deadline',
  'reminderOffsets',
  'rule',
  'reason',
  'text',
  'author',
  'meetingId',
  'toMeetingId',
  'format',
  'document',
  'dueAt',
  'note',
  ...grantFieldNames,
  // hearings
  'committeeCode',
  'origin',
  'proposal',
  'questions',
  'recipients',
  'acceptLateAnswers',
  'answerPageUrl',
  'accept',
  'answers',
  'coSigners',
  'attachmentIds',
  'organisationId',
  'conclusion',
  'name',
  'email',
  // invitations and identities
  'token',
  'issuer',
  'subject',
  // failed e-mails sent again
  'recipient',
];
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    ' ',
    '2024-02-30',
    '31.06.2024',
    'P-1D',
    '00000000-0000-0000-0000-000000000000',
    'x'.repeat(20_001),
  ),
  fc.uuid(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom(...fieldNames), value, { maxKeys: 6 }),
  fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 4 }),
);
const actor = fc.constantFrom(people.secretariat, people.admin, people.assignee, people.other);

interface Endpoint {
  method: 'post' | 'put' | 'patch' | 'delete';
  path: string;
}

describe('every writing endpoint under generated input', () => {
  let api: ApiHarness;
  let endpoints: Endpoint[];
  let params: Record<string, string>;

  beforeAll(async () => {
    api = await startApi('fuzz-all');
    const asu: Committee = await insertCommittee(api.pg);
    const scenario = new AsuScenario(api, asu);
    const meeting = await scenario.meeting('2030-04-17T11:00:00Z', '2030-04-17T15:00:00Z');
    const sak = await scenario.createCase({ title: 'Fuzz', proposedResolution: '1. Tas til orientering.' });
    const assignment = await api.createAssignment();
    const doc = (await api.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    endpoints = Object.entries(doc.paths).flatMap(([path, ops]) =>
      (['post', 'put', 'patch', 'delete'] as const).filter((m) => m in ops).map((method) => ({ method, path })),
    );
    const grants = await grantFuzzTargets(api);
    const { rows: orgs } = await api.pg.query<{ id: string }>(
      `INSERT INTO organisations (id, name, kind) VALUES (gen_random_uuid(), 'Fuzz høringskommune', 'kommune') RETURNING id`,
    );
    await api.pg.query(
      `INSERT INTO organisation_contacts (id, organisation_id, name, email) VALUES (gen_random_uuid(), $1, 'Post', 'post@fuzz.test')`,
      [orgs[0].id],
    );
    const hearing = await api
      .http()
      .post('/hearings')
      .set(bearer(people.secretariat))
      .send({ committeeCode: 'ASU', title: 'Fuzz', proposal: 'Forslag.', recipients: [{ organisationId: orgs[0].id }] })
      .expect(201);
    const { rows: failed } = await api.pg.query<{ id: string }>(
      `INSERT INTO outbox_messages (id, idempotency_key, channel, recipient, subject, body, status, last_error)
       VALUES (gen_random_uuid(), 'fuzz:failed', 'email', 'post(a)fuzz', 'Fuzz', 'Fuzz', 'failed', 'no valid recipient')
       RETURNING id`,
    );
    params = {
      'dashboard/messages': failed[0].id,
      meetings: meeting.id,
      cases: sak.id,
      instances: assignment,
      votes: randomUUID(),
      'grant-rounds': grants.round,
      'grant-applications': grants.application,
      hearings: hearing.body.id,
      organisations: orgs[0].id,
      persons: Object.values(asu.people)[0],
    };
  });
  afterAll(() => api?.close());

  /**
   * The fingerprint taken after the last refused request: nothing writes between two requests, and an error wrote
   * nothing, so it is the next request's "before". Unknown after a success, which may have written.
   */
  let unchangedSince: Record<string, string> | undefined;

  const concrete = (path: string) =>
    path
      .replace(
        /^\/(dashboard\/messages|meetings|cases|instances|votes|grant-rounds|grant-applications|hearings|organisations|persons)\/\{id\}/,
        (_m, resource: string) => `/${resource}/${params[resource]}`,
      )
      .replace('{code}', 'ASU')
      .replace('{name}', 'assignment')
      .replace('{field}', 'budsjett')
      .replace('{key}', 'fremdrift')
      .replace('{organisationId}', params.organisations)
      .replace('{questionId}', 'q1')
      .replace('{kind}', 'avslag')
      .replace(/\{(answerId|attachmentId|contactId)\}/, randomUUID());

  it('covers the writing endpoints of every area', () => {
    const areas = new Set(endpoints.map((e) => e.path.split('/')[1]));
    expect([...areas].sort()).toEqual([
      'cases',
      'committees',
      'dashboard',
      'grant-applications',
      'grant-rounds',
      'hearings',
      'instances',
      'invitations',
      'meetings',
      'organisations',
      'persons',
      'respond',
      'votes',
      'workflows',
    ]);
  });

  it('GET /archive/export under generated query strings: never 5xx, a refusal is problem+json, a deposit a tar', async () => {
    const key = fc.constantFrom('round', 'hearing', 'meeting', 'round[]', 'round[a]', 'page', '');
    const val = fc.oneof(
      fc.uuid(),
      fc.string({ maxLength: 40 }),
      fc.constantFrom(params['grant-rounds'], params.hearings, params.meetings, '', '\u0000', 'x'.repeat(5_000)),
    );
    const encoded = fc
      .array(fc.tuple(key, val), { maxLength: 4 })
      .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
    const raw = fc.constantFrom('round=%E0%A4%A', 'round[a][b]=1', `meeting=${params.meetings}&meeting=`, '&&=');
    await fc.assert(
      fc.asyncProperty(fc.oneof(encoded, raw), actor, async (query, who) => {
        const before = await databaseFingerprint(api.pg);
        const res = await api.http().get(`/archive/export?${query}`).set(bearer(who));
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
        else expect(res.headers['content-type']).toBe('application/x-tar');
        expect(await databaseFingerprint(api.pg)).toEqual(before);
      }),
      { numRuns: RUNS_PER_ENDPOINT * 2 },
    );
  }, 300_000);

  it('never answers 5xx, and an error writes nothing', async () => {
    const failures: string[] = [];
    for (const endpoint of endpoints) {
      await fc.assert(
        fc.asyncProperty(body, actor, fc.option(fc.uuid()), async (payload, who, key) => {
          const before = unchangedSince ?? (await databaseFingerprint(api.pg));
          unchangedSince = undefined;
          let req = api.http()[endpoint.method](concrete(endpoint.path)).set(bearer(who));
          if (key) req = req.set('Idempotency-Key', `fuzz-${key}`);
          const res = await req.set('Content-Type', 'application/json').send(JSON.stringify(payload));
          if (res.status >= 500)
            failures.push(`${endpoint.method} ${endpoint.path} → ${res.status} ${res.text.slice(0, 200)}`);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.headers['content-type']).toContain('application/problem+json');
            const after = await databaseFingerprint(api.pg);
            expect(after).toEqual(before);
            unchangedSince = after;
          }
        }),
        { numRuns: RUNS_PER_ENDPOINT },
      );
    }
    expect(failures).toEqual([]);
    expect(endpoints.length).toBeGreaterThanOrEqual(60);
  }, 900_000);
});
