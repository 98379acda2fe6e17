import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { isProduction, runMigrations } from '@samflyt/domain';
import { demoAssignments, demoPeople } from './lib/demo-data';
import { seedDemoCommittees, seedDemoWorkflows } from './lib/demo-seed';
import { waitForOk } from './lib/process-utils';
import { freePort, startServices } from './lib/services';
import { reportStartupFailure, StartupError } from './lib/startup-error';
import { webEnv } from './lib/web-launch';

/**
 * `npm start`: services, migrations, api, worker, demo data; prints the URLs.
 * Ctrl-C stops everything it started.
 */
async function main(): Promise<void> {
  if (isProduction(process.env)) {
    // npm start seeds demo data and signs development tokens: neither happens in a deployment.
    console.error('npm start runs samflyt with demo data and is for development: unset SAMFLYT_ENV=production');
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 3000);
  await ensurePortFree(port, 'PORT', 'the API');
  await ensurePortFree(Number(process.env.WEB_PORT ?? 8080), 'WEB_PORT', 'the web app');
  const services = await startServices({ name: 'start' });
  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping samflyt …');
    await Promise.all(children.map((child) => exited(child, 'SIGTERM')));
    await services.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const applied = await runMigrations(services.databaseUrl);
    console.log(applied.length ? `Migrations applied: ${applied.join(', ')}` : 'Database is up to date.');
    await seedDemoCommittees(services.databaseUrl);

    const env = {
      ...process.env,
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      SMTP_URL: services.smtpUrl,
      MAIL_FROM: process.env.MAIL_FROM ?? 'samflyt <noreply@samflyt.local>',
      JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(24).toString('hex'),
      PORT: String(port),
      WORKER_METRICS_PORT: process.env.WORKER_METRICS_PORT ?? String(await freePort()),
      RECONCILE_INTERVAL_MS: process.env.RECONCILE_INTERVAL_MS ?? '15000',
      // The personal links in hearing e-mails open the web app's answer page (/hoering/svar#token=…).
      PUBLIC_WEB_URL: process.env.PUBLIC_WEB_URL ?? webEnv(process.env, '').url,
    };
    const dist = join(__dirname, '..');
    children.push(launch('api', join(dist, 'apps/api/src/main.js'), env, () => void stop(1)));
    children.push(launch('worker', join(dist, 'apps/worker/src/main.js'), env, () => void stop(1)));
    const api = `http://127.0.0.1:${port}`;
    const web = webEnv(env, api);
    children.push(launch('web', join(dist, 'apps/web/server/main.js'), web.env, () => void stop(1)));
    await waitForOk(`${api}/health`, 60_000);
    const tokens = await seedDemoWorkflows(api, services.databaseUrl, env.JWT_SECRET);

    console.log(`
samflyt is running.

  Web app        ${web.url}   (${web.login})
  API            ${api}
  API docs       ${api}/docs
  Health         ${api}/health
  Queues         ${api}/admin/queues?token=${tokens.admin}
  Sent e-mail    ${services.mailUiUrl ?? services.smtpUrl}

Demo data: the ASU, the AU and the expanded AU of the 2024 minutes with their members, the municipalities
of the helsefellesskap, and ${demoAssignments.length} assignments from sak 30/24 and 12/24. The first is due in 3 minutes:
watch its reminders (after 1 and 2 minutes) and the overdue notice arrive in "Sent e-mail".
The open call "Rekrutterings- og samhandlingstilskudd 2025" (sak 30/24) with three søknader, and the høring
of the fagråd structure (sak 12/24), sent to the kommuner, St. Olavs hospital and the user organisations.

Bearer tokens for the demo people (valid 12 h):
${Object.entries(demoPeople)
  .map(
    ([key, p]) =>
      `  ${key.padEnd(13)} ${p.name} <${p.email}>\n  ${' '.repeat(13)} ${tokens[key as keyof typeof tokens]}`,
  )
  .join('\n')}

  curl -H "Authorization: Bearer <token>" ${api}/workflows

Ctrl-C stops everything.`);
  } catch (error) {
    reportStartupFailure('samflyt start', error);
    await stop(1);
  }
}

/** Stops start-up with one line when `port` is not a port or something already listens on it. */
async function ensurePortFree(port: number, variable: string, what: string): Promise<void> {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new StartupError(`${variable}=${process.env[variable]} is not a port number (1–65535)`);
  const problem = await new Promise<string | undefined>((resolve) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    server.listen(port, () => server.close(() => resolve(undefined)));
  });
  if (problem === 'EADDRINUSE')
    throw new StartupError(
      `port ${port} for ${what} is in use: stop what listens there, or set ${variable} to a free port`,
    );
  if (problem) throw new StartupError(`cannot listen on port ${port} for ${what} (${problem}): set ${variable}`);
}

function launch(name: string, script: string, env: NodeJS.ProcessEnv, onCrash: () => void): ChildProcess {
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${name}] ${line}\n`)
      .join('');
  child.stdout!.on('data', (chunk: Buffer) => process.stdout.write(prefix(chunk)));
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  child.on('exit', (code, signal) => {
    // Ctrl-C reaches the whole process group: a child ending on SIGINT/SIGTERM is being stopped, not crashing.
    if (code !== 0 && signal !== 'SIGTERM' && signal !== 'SIGINT') {
      console.error(`[${name}] exited (${signal ?? code}); stopping.`);
      onCrash();
    }
  });
  return child;
}

function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}

main().catch((error: unknown) => {
  reportStartupFailure('samflyt start', error);
  process.exit(1);
});
