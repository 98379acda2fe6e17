/**
 * In-process development mail catcher: an SMTP server that accepts every
 * message (no TLS, any or no authentication) and keeps it in memory, plus a
 * tiny HTTP server that shows the messages as a web page and as JSON.
 *
 *   GET    /              HTML page (Norwegian bokmål), newest first, refreshes every 5 s
 *   GET    /api/messages  JSON array, oldest first; optional ?to=<address> (exact,
 *                         case-insensitive) and ?subject=<text> (substring, case-insensitive)
 *   DELETE /api/messages  removes all messages, 204
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface CaughtMail {
  id: string;
  messageId: string;
  from: string;
  /** Envelope recipients (RCPT TO), so Bcc recipients are included. */
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** Files sent with it (a letter's PDF): name, type, size, SHA-256 (hex) and the bytes in base64. */
  attachments: { filename: string; contentType: string; size: number; sha256: string; contentBase64: string }[];
  /** Lower-case header names; repeated headers are joined with ", ". */
  headers: Record<string, string>;
  /** ISO 8601 timestamp. */
  receivedAt: string;
}

export interface MailCatcher {
  smtpUrl: string;
  httpUrl: string;
  messages(): CaughtMail[];
  clear(): void;
  stop(): Promise<void>;
}

export interface MailCatcherOptions {
  /** Defaults to a free port. */
  smtpPort?: number;
  /** Defaults to env MAIL_UI_PORT, else a free port. */
  httpPort?: number;
}

const MAX_MESSAGES = 5000;
const MAX_ROWS_ON_PAGE = 200;
const HOST = '127.0.0.1';
const TITLE = 'Sendt e-post (samflyt utviklingspostkasse)';

export async function startMailCatcher(opts: MailCatcherOptions = {}): Promise<MailCatcher> {
  const store: CaughtMail[] = [];

  const smtp = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    banner: 'samflyt mail catcher',
    closeTimeout: 2000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          store.push(toCaughtMail(parsed, session));
          if (store.length > MAX_MESSAGES) store.splice(0, store.length - MAX_MESSAGES);
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });

  const http = createServer((req, res) => {
    try {
      handleHttp(req, res, store);
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(err instanceof Error ? err.message : String(err));
    }
  });

  const envPort = process.env.MAIL_UI_PORT ? Number(process.env.MAIL_UI_PORT) : undefined;
  if (envPort !== undefined && !Number.isInteger(envPort)) {
    throw new Error(`MAIL_UI_PORT must be a port number, got "${process.env.MAIL_UI_PORT}"`);
  }

  let smtpListening = false;
  try {
    await listen(smtp.server, opts.smtpPort ?? 0, 'SMTP');
    smtpListening = true;
    await listen(http, opts.httpPort ?? envPort ?? 0, 'HTTP');
  } catch (err) {
    if (smtpListening) await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw err;
  }
  // Connection-level errors must not crash the process once we are running.
  smtp.on('error', () => undefined);
  http.on('error', () => undefined);

  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const httpPort = (http.address() as AddressInfo).port;
  let stopped: Promise<void> | undefined;

  return {
    smtpUrl: `smtp://${HOST}:${smtpPort}`,
    httpUrl: `http://${HOST}:${httpPort}`,
    messages: () => store.slice(),
    clear: () => void store.splice(0),
    stop: () =>
      (stopped ??= Promise.all([
        new Promise<void>((resolve) => smtp.close(() => resolve())),
        new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeAllConnections();
        }),
      ]).then(() => undefined)),
  };
}

function listen(server: Server, port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) =>
      reject(new Error(`mail catcher ${what} server could not listen on ${HOST}:${port}: ${err.message}`));
    server.once('error', onError);
    server.listen(port, HOST, () => {
      server.removeListener('error', onError);
      resolve();
    });
  });
}

function toCaughtMail(parsed: ParsedMail, session: SMTPServerSession): CaughtMail {
  const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
  const headerTo = [parsed.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? ''));
  const mailFrom = session.envelope.mailFrom;
  return {
    id: randomUUID(),
    messageId: parsed.messageId ?? '',
    from: parsed.from?.text || (mailFrom ? mailFrom.address : ''),
    to: envelopeTo.length > 0 ? envelopeTo : headerTo.filter(Boolean),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    ...(parsed.html ? { html: parsed.html } : {}),
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? '',
      contentType: a.contentType,
      size: a.content.length,
      sha256: createHash('sha256').update(a.content).digest('hex'),
      contentBase64: a.content.toString('base64'),
    })),
    headers: headerRecord(parsed),
    receivedAt: new Date().toISOString(),
  };
}

function headerRecord(parsed: ParsedMail): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const { key, line } of parsed.headerLines) {
    const raw = line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    const decoded = parsed.headers.get(key);
    if (key in out) out[key] = `${out[key]}, ${raw}`;
    else out[key] = typeof decoded === 'string' ? decoded : raw;
  }
  return out;
}

function handleHttp(req: IncomingMessage, res: ServerResponse, store: CaughtMail[]): void {
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  const method = req.method ?? 'GET';
  // No keep-alive: pooled client sockets (fetch/undici) would otherwise keep jest workers alive.
  res.setHeader('Connection', 'close');
  if (url.pathname === '/' && (method === 'GET' || method === 'HEAD')) {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(method === 'HEAD' ? undefined : renderPage(store));
  } else if (url.pathname === '/api/messages' && method === 'GET') {
    const to = url.searchParams.get('to')?.toLowerCase();
    const subject = url.searchParams.get('subject')?.toLowerCase();
    const result = store.filter(
      (m) =>
        (!to || m.to.some((addr) => addr.toLowerCase() === to)) &&
        (!subject || m.subject.toLowerCase().includes(subject)),
    );
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(result));
  } else if (url.pathname === '/api/messages' && method === 'DELETE') {
    store.splice(0);
    res.writeHead(204).end();
  } else if (url.pathname === '/' || url.pathname === '/api/messages') {
    res.writeHead(405, { Allow: url.pathname === '/' ? 'GET, HEAD' : 'GET, DELETE' }).end();
  } else {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Ikke funnet\n');
  }
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function formatTime(iso: string): string {
  try {
    return new Date(iso).toLocaleString('nb-NO', { timeZone: 'Europe/Oslo' });
  } catch {
    return iso;
  }
}

function renderPage(store: CaughtMail[]): string {
  const newest = store.slice(-MAX_ROWS_ON_PAGE).reverse();
  const count = store.length === 1 ? '1 melding mottatt.' : `${store.length} meldinger mottatt.`;
  const shown = store.length > MAX_ROWS_ON_PAGE ? ` Viser de ${MAX_ROWS_ON_PAGE} nyeste.` : '';
  const rows = newest
    .map(
      (m) => `<tr>
<td class="tid">${escapeHtml(formatTime(m.receivedAt))}</td>
<td>${escapeHtml(m.to.join(', '))}</td>
<td><details><summary>${escapeHtml(m.subject || '(uten emne)')}</summary>
<p class="meta">Fra: ${escapeHtml(m.from)}<br>Message-ID: ${escapeHtml(m.messageId)}</p>
<pre>${escapeHtml(m.text || '(ingen tekstdel)')}</pre></details></td>
</tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<title>${TITLE}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid #ddd; }
td.tid { white-space: nowrap; }
summary { cursor: pointer; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: .6rem; }
.meta { color: #666; font-size: .9em; }
</style>
</head>
<body>
<h1>${TITLE}</h1>
<p>${count}${shown} Siden oppdateres hvert 5. sekund. Klikk på emnet for å se innholdet.
<a href="/api/messages">Meldingene som JSON</a>.
<button type="button" onclick="fetch('/api/messages',{method:'DELETE'}).then(function(){location.reload()})">Tøm postkassen</button></p>
${
  store.length === 0
    ? '<p>Ingen e-post er mottatt ennå.</p>'
    : `<table>
<thead><tr><th>Tid</th><th>Til</th><th>Emne</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
}
</body>
</html>
`;
}
