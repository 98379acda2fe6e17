import { HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

/** RFC 9457 problem details. Extensions sit beside the standard members. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const PROBLEM_BASE = 'https://samflyt.no/problems/';

/** A problem type URI of ours, e.g. `https://samflyt.no/problems/event-not-allowed`. */
export const problemType = (slug: string): string => `${PROBLEM_BASE}${slug}`;

/** Standard reason phrase for a status, e.g. 404 → "Not Found". */
export function statusTitle(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** The request path without the query string (which may hold a token), for `instance`. */
export const instanceOf = (originalUrl: string | undefined): string | undefined => originalUrl?.split('?')[0];

export function sendProblem(res: Response, problem: Problem, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/** `WWW-Authenticate` for a 401, RFC 6750. */
export const BEARER_CHALLENGE = 'Bearer realm="samflyt"';
