import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { loadDemoCommittees } from '@samflyt/domain';
import { bearer, expectProblem, people, startApi, type ApiHarness, type Person } from '../support/api';
import { requireEnv } from '../support/database';
import { committeeFingerprint, demoFile, demoLogins } from './committee-fixtures';

/** Tokens without committee roles: whatever they may do here comes from the memberships in the database. */
const login = (key: keyof typeof demoLogins, roles: string[] = []): Person => ({
  sub: `login-${key}`,
  name: demoLogins[key].name,
  roles,
  email: demoLogins[key].email,
});

const callers = {
  /** A staff token with the secretariat role and no person in the register. */
  secretariat: people.secretariat,
  /** Solveig Cruikshank Tofte: secretariat by her sekretariat seat in ASU, not by her token. */
  secretariatMember: login('secretariat'),
  /** Trine Wigtil: brukerrepresentant in ASU with a vote. */
  member: login('member'),
  /** Torkild Skaar: employee representative, observer in ASU. */
  observer: login('observer'),
  outsider: { sub: 'utenfor-1', name: 'Ola Utenfor', roles: [], email: 'ola@utenfor.test' } as Person,
};
type Caller = keyof typeof callers | 'none';
const headersFor = (caller: Caller) => (caller === 'none' ? {} : bearer(callers[caller]));
const table = (statuses: Record<Caller, number>) => Object.entries(statuses) as [Caller, number][];

const smallCommittee = (code = 'FAGRAD-5') =>
  `code: ${code}\nname: Fagråd for digital samhandling\nkind: fagrad\nparent: ASU\nmembers:\n` +
  '  - { name: Trine Hansen, email: trine.hansen@fagrad.test, role: leder, party: annen, vote: true, from: 2024-01-01 }\n';

describe('committees API', () => {
  let api: ApiHarness;
  let dataSource: DataSource;
  const fingerprint = () => committeeFingerprint(dataSource);

  beforeAll(async () => {
    // Admin is configured on the server, never taken from a token: the ASU leader's login is in the admin list.
    api = await startApi('committees-api', { ADMIN_SUBJECTS: `${requireEnv('ADMIN_SUBJECTS')},login-leader` });
    dataSource = api.app.get<DataSource>(getDataSourceToken());
    await loadDemoCommittees(dataSource);
  });
  afterAll(() => api?.close());

  describe('each endpoint × each kind of caller', () => {
    it.each(table({ secretariat: 200, secretariatMember: 200, member: 200, observer: 200, outsider: 200, none: 401 }))(
      'GET /committees as %s → %i',
      async (caller, status) => {
        const res = await api.http().get('/committees').set(headersFor(caller));
        expect(res.status).toBe(status);
        if (status === 401) return void expectProblem(res, 401, 'unauthorized');
        expect(res.body.map((c: { code: string }) => c.code)).toEqual(['ASU', 'AU', 'AU-UTVIDET']);
        expect(res.body[0]).toMatchObject({ name: 'Administrativt samarbeidsutvalg', kind: 'asu', parent: null });
        expect(res.body[2]).toMatchObject({ code: 'AU-UTVIDET', parent: 'ASU', decisionRule: 'consensus' });
      },
    );

    it.each(table({ secretariat: 200, secretariatMember: 200, member: 200, observer: 200, outsider: 200, none: 401 }))(
      'GET /committees/ASU as %s → %i, e-mail addresses for the secretariat only',
      async (caller, status) => {
        const res = await api.http().get('/committees/ASU?at=2024-04-17').set(headersFor(caller));
        expect(res.status).toBe(status);
        if (status === 401) return void expectProblem(res, 401, 'unauthorized');
        const secretariat = caller === 'secretariat' || caller === 'secretariatMember';
        const astad = res.body.members[0];
        expect(astad).toMatchObject({
          name: 'Ingjerd Astad',
          role: 'leder',
          party: 'kommune',
          represents: 'Trøndelag sør-vest',
          vote: true,
          varaFor: null,
        });
        expect(astad.email).toBe(secretariat ? 'ingjerd.astad@trondelag-sor-vest.test' : undefined);
        const bertilsson = res.body.members.find((m: { name: string }) => m.name === 'Helena Bertilsson');
        expect(bertilsson).toMatchObject({ role: 'vara', vote: false, varaFor: { name: 'Sunniva Rognerud' } });
        expect(bertilsson.varaFor.email).toBe(secretariat ? 'sunniva.rognerud@helse-midt.test' : undefined);
        expect(JSON.stringify(res.body).includes('@')).toBe(secretariat);
      },
    );

    it.each(table({ secretariat: 404, secretariatMember: 200, member: 200, observer: 200, outsider: 404, none: 401 }))(
      'GET /persons/me as %s → %i',
      async (caller, status) => {
        const res = await api.http().get('/persons/me').set(headersFor(caller));
        expect(res.status).toBe(status);
        if (status !== 200) return void expectProblem(res, status, status === 401 ? 'unauthorized' : 'not-found');
        expect(res.body.person).toMatchObject({ name: callers[caller as keyof typeof callers].name });
        expect(res.body.memberships.length).toBeGreaterThan(0);
      },
    );

    it.each(table({ secretariat: 201, secretariatMember: 201, member: 403, observer: 403, outsider: 403, none: 401 }))(
      'POST /committees/import as %s → %i',
      async (caller, status) => {
        const before = await fingerprint();
        const res = await api
          .http()
          .post('/committees/import')
          .set(headersFor(caller))
          .send({ format: 'yaml', document: smallCommittee(`FAGRAD-${caller.length}`) });
        expect(res.status).toBe(status);
        if (status === 201) {
          expect(res.body).toMatchObject({ committee: { outcome: 'created' }, memberships: { created: 1 } });
        } else {
          expectProblem(res, status, status === 401 ? 'unauthorized' : 'forbidden');
          expect(await fingerprint()).toEqual(before);
        }
      },
    );
  });

  describe('roles from memberships', () => {
    const me = async (person: Person) => {
      const res = await api.http().get('/persons/me').set(bearer(person));
      expect(res.status).toBe(200);
      return res.body as {
        person: { id: string; email: string };
        roles: string[];
        memberships: { committee: { code: string }; role: string; current: boolean }[];
      };
    };

    it('an ASU member with a vote gets committee:ASU and committee:ASU:vote', async () => {
      expect((await me(callers.member)).roles).toEqual(['committee:ASU', 'committee:ASU:vote']);
    });

    it('an observer gets committee:ASU:observer and no vote', async () => {
      const { roles } = await me(callers.observer);
      expect(roles).toEqual(['committee:ASU', 'committee:ASU:observer']);
      expect(roles).not.toContain('committee:ASU:vote');
    });

    it('a vara is marked as one, with no vote of their own', async () => {
      expect((await me(login('vara'))).roles).toEqual(['committee:ASU', 'committee:ASU:vara']);
    });

    it('a sekretariat seat makes the person secretariat', async () => {
      expect((await me(callers.secretariatMember)).roles).toEqual([
        'committee:ASU:secretariat',
        'committee:AU-UTVIDET:secretariat',
        'committee:AU:secretariat',
        'secretariat',
      ]);
    });

    it('the leader of ASU votes in ASU, the AU and the expanded AU; admin comes from the admin list', async () => {
      const { roles, memberships } = await me(login('leader', ['admin']));
      expect(roles).toEqual([
        'admin',
        'committee:ASU',
        'committee:ASU:vote',
        'committee:AU',
        'committee:AU-UTVIDET',
        'committee:AU-UTVIDET:vote',
        'committee:AU:vote',
      ]);
      expect(memberships.map((m) => [m.committee.code, m.role, m.current])).toEqual([
        ['ASU', 'leder', true],
        ['AU', 'leder', true],
        ['AU-UTVIDET', 'leder', true],
      ]);
    });

    it('the person is found by sub = persons.id too, without an e-mail in the token', async () => {
      const { person } = await me(callers.member);
      const bySub = await me({ sub: person.id, name: 'Trine Wigtil', roles: [] });
      expect(bySub.person.email).toBe(demoLogins.member.email);
      expect(bySub.roles).toContain('committee:ASU:vote');
    });

    it('the e-mail in the token is compared without case', async () => {
      const shouting = { ...callers.member, email: demoLogins.member.email.toUpperCase() };
      expect((await me(shouting)).roles).toContain('committee:ASU:vote');
    });

    it('a seat that has ended gives no role: Tom Christian Martinsen left in 2024', async () => {
      const martinsen = {
        sub: 'tcm',
        name: 'Tom Christian Martinsen',
        roles: [],
        email: 'tom.christian.martinsen@stolav.test',
      };
      const { roles, memberships } = await me(martinsen);
      expect(roles).toEqual([]);
      expect(memberships.every((m) => !m.current)).toBe(true);
    });

    it('a derived role opens what the role opens: Solveig Tofte imports without a secretariat token', async () => {
      const res = await api
        .http()
        .post('/committees/import')
        .set(bearer(callers.secretariatMember))
        .send({ format: 'yaml', document: demoFile('au.yaml') });
      expect(res.status).toBe(201);
    });
  });

  describe('POST /committees/import', () => {
    const sek = bearer(people.secretariat);
    const post = () => api.http().post('/committees/import').set(sek);

    it('a re-import of the demo ASU: 201, everything unchanged', async () => {
      const before = await fingerprint();
      const res = await post().send({ format: 'yaml', document: demoFile('asu.yaml') });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        committee: { code: 'ASU', outcome: 'unchanged' },
        organisations: { created: 0, updated: 0, unchanged: 7 },
        persons: { created: 0, updated: 0, unchanged: 42 },
        memberships: { created: 0, updated: 0, unchanged: 42 },
      });
      expect(await fingerprint()).toEqual(before);
    });

    it('the document as JSON body, as { format: json }, and as application/yaml', async () => {
      const doc = {
        code: 'FAGRAD-1',
        name: 'Fagråd for pasientsamarbeid',
        kind: 'fagrad',
        parent: 'ASU',
        members: [
          {
            name: 'Lars Erik Laugsand',
            email: 'lars.erik.laugsand@fagrad.test',
            role: 'leder',
            party: 'annen',
            vote: true,
            from: '2024-01-01',
          },
        ],
      };
      expect((await post().send(doc)).body).toMatchObject({ committee: { outcome: 'created' } });
      const asJson = await post().send({ format: 'json', document: JSON.stringify(doc) });
      expect(asJson.body).toMatchObject({ committee: { outcome: 'unchanged' }, persons: { unchanged: 1 } });
      const asYaml = await post().set('Content-Type', 'application/yaml').send(smallCommittee('FAGRAD-2'));
      expect(asYaml.status).toBe(201);
      expect(asYaml.body).toMatchObject({ committee: { code: 'FAGRAD-2', outcome: 'created' } });
    });

    it.each([
      [
        'a vara for someone who is not a member',
        {
          format: 'yaml',
          document: demoFile('asu.yaml').replace(
            'vara_for: paul.georg.skogen@stolav.test',
            'vara_for: ukjent@stolav.test',
          ),
        },
        'members[34].vara_for',
      ],
      [
        'a schema error',
        { format: 'yaml', document: demoFile('au.yaml').replace('vote: true', 'vote: ja') },
        'members[0].vote',
      ],
      ['a YAML syntax error', { format: 'yaml', document: 'code: AU\nname: [\n' }, '(document)'],
      ['malformed JSON in the envelope', { format: 'json', document: '{"code": ' }, '(document)'],
      ['a JSON document with an unknown field', { code: 'X', name: 'X', kind: 'annet', memebrs: [] }, 'memebrs'],
      ['an envelope without format', { document: 'code: X' }, 'format'],
      ['an envelope with a bad format', { format: 'xml', document: '<x/>' }, 'format'],
      ['an envelope with more fields', { format: 'yaml', document: 'code: X', dryRun: true }, 'dryRun'],
    ])('%s: 400 naming the path, nothing written', async (_, body, field) => {
      const before = await fingerprint();
      const res = await post().send(body);
      const problem = expectProblem(res, 400, 'invalid-input');
      expect(problem.errors?.map((e) => e.field)).toContain(field);
      expect(await fingerprint()).toEqual(before);
    });

    it('YAML that is not a document: 400; an empty body: 400 naming the fields', async () => {
      const list = await post().set('Content-Type', 'application/yaml').send('- just\n- a list\n');
      expect(expectProblem(list, 400, 'invalid-input').errors?.[0].field).toBe('(document)');
      const empty = await post().send({});
      expect(expectProblem(empty, 400, 'invalid-input').errors?.map((e) => e.field)).toEqual(
        expect.arrayContaining(['code', 'name', 'kind']),
      );
    });

    it('a YAML body over 1 MB: 413', async () => {
      const res = await post()
        .set('Content-Type', 'application/yaml')
        .send(`# ${'x'.repeat(1_100_000)}\ncode: X\n`);
      expectProblem(res, 413, 'payload-too-large');
    });
  });

  it('GET /docs-json documents the endpoints, their bearer auth, bodies and problem responses', async () => {
    const { body: doc } = await api.http().get('/docs-json').expect(200);
    const ops = {
      list: doc.paths['/committees'].get,
      get: doc.paths['/committees/{code}'].get,
      me: doc.paths['/persons/me'].get,
      import: doc.paths['/committees/import'].post,
    };
    for (const op of Object.values(ops)) {
      expect(op.security).toEqual([{ bearer: [] }]);
      expect(op.responses['401'].content['application/problem+json'].schema.$ref).toBe(
        '#/components/schemas/ProblemDto',
      );
    }
    expect(Object.keys(ops.import.responses).sort()).toEqual(['201', '400', '401', '403', '413', '415', '500']);
    expect(Object.keys(ops.import.requestBody.content)).toEqual(
      expect.arrayContaining(['application/json', 'application/yaml']),
    );
    expect(Object.keys(ops.get.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
    expect(ops.get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['code', 'at']));
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'CommitteeDto',
        'CommitteeMemberDto',
        'MeDto',
        'ImportSummaryDto',
        'ImportCommitteeBodyDto',
      ]),
    );
  });

  describe('GET /committees/{code}', () => {
    const sek = bearer(people.secretariat);

    it('members on a date: ASU 17.04.24 has the 39 seats of the minutes, 16 with a vote', async () => {
      const res = await api.http().get('/committees/asu?at=2024-04-17').set(sek).expect(200);
      expect(res.body).toMatchObject({ code: 'ASU', at: '2024-04-17' });
      expect(res.body.members).toHaveLength(39);
      expect(res.body.members.filter((m: { vote: boolean }) => m.vote)).toHaveLength(16);
    });

    it('an unknown code: 404; a bad date: 400 naming at', async () => {
      expectProblem(await api.http().get('/committees/NOPE').set(sek), 404, 'not-found');
      const bad = expectProblem(await api.http().get('/committees/ASU?at=17.04.24').set(sek), 400, 'invalid-input');
      expect(bad.errors).toEqual([{ field: 'at', message: 'must be a date YYYY-MM-DD' }]);
    });
  });
});
