import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { freePort } from '../../scripts/lib/services';
import { killAllWorkers, startWorker } from '../support/worker-process';
import { createHarness, type Harness } from './harness';

/** The machine's own addresses other than loopback (IPv4), where another machine would reach the worker. */
const outward = Object.values(networkInterfaces())
  .flat()
  .filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal)
  .map((a) => a!.address);

/** Whether a TCP connection to host:port is accepted. */
const reachable = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port, timeout: 3_000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });

describe("worker's /metrics: on localhost unless configured", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('metrics-host');
  });
  afterEach(() => killAllWorkers());
  afterAll(() => h.close());

  it('listens on 127.0.0.1 by default: not reachable on the machine’s other addresses', async () => {
    const port = await freePort();
    const worker = await startWorker({ ...h.workerEnv, WORKER_METRICS_PORT: String(port) });
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
    // This machine has a non-loopback address; where it has none, the logged address above is what is tested.
    for (const address of outward)
      expect({ address, reachable: await reachable(address, port) }).toEqual({
        address,
        reachable: false,
      });
    expect(worker.output()).toContain(`metrics on http://127.0.0.1:${port}/metrics`);
  });

  it('WORKER_METRICS_HOST=0.0.0.0 opens it to other machines (when wanted)', async () => {
    const port = await freePort();
    await startWorker({ ...h.workerEnv, WORKER_METRICS_PORT: String(port), WORKER_METRICS_HOST: '0.0.0.0' });
    for (const address of outward)
      expect({ address, reachable: await reachable(address, port) }).toEqual({
        address,
        reachable: true,
      });
  });
});
