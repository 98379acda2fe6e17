import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: one row per accepted event. `seq` equals the instance revision the event produced. */
@Entity({ name: 'workflow_journal' })
@Index(['instanceId', 'seq'], { unique: true })
export class JournalEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'instance_id' })
  instanceId: string;

  @Column('int')
  seq: number;

  @Column('text', { name: 'event_type' })
  eventType: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('jsonb')
  actor: { id: string; name: string; roles: string[] };

  @Column('text', { name: 'from_state', nullable: true })
  fromState: string | null;

  @Column('text', { name: 'to_state' })
  toState: string;

  @Column('text', { name: 'idempotency_key', nullable: true })
  idempotencyKey: string | null;

  @CreateDateColumn({ name: 'at', type: 'timestamptz' })
  at: Date;
}
