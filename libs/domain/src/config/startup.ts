/**
 * A process that fails to start says so in one plain line: what failed and what to do. The stack follows only when
 * DEBUG names samflyt (`DEBUG=samflyt`).
 */

interface SystemError {
  code?: string;
  address?: string;
  port?: number;
  message?: string;
}

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET']);

/** The error and everything behind it (causes, the errors of an AggregateError), outermost first. */
function chain(error: unknown): SystemError[] {
  const out: SystemError[] = [];
  const visit = (e: unknown, depth: number): void => {
    if (!e || typeof e !== 'object' || depth > 5) return;
    out.push(e as SystemError);
    if (e instanceof AggregateError) e.errors.forEach((inner) => visit(inner, depth + 1));
    visit((e as { cause?: unknown }).cause, depth + 1);
  };
  visit(error, 0);
  return out;
}

/** Which of the *_URL variables points at host:port, if any. */
function variableFor(address: string | undefined, port: number | undefined, env: NodeJS.ProcessEnv): string {
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL']) {
    try {
      const url = new URL(env[name] ?? '');
      const urlPort = Number(url.port || { 'postgres:': 5432, 'postgresql:': 5432, 'redis:': 6379 }[url.protocol]);
      if (port === undefined || urlPort === port) {
        if (!address || url.hostname === address || ['localhost', '127.0.0.1', '::1'].includes(url.hostname))
          return name;
      }
    } catch {
      // not set or not a URL
    }
  }
  return 'DATABASE_URL or REDIS_URL';
}

export const debugEnabled = (env: NodeJS.ProcessEnv = process.env): boolean =>
  /(^|[\s,])(samflyt|\*)([\s,:]|$)/.test(env.DEBUG ?? '');

/** The one line for `app` ("samflyt api", …) failing to start with `error`. */
export function startupFailureLine(app: string, error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const errors = chain(error);
  const inUse = errors.find((e) => e.code === 'EADDRINUSE');
  if (inUse) return `${app}: port ${inUse.port ?? ''} is in use: stop what listens there, or set another port`;
  const unreachable = errors.find((e) => e.code && CONNECT_CODES.has(e.code));
  if (unreachable) {
    const where = unreachable.address ? `${unreachable.address}:${unreachable.port ?? ''}` : 'a server';
    const variable = variableFor(unreachable.address, unreachable.port, env);
    return `${app}: cannot reach ${where} (${unreachable.code}): start the server ${variable} points at, or correct ${variable}`;
  }
  const pg = errors.find((e) => e.code === '28P01' || e.code === '3D000' || e.code === '28000');
  if (pg) return `${app}: the database refused the connection (${pg.message}): correct DATABASE_URL`;
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim() || 'unknown error';
  return `${app} failed to start: ${message} (DEBUG=samflyt prints the stack)`;
}

/** Prints the one line (after the stack when DEBUG=samflyt) to stderr. */
export function reportStartupFailure(app: string, error: unknown, env: NodeJS.ProcessEnv = process.env): void {
  if (debugEnabled(env)) process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.stderr.write(`${startupFailureLine(app, error, env)}\n`);
}

/**
 * Connects to DATABASE_URL once (5 s at most) before the app is built, so an unreachable database is one line at
 * start-up rather than the ORM's retries with their stacks. Throws the driver's error.
 */
export async function probeDatabase(url: string): Promise<void> {
  const { DataSource } = await import('typeorm');
  const ds = new DataSource({ type: 'postgres', url, extra: { max: 1, connectionTimeoutMillis: 5000 } });
  await ds.initialize();
  await ds.destroy();
}
