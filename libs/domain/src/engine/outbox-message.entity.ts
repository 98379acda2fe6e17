import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

/** A notification caused by a transition, written in the same transaction and sent by the worker. */
@Entity({ name: 'outbox_messages' })
@Index(['status', 'createdAt'])
export class OutboxMessageEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'instance_id', nullable: true })
  instanceId: string | null;

  /** e.g. `assignment:<id>/reminder:P7D:due:<date>/recipient:<email>`; unique, so a cause sends once. */
  @Column('text', { name: 'idempotency_key', unique: true })
  idempotencyKey: string;

  @Column('text')
  channel: 'email';

  @Column('text')
  recipient: string;

  @Column('text', { name: 'recipient_name', nullable: true })
  recipientName: string | null;

  @Column('text')
  subject: string;

  @Column('text')
  body: string;

  @Column('text')
  status: OutboxStatus;

  @Column('int')
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('text', { name: 'message_id', nullable: true })
  messageId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;
}
