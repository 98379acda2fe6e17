import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SinkMail {
  messageId: string;
  to: string[];
  subject: string;
  idempotencyKey: string;
}

export interface SmtpSink {
  url: string;
  /** Messages accepted, in order. */
  accepted: SinkMail[];
  /** Every MAIL FROM, accepted or refused, with its time. */
  attempts: { at: number; refused: boolean }[];
  stop(): Promise<void>;
}

/**
 * A real SMTP peer of the test's own (smtp-server, the library the mail catcher uses) that can refuse:
 * `refuse(n)` gets the 1-based number of the MAIL FROM and returns an SMTP code to refuse with, or null.
 */
export async function startSmtpSink(refuse: (attempt: number) => number | null = () => null): Promise<SmtpSink> {
  const accepted: SinkMail[] = [];
  const attempts: SmtpSink['attempts'] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 1_000,
    onMailFrom(_address, _session, callback) {
      const code = refuse(attempts.length + 1);
      attempts.push({ at: Date.now(), refused: code !== null });
      if (code === null) return callback();
      const error = new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later') as Error & {
        responseCode: number;
      };
      error.responseCode = code;
      callback(error);
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const key = mail.headers.get('x-samflyt-idempotency-key');
          accepted.push({
            messageId: mail.messageId ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            idempotencyKey: typeof key === 'string' ? key : '',
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    attempts,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
