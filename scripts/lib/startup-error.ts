/**
 * Start-up failures as one plain line saying what failed and what to do. The stack and the server logs behind it are
 * printed too when DEBUG names samflyt (`DEBUG=samflyt npm start`).
 */

import { debugEnabled, startupFailureLine } from '@samflyt/domain';

export { debugEnabled } from '@samflyt/domain';

/** A start-up failure whose message already says what failed and what to do. */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown; details?: string }) {
    super(message, options);
    this.name = 'StartupError';
    this.details = options?.details;
  }

  /** Logs or output behind the failure, printed with DEBUG=samflyt. */
  readonly details?: string;
}

/** The one line for a start-up failure of `who` ("samflyt start", "samflyt services", …). */
export function startupLine(who: string, error: unknown): string {
  if (error instanceof StartupError) return `${who}: ${error.message}`;
  return startupFailureLine(who, error);
}

/** Everything about `error` that the one line leaves out: stacks, causes, server output. */
export function startupDetails(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; depth++) {
    if (e instanceof StartupError && e.details) parts.push(e.details);
    parts.push(e instanceof Error ? (e.stack ?? e.message) : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join('\n');
}

/** Prints the one line (and with DEBUG=samflyt the details) to stderr. */
export function reportStartupFailure(who: string, error: unknown): void {
  if (debugEnabled()) process.stderr.write(`${startupDetails(error)}\n`);
  process.stderr.write(`${startupLine(who, error)}\n`);
}
