import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The answer given to a request with an Idempotency-Key, so a retry gets the same answer. */
@Entity({ name: 'idempotency_records' })
export class IdempotencyRecordEntity {
  /** `instance:<id>` for events, `start:<workflow>:<actor>` for new instances. */
  @PrimaryColumn('text')
  scope: string;

  @PrimaryColumn('text')
  key: string;

  @Column('text', { name: 'request_hash' })
  requestHash: string;

  @Column('int')
  status: number;

  @Column('jsonb')
  response: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
