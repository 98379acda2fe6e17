import { killAllWorkers, spawnWorker, startWorker } from '../support/worker-process';
import { createHarness, type Harness } from './harness';
import { startRedisServer, type RedisServer } from './redis-server';

describe('worker start-up checks', () => {
  let h: Harness;
  const servers: RedisServer[] = [];

  beforeAll(async () => {
    h = await createHarness('worker-startup');
  });

  afterAll(async () => {
    await killAllWorkers();
    await Promise.all(servers.map((s) => s.stop()));
    await h.close();
  });

  const redisWith = async (args: string[]) => {
    const server = await startRedisServer(args);
    servers.push(server);
    return server.url;
  };

  it('refuses to start when Redis may evict keys (maxmemory-policy allkeys-lru), saying why and what to do', async () => {
    const url = await redisWith(['--maxmemory-policy', 'allkeys-lru']);
    const worker = spawnWorker({ ...h.workerEnv, REDIS_URL: url });
    expect(await worker.exited).toEqual({ code: 1, signal: null });
    const output = worker.output();
    expect(output).toContain('refuses to start');
    expect(output).toContain('maxmemory-policy "allkeys-lru"');
    expect(output).toContain('noeviction');
    expect(output).toContain('#1046');
    expect(output).toContain('ALLOW_REDIS_EVICTION=true');
    expect(output).not.toContain('worker ready');
  });

  it('starts with a loud warning when ALLOW_REDIS_EVICTION=true, and stops cleanly on SIGTERM', async () => {
    const url = await redisWith(['--maxmemory-policy', 'allkeys-lru']);
    const worker = await startWorker({ ...h.workerEnv, REDIS_URL: url, ALLOW_REDIS_EVICTION: 'true' });
    expect(worker.output()).toMatch(/WARNING: Redis at .* has maxmemory-policy "allkeys-lru"/);
    const exit = await worker.stop();
    // On failure, the worker's own words say why.
    expect({ exit, output: exit.code === 0 ? '' : worker.output() }).toEqual({
      exit: { code: 0, signal: null },
      output: '',
    });
    expect(worker.output()).toContain('workers stopped');
    expect(worker.output()).not.toMatch(/\bERROR\b/);
  });

  it('starts with a warning when CONFIG is not permitted (managed Redis)', async () => {
    const url = await redisWith(['--rename-command', 'CONFIG', '""']);
    const worker = await startWorker({ ...h.workerEnv, REDIS_URL: url });
    expect(worker.output()).toContain('Could not read maxmemory-policy');
    await worker.stop();
  });

  it.each([
    ['a missing SMTP_URL', { SMTP_URL: undefined }, /SMTP_URL is missing/],
    ['a missing DATABASE_URL', { DATABASE_URL: undefined }, /DATABASE_URL is missing/],
    ['a malformed REDIS_URL', { REDIS_URL: 'http://127.0.0.1:6379' }, /REDIS_URL must be a redis:\/\/ URL/],
    ['a malformed MAIL_FROM', { MAIL_FROM: 'noreply' }, /MAIL_FROM must contain an e-mail address/],
    [
      'a malformed WORKER_TIMER_CONCURRENCY',
      { WORKER_TIMER_CONCURRENCY: 'many' },
      /WORKER_TIMER_CONCURRENCY must be an integer/,
    ],
    ['a malformed ALLOW_REDIS_EVICTION', { ALLOW_REDIS_EVICTION: 'yes' }, /ALLOW_REDIS_EVICTION must be true or false/],
  ])('refuses to start with %s, naming the variable', async (_what, env, message) => {
    const worker = spawnWorker({ ...h.workerEnv, ...env });
    expect(await worker.exited).toEqual({ code: 1, signal: null });
    expect(worker.output()).toMatch(message);
    expect(worker.output()).toContain('Invalid environment');
  });
});
