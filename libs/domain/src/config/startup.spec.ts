import { debugEnabled, startupFailureLine } from './startup';

const refused = (port: number) =>
  Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`), {
    code: 'ECONNREFUSED',
    address: '127.0.0.1',
    port,
  });

describe('startupFailureLine', () => {
  const env = { DATABASE_URL: 'postgres://u:secret@localhost:5433/db', REDIS_URL: 'redis://127.0.0.1:6380' };

  it('names the variable whose server cannot be reached, never its password', () => {
    const db = startupFailureLine('samflyt api', refused(5433), env);
    expect(db).toBe(
      'samflyt api: cannot reach 127.0.0.1:5433 (ECONNREFUSED): start the server DATABASE_URL points at, or correct DATABASE_URL',
    );
    expect(startupFailureLine('samflyt worker', new AggregateError([refused(6380)]), env)).toMatch(/REDIS_URL/);
    expect(db).not.toContain('secret');
  });

  it('says which port is taken', () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', port: 3000 });
    expect(startupFailureLine('samflyt api', new Error('boot', { cause: inUse }), env)).toMatch(/port 3000 is in use/);
  });

  it('is one line for anything else, pointing at DEBUG=samflyt', () => {
    const line = startupFailureLine('samflyt api', new Error('first\nsecond'), env);
    expect(line).toBe('samflyt api failed to start: first (DEBUG=samflyt prints the stack)');
  });

  it('DEBUG names samflyt, or everything', () => {
    expect(debugEnabled({ DEBUG: 'samflyt' })).toBe(true);
    expect(debugEnabled({ DEBUG: 'express,samflyt' })).toBe(true);
    expect(debugEnabled({ DEBUG: '*' })).toBe(true);
    expect(debugEnabled({ DEBUG: 'samflytx' })).toBe(false);
    expect(debugEnabled({})).toBe(false);
  });
});
