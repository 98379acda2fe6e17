import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';
import { toProblem } from './problem-mapping';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a server shutting down', withCode('terminating connection due to administrator command', '57P01')],
    ['a server starting up', withCode('the database system is starting up', '57P03')],
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
    ['a pool that waited too long', new Error('timeout exceeded when trying to connect')],
    ['every address refused', new AggregateError([withCode('refused', 'ECONNREFUSED')])],
    ['a transaction whose connection broke', new QueryRunnerAlreadyReleasedError()],
    ['TypeORM wrapping the driver', new QueryFailedError('SELECT 1', [], withCode('gone', '08006'))],
  ])('is true for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a syntax error', withCode('syntax error at or near "SELEC"', '42601')],
    ['a unique violation', withCode('duplicate key value', '23505')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a string', 'ECONNREFUSED'],
  ])('is false for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('maps to 503 problem+json with Retry-After, not logged as unexpected', () => {
    expect(toProblem(withCode('connect ECONNREFUSED', 'ECONNREFUSED'))).toEqual({
      problem: expect.objectContaining({
        status: 503,
        type: 'https://samflyt.no/problems/service-unavailable',
        title: 'Service Unavailable',
      }),
      headers: { 'Retry-After': '5' },
      unexpected: false,
    });
  });
});
