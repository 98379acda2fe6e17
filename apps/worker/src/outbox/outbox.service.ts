import { Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { Mailer, describeSmtpError, isPermanentSmtpError } from './mailer';

export type SendOutcome = 'sent' | 'already-sent' | 'unknown';

interface OutboxRow {
  id: string;
  idempotency_key: string;
  recipient: string;
  recipient_name: string | null;
  subject: string;
  body: string;
  status: 'pending' | 'sent' | 'failed';
}

type Attempt =
  { kind: 'done'; outcome: SendOutcome } | { kind: 'error'; error: unknown; failed: boolean; permanent: boolean };

/** Message-ID from the row id: the same row always goes out under the same id, so a receiver can dedupe. */
export const messageIdOf = (rowId: string): string => `<${rowId}@samflyt>`;

/**
 * Sends one outbox row by e-mail. The row is locked (`FOR UPDATE`) for the whole attempt, so two
 * deliveries of the same job serialize and the second sees `sent` and sends nothing.
 *
 * Honest limit: if the process dies after the SMTP server accepted the message and before the
 * commit, the row is still `pending` and the message is sent again on retry. Delivery on the wire is
 * at-least-once; the deterministic Message-ID and the X-Samflyt-Idempotency-Key header let the
 * receiving side recognise the duplicate. Exactly-once across a network hand-off is not possible.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly metrics: WorkerMetrics,
  ) {}

  /**
   * @param attempt.final this is the last attempt BullMQ makes: a failure marks the row `failed`.
   * @throws the SMTP error after recording it (BullMQ retries with backoff), or UnrecoverableError
   *   when the server refused permanently (row `failed`, no retries).
   */
  async send(messageId: string, attempt: { final: boolean }): Promise<SendOutcome> {
    const result = await this.dataSource.transaction(async (m): Promise<Attempt> => {
      const [row] = (await m.query(
        `SELECT id, idempotency_key, recipient, recipient_name, subject, body, status
           FROM outbox_messages WHERE id = $1 FOR UPDATE`,
        [messageId],
      )) as OutboxRow[];
      if (!row) return { kind: 'done', outcome: 'unknown' };
      if (row.status === 'sent') return { kind: 'done', outcome: 'already-sent' };
      try {
        await this.mailer.send({
          messageId: messageIdOf(row.id),
          to: { address: row.recipient, name: row.recipient_name ?? undefined },
          subject: row.subject,
          text: row.body,
          idempotencyKey: row.idempotency_key,
        });
      } catch (error) {
        const permanent = isPermanentSmtpError(error);
        const failed = permanent || attempt.final;
        await m.query(
          `UPDATE outbox_messages
              SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END
            WHERE id = $1`,
          [row.id, describeSmtpError(error), failed],
        );
        return { kind: 'error', error, failed, permanent };
      }
      // last_error stays: it records that the message needed retries.
      await m.query(
        `UPDATE outbox_messages
            SET status = 'sent', sent_at = now(), attempts = attempts + 1, message_id = $2
          WHERE id = $1`,
        [row.id, messageIdOf(row.id)],
      );
      return { kind: 'done', outcome: 'sent' };
    });

    if (result.kind === 'done') {
      if (result.outcome === 'sent') this.metrics.outboxSent.inc();
      if (result.outcome === 'unknown') this.logger.warn(`Outbox message ${messageId} does not exist in this database`);
      return result.outcome;
    }
    this.metrics.outboxAttemptErrors.inc();
    const reason = describeSmtpError(result.error);
    if (result.failed) {
      this.metrics.outboxFailed.inc();
      this.logger.error(`Outbox message ${messageId} failed for good: ${reason}`);
    } else {
      this.logger.warn(`Outbox message ${messageId} not sent, will retry: ${reason}`);
    }
    if (result.permanent) throw new UnrecoverableError(`SMTP server refused message ${messageId}: ${reason}`);
    throw result.error;
  }
}
