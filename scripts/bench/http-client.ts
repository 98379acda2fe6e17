import { Agent, request } from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
}

export type Post = (path: string, body: unknown, headers: Record<string, string>) => Promise<HttpAnswer>;

/**
 * POST with keep-alive. `fetch` is Node's built-in undici client (keep-alive by default, one
 * connection per request in flight); `http` is node:http with a keep-alive Agent of `sockets`
 * connections, which costs the client less CPU — on a small machine the client shares the cores
 * with the api and Postgres, so its cost is visible in the figure. BENCH_HTTP_CLIENT picks one.
 */
export function httpPoster(baseUrl: string, sockets: number, kind: 'fetch' | 'http'): { post: Post; close(): void } {
  if (kind === 'fetch') {
    return {
      post: async (path, body, headers) => {
        const res = await fetch(`${baseUrl}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: await res.text() };
      },
      close: () => undefined,
    };
  }
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  return {
    post: (path, body, headers) =>
      new Promise<HttpAnswer>((resolve, reject) => {
        const payload = Buffer.from(JSON.stringify(body));
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path,
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': String(payload.length), ...headers },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      }),
    close: () => agent.destroy(),
  };
}
