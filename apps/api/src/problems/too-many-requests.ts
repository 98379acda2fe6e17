/** A rate limit was reached: 429 with `Retry-After` (problem-mapping.ts). */
export class TooManyRequestsError extends Error {
  constructor(
    /** Whole seconds until the caller may try again. */
    readonly retryAfter: number,
    readonly limit: number,
  ) {
    super(`Too many requests: at most ${limit} a minute from one address here; try again in ${retryAfter} s`);
    this.name = 'TooManyRequestsError';
  }
}
