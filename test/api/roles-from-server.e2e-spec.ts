import { randomBytes, randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../scripts/lib/process-utils';
import { insertGrantsWorld, roundSettings, type GrantsWorld } from '../grants/support';
import { expectProblem, people, startApi, tokenFor, type ApiHarness } from '../support/api';
import { requireEnv } from '../support/database';
import { startLocalIssuer, type LocalIssuer } from '../support/local-issuer';
import { startChild } from '../web/support';

jest.setTimeout(120_000);

const AUDIENCE = 'https://api.samflyt.test';
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Roles are derived on the server: memberships, ADMIN_SUBJECTS and SECRETARIAT_SUBJECTS. A token's `roles` claim
 * gives nothing, service-internal authority is not a role, and a person is found by a linked identity, or by
 * e-mail only when the issuer is trusted for it and the e-mail is verified.
 */
describe('roles from the server, never from the token', () => {
  let api: ApiHarness;
  let issuer: LocalIssuer;
  let w: GrantsWorld;
  let application: string;
  let instance: string;
  const tag = randomBytes(3).toString('hex');
  const me = (token: string) => api.http().get('/persons/me').set(auth(token));
  const solveig = () => w.asu.people['Solveig Cruikshank Tofte'];

  beforeAll(async () => {
    issuer = await startLocalIssuer(AUDIENCE);
    api = await startApi('roles-server', {
      OIDC_ISSUER: issuer.issuer,
      OIDC_AUDIENCE: AUDIENCE,
      OIDC_EMAIL_TRUSTED: issuer.issuer,
    });
    w = await insertGrantsWorld(api.pg, tag);
    const sek = auth(w.secretariatToken);
    const round = await api
      .http()
      .post('/grant-rounds')
      .set(sek)
      .send(roundSettings({ title: `Tilskudd ${tag}`, opensAt: new Date(Date.now() - 60_000).toISOString() }));
    expect(round.status).toBe(201);
    await api
      .http()
      .post(`/grant-rounds/${round.body.id}/approve`)
      .set(sek)
      .send({ reference: 'sak 30/24' })
      .expect(200);
    await api.http().post(`/grant-rounds/${round.body.id}/open`).set(sek).expect(200);
    const applicant = w.applicants[0];
    const created = await api
      .http()
      .post(`/grant-rounds/${round.body.id}/applications`)
      .set(auth(applicant.token))
      .send({
        title: 'Prosjekt',
        requestedAmount: 300_000,
        answers: { beskrivelse: 'Team', kommuner: 3, tema: 'Samhandling' },
      });
    expect(created.status).toBe(201);
    application = created.body.id;
    await api.http().post(`/grant-applications/${application}/submit`).set(auth(applicant.token)).expect(200);
    instance = (await api.pg.query(`SELECT instance_id FROM grant_applications WHERE id = $1`, [application])).rows[0]
      .instance_id;
  });
  afterAll(async () => {
    await api?.close();
    await issuer?.close();
  });

  it('a development token with roles ["secretariat","internal:grants-api"] cannot send check.completed through POST /instances/{id}/events', async () => {
    const forged = tokenFor({
      sub: 'mallory',
      name: 'Mallory',
      roles: ['secretariat', 'internal:grants-api'],
      email: 'mallory@example.no',
    });
    const before = await api.fingerprint();
    const res = await api
      .http()
      .post(`/instances/${instance}/events`)
      .set(auth(forged))
      .set('Idempotency-Key', `forged-${tag}`)
      .send({ type: 'check.completed' });
    expect([403, 404]).toContain(res.status);
    expectProblem(res, res.status);
    expect(await api.fingerprint()).toEqual(before);
    // The real secretariat is refused there too: the grants API is the only way to the application.
    const real = await api
      .http()
      .post(`/instances/${instance}/events`)
      .set(auth(w.secretariatToken))
      .set('Idempotency-Key', `real-${tag}`)
      .send({ type: 'check.completed' });
    expectProblem(real, 403);
    expect(await api.fingerprint()).toEqual(before);
  });

  it('a token claiming admin gets 403 on the admin endpoints; a login in ADMIN_SUBJECTS gets in', async () => {
    const forged = tokenFor({ sub: 'mallory', name: 'Mallory', roles: ['admin', 'secretariat'] });
    expectProblem(await api.http().get('/admin/queues').set(auth(forged)), 403, 'forbidden');
    expectProblem(await api.http().get('/metrics').set(auth(forged)), 403, 'forbidden');
    expectProblem(await api.http().post('/grant-rounds').set(auth(forged)).send(roundSettings()), 403);
    await api
      .http()
      .get('/admin/queues')
      .set(auth(tokenFor(people.admin)))
      .expect(200);
  });

  it('an OIDC token whose unverified e-mail is a secretariat member’s finds no person and gains no role', async () => {
    for (const claims of [{}, { email_verified: false }, { email_verified: 'true' }]) {
      const token = issuer.token({ email: w.secretariatEmail, name: 'Mallory', ...claims }, { subject: 'mallory' });
      expectProblem(await me(token), 404);
      expectProblem(await api.http().post('/grant-rounds').set(auth(token)).send(roundSettings()), 403);
    }
  });

  it('a verified e-mail from an issuer trusted for e-mail finds the person: her roles come from her seat', async () => {
    const token = issuer.token(
      { email: w.secretariatEmail, email_verified: true, name: 'Solveig', roles: ['admin'] },
      { subject: `solveig-${tag}` },
    );
    const res = await me(token).expect(200);
    expect(res.body.person.id).toBe(solveig());
    expect(res.body.roles).toContain('secretariat');
    expect(res.body.roles).not.toContain('admin');
  });

  it('a linked identity (issuer, subject) finds the person without any e-mail, as ID-porten sends none', async () => {
    const subject = `pid-${tag}`;
    const token = issuer.token({ name: 'Solveig' }, { subject });
    expectProblem(await me(token), 404);
    await api.pg.query(`INSERT INTO person_identities (issuer, subject, person_id) VALUES ($1, $2, $3)`, [
      issuer.issuer,
      subject,
      solveig(),
    ]);
    const res = await me(token).expect(200);
    expect(res.body.person.id).toBe(solveig());
    expect(res.body.roles).toContain('secretariat');
    // The same subject from another issuer is another identity.
    const elsewhere = tokenFor({ sub: subject, name: 'Solveig', roles: [] });
    expectProblem(await me(elsewhere), 404);
  });

  it('an issuer not trusted for e-mail finds no one by e-mail, verified or not', async () => {
    const untrusted = await startApi('roles-untrusted', { OIDC_ISSUER: issuer.issuer, OIDC_AUDIENCE: AUDIENCE });
    try {
      const email = `kari-${tag}@example.no`;
      await untrusted.pg.query(`INSERT INTO persons (id, name, email) VALUES ($1, 'Kari', $2)`, [randomUUID(), email]);
      const token = issuer.token({ email, email_verified: true }, { subject: 'kari' });
      expectProblem(await untrusted.http().get('/persons/me').set(auth(token)), 404);
      // A development token still finds her by e-mail (npm start's demo logins).
      const dev = tokenFor({ sub: 'kari', name: 'Kari', roles: [], email });
      await untrusted.http().get('/persons/me').set(auth(dev)).expect(200);
    } finally {
      await untrusted.close();
    }
  });

  it('in production the API refuses development (HS256) tokens with 401 and accepts the issuer’s', async () => {
    const production = await startApi('roles-production', {
      SAMFLYT_ENV: 'production',
      OIDC_ISSUER: issuer.issuer,
      OIDC_AUDIENCE: AUDIENCE,
      JWT_SECRET: '',
    });
    try {
      for (const person of [people.secretariat, people.admin]) {
        const res = await production
          .http()
          .get('/workflows')
          .set(auth(tokenFor(person)));
        expect(expectProblem(res, 401, 'unauthorized').detail).toMatch(/production/);
      }
      await production
        .http()
        .get('/workflows')
        .set(auth(issuer.token({}, { subject: 'someone' })))
        .expect(200);
    } finally {
      await production.close();
    }
  });
});

describe('production mode refuses unsafe configuration at start-up, naming the variable', () => {
  const dist = (file: string) => join(__dirname, '../../dist', file);
  const run = (script: string, env: Record<string, string>) =>
    spawnSync(process.execPath, [dist(script)], {
      env: { PATH: process.env.PATH, ...env },
      encoding: 'utf8',
      timeout: 60_000, // a refused start exits at once; the bound is for a loaded machine
    });
  const base = () => ({
    SAMFLYT_ENV: 'production',
    DATABASE_URL: requireEnv('DATABASE_URL'),
    REDIS_URL: requireEnv('REDIS_URL'),
  });
  const oidc = { OIDC_ISSUER: 'https://login.example.no', OIDC_AUDIENCE: 'samflyt-api' };

  it('the API without OIDC names OIDC_ISSUER and OIDC_AUDIENCE', () => {
    const res = run('apps/api/src/main.js', { ...base(), JWT_SECRET: randomBytes(32).toString('hex') });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('OIDC_ISSUER');
    expect(res.stderr).toContain('OIDC_AUDIENCE');
  });

  it.each([
    ['the compose file’s', 'change-me-in-production-please'],
    ['the tests’', 'samflyt-test-jwt-secret-not-for-production'],
    ['a short', randomBytes(10).toString('hex')],
  ])('the API with %s JWT_SECRET names JWT_SECRET', (_what, secret) => {
    const res = run('apps/api/src/main.js', { ...base(), ...oidc, JWT_SECRET: secret });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/JWT_SECRET (is a known|must be at least 32)/);
  });

  it('the worker names a SAMFLYT_ENV that is neither development nor production', () => {
    const res = run('apps/worker/src/main.js', {
      ...base(),
      SAMFLYT_ENV: 'prod',
      SMTP_URL: 'smtp://127.0.0.1:25',
      MAIL_FROM: 'samflyt <noreply@example.no>',
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('SAMFLYT_ENV');
  });

  it('the web server without OIDC (so with the development login) names OIDC_ISSUER and OIDC_CLIENT_ID', () => {
    const res = run('apps/web/server/main.js', {
      SAMFLYT_ENV: 'production',
      API_URL: 'http://127.0.0.1:3000',
      JWT_SECRET: requireEnv('JWT_SECRET'),
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('OIDC_ISSUER');
    expect(res.stderr).toContain('OIDC_CLIENT_ID');
  });

  it('the web server with a known JWT_SECRET names it', () => {
    const res = run('apps/web/server/main.js', {
      SAMFLYT_ENV: 'production',
      API_URL: 'http://127.0.0.1:3000',
      OIDC_ISSUER: 'https://login.example.no',
      OIDC_CLIENT_ID: 'samflyt-web',
      JWT_SECRET: 'change-me-in-production-please',
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('JWT_SECRET');
  });

  it('npm start (demo data) and npm run token (development tokens) refuse to run in production', () => {
    const start = run('scripts/start.js', { SAMFLYT_ENV: 'production' });
    expect(start.status).toBe(1);
    expect(start.stderr).toContain('SAMFLYT_ENV=production');
    const token = run('scripts/token.js', { SAMFLYT_ENV: 'production', JWT_SECRET: requireEnv('JWT_SECRET') });
    expect(token.status).toBe(1);
    expect(token.stderr).toContain('production');
  });

  it('the API starts in production with OIDC and no JWT_SECRET', async () => {
    const port = await freePort();
    const api = await startChild(
      'api',
      [dist('apps/api/src/main.js')],
      {
        PATH: process.env.PATH,
        ...base(),
        ...oidc,
        PORT: String(port),
        QUEUE_PREFIX: `prod-${randomBytes(3).toString('hex')}`,
      },
      /samflyt api on/,
    );
    await api.stop();
  });
});
