import { OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';

export interface OutgoingMail {
  /** RFC 5322 Message-ID, deterministic per outbox row: `<row-id@samflyt>`. */
  messageId: string;
  to: { address: string; name?: string };
  subject: string;
  text: string;
  idempotencyKey: string;
  /** Documents sent with it (a letter's PDF). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/** Pool and timeouts unless SMTP_URL's query sets them (`?pool=false`, `&socketTimeout=…`). */
const TRANSPORT_DEFAULTS: Record<string, string> = {
  pool: 'true',
  connectionTimeout: '10000',
  greetingTimeout: '10000',
  socketTimeout: '30000',
};

/** nodemailer over SMTP_URL, pooled. The only place the worker talks SMTP. */
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    maxConnections = 5,
  ) {
    const url = new URL(smtpUrl);
    for (const [key, value] of Object.entries({ ...TRANSPORT_DEFAULTS, maxConnections: String(maxConnections) })) {
      if (!url.searchParams.has(key)) url.searchParams.set(key, value);
    }
    // nodemailer's logger and debug output (`?logger=true&debug=true`) would print the SMTP conversation: the user
    // name, and every message body with its hearing links. The transport never logs; failures are logged by the outbox.
    for (const key of ['logger', 'debug']) url.searchParams.delete(key);
    this.transport = createTransport(url.toString());
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: { name: mail.to.name ?? '', address: mail.to.address },
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
      attachments: mail.attachments,
      headers: { 'X-Samflyt-Idempotency-Key': mail.idempotencyKey },
    });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

/** A refusal the server will repeat (5xx for the recipient or the message), so retrying is pointless. */
export function isPermanentSmtpError(error: unknown): boolean {
  const e = error as { code?: string; responseCode?: number };
  return (
    (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') && typeof e.responseCode === 'number' && e.responseCode >= 500
  );
}

export function describeSmtpError(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; message?: string };
  const parts = [e.code, e.responseCode, e.message ?? String(error)].filter((p) => p !== undefined && p !== '');
  return parts.join(' ').slice(0, 2000);
}
