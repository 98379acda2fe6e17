import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * docker-compose.yml is not run here (no Docker engine on the test machines); it is read as compose reads it. Each
 * published port must be bound to 127.0.0.1, and every secret must come from the environment (`${VAR:?…}`: compose
 * refuses to start without it), never be written in the file.
 */
interface Service {
  ports?: string[];
  environment?: Record<string, string>;
  command?: string[] | string;
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
