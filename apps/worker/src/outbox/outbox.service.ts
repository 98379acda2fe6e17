import { Injectable, Logger, Optional } from '@nestjs/common';
import { letterForMessage, letterSenderOf, WorkerEnv } from '@samflyt/domain';
import { isDeliverableAddress, OutboxRepository, withCorrelationId } from '@samflyt/engine';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { Mailer, describeSmtpError, isPermanentSmtpError } from './mailer';

export type SendOutcome = 'sent' | 'already-sent' | 'already-failed' | 'invalid-recipient' | 'unknown';

type Attempt = { correlationId?: string | null } & (
  { kind: 'done'; outcome: SendOutcome } | { kind: 'error'; error: unknown; failed: boolean; permanent: boolean }
);

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
    @Optional() private readonly env?: WorkerEnv,
  ) {}

  /**
   * @param attempt.final this is the last attempt BullMQ makes: a failure marks the row `failed`.
   * @throws the SMTP error after recording it (BullMQ retries with backoff), or UnrecoverableError
   *   when the server refused permanently (row `failed`, no retries).
   */
  async send(messageId: string, attempt: { final: boolean }): Promise<SendOutcome> {
    const result = await this.dataSource.transaction(async (m): Promise<Attempt> => {
      const outbox = new OutboxRepository(m);
      const message = await outbox.lock(messageId);
      if (!message) return { kind: 'done', outcome: 'unknown' };
      const { correlationId } = message;
      if (message.status === 'sent') return { kind: 'done', outcome: 'already-sent', correlationId };
      // Given up (or refused) before: only the secretariat's resend makes it pending again.
      if (message.status === 'failed') return { kind: 'done', outcome: 'already-failed', correlationId };
      if (!isDeliverableAddress(message.recipient)) {
        await outbox.markFailed(message.id, `no valid recipient address: ${JSON.stringify(message.recipient)}`);
        return { kind: 'done', outcome: 'invalid-recipient', correlationId };
      }
      // The letter is rendered and stored the first time, read back on every retry: the same bytes each time.
      const letter = await letterForMessage(m, message, letterSenderOf(this.env ?? {}));
      try {
        await this.mailer.send({
          messageId: messageIdOf(message.id),
          to: { address: message.recipient, name: message.recipientName ?? undefined },
          subject: message.subject,
          text: message.body,
          idempotencyKey: message.idempotencyKey,
          attachments: letter
            ? [{ filename: letter.filename, content: letter.bytes, contentType: 'application/pdf' }]
            : undefined,
        });
      } catch (error) {
        const permanent = isPermanentSmtpError(error);
        const failed = permanent || attempt.final;
        await outbox.recordFailedAttempt(message.id, describeSmtpError(error), failed);
        return { kind: 'error', error, failed, permanent, correlationId };
      }
      await outbox.recordSent(message.id, messageIdOf(message.id));
      return { kind: 'done', outcome: 'sent', correlationId };
    });
    // Logged under the id of the request that wrote the message (the row's, whatever the job carried).
    return withCorrelationId(result.correlationId, () => this.finish(messageId, result));
  }

  private finish(messageId: string, result: Attempt): SendOutcome {
    if (result.kind === 'done') {
      if (result.outcome === 'sent') {
        this.metrics.outboxSent.inc();
        this.logger.log(`Outbox message ${messageId} sent as ${messageIdOf(messageId)}`);
      }
      if (result.outcome === 'unknown') this.logger.warn(`Outbox message ${messageId} does not exist in this database`);
      if (result.outcome === 'invalid-recipient') {
        this.metrics.outboxFailed.inc();
        this.logger.error(`Outbox message ${messageId} failed at once: it has no valid recipient address`);
      }
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
