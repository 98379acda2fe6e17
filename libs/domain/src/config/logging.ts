import { createRequire } from 'node:module';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { EnvError, isProduction } from './env';

/** What the log settings of a process read: SAMFLYT_ENV, LOG_LEVEL and LOG_FORMAT (env.ts validates them). */
export interface LogEnv {
  SAMFLYT_ENV?: string;
  LOG_LEVEL?: string;
  LOG_FORMAT?: string;
}

const CENSOR = '[redacted]';

/**
 * Fields pino censors wherever a log object has them. The request and response serializers below log no headers
 * and no bodies at all; these paths are the second line, for a header or a body someone logs by hand.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-hearing-token"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-hearing-token"]',
  'password',
  'token',
  'secret',
  'body',
  'text',
  '*.password',
  '*.token',
  '*.secret',
  '*.body',
  '*.text',
];

/**
 * Secrets in free text (a message, an error): the password of a URL (`redis://:pw@…`), a bearer token, a token or
 * key in a query string or fragment (`?token=…`, `#token=…`), the hearing link header.
 */
export function scrub(text: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi, `$1${CENSOR}@`)
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${CENSOR}`)
    .replace(/([?#&;](?:[a-z_]*token|key|code|state|secret|password|sig)=)[^\s&#"']+/gi, `$1${CENSOR}`)
    .replace(/(x-hearing-token["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, `$1${CENSOR}`);
}

/** A request URL as logged: the path, and the names of query parameters without their values. */
export function urlForLog(url: string | undefined): string {
  if (!url) return '';
  const [path, query] = url.split('?', 2);
  const names = query === undefined ? [] : [...new URLSearchParams(query).keys()];
  return names.length === 0 ? path : `${path}?${names.map((n) => `${n}=${CENSOR}`).join('&')}`;
}

interface LoggedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  remoteAddress?: string;
}

/** The request as it goes into a log line: id, method, path (query values censored), client address. No headers. */
export const requestForLog = (req: LoggedRequest) => ({
  id: req.id,
  method: req.method,
  url: urlForLog(req.url),
  remoteAddress: req.remoteAddress,
});

/** The response as it goes into a log line: its status. No headers (Set-Cookie). */
export const responseForLog = (res: { statusCode?: number }) => ({ statusCode: res.statusCode });

/**
 * The pino settings of every process (api, worker, web): JSON lines in production, readable lines in development
 * (pino-pretty, a development dependency, loaded only then; LOG_FORMAT chooses), level from LOG_LEVEL, the service
 * name and the current correlation id on every line, secrets censored.
 */
export function logSettings(
  service: string,
  env: LogEnv,
  correlationId: () => string | null = () => null,
): { options: LoggerOptions; stream: DestinationStream | undefined } {
  const production = isProduction(env);
  if (production && env.LOG_FORMAT === 'pretty') {
    throw new EnvError(['LOG_FORMAT=pretty is for development; production logs JSON lines (LOG_FORMAT=json)']);
  }
  const pretty = !production && (env.LOG_FORMAT ?? 'pretty') === 'pretty';
  const options: LoggerOptions = {
    level: env.LOG_LEVEL ?? 'info',
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    serializers: { req: requestForLog, res: responseForLog, err: errorForLog },
    mixin: (_object, _level, logger) => {
      const id = correlationId();
      // A request's logger has it bound already (pino-http's customProps).
      return id && !(logger.bindings() as { correlationId?: string }).correlationId ? { correlationId: id } : {};
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as Parameters<typeof method>);
      },
    },
  };
  return { options, stream: pretty ? prettyStream() : undefined };
}

/** An error as logged: type, message and stack, each scrubbed (a driver's message may quote a URL). */
function errorForLog(error: unknown) {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  for (const key of ['message', 'stack']) {
    if (typeof serialized[key] === 'string') serialized[key] = scrub(serialized[key]);
  }
  return serialized;
}

/** pino-pretty when it is installed (a development dependency); JSON lines otherwise. */
function prettyStream(): DestinationStream | undefined {
  try {
    const pretty = createRequire(__filename)('pino-pretty') as (options: object) => DestinationStream;
    return pretty({
      colorize: !process.env.NO_COLOR && process.stdout.isTTY,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname',
      sync: true,
    });
  } catch {
    return undefined;
  }
}

/** A pino logger with the settings above, for a process that is not a Nest app (the web server, scripts). */
export function createLogger(service: string, env: LogEnv, correlationId?: () => string | null): Logger {
  const { options, stream } = logSettings(service, env, correlationId);
  return stream ? pino(options, stream) : pino(options);
}
