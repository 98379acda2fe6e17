import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type TimerStatus = 'pending' | 'fired' | 'cancelled';

/**
 * A durable timer armed by a state's entry and cancelled by its exit. Postgres holds the truth;
 * a BullMQ delayed job with jobId = id only delivers it.
 */
@Entity({ name: 'workflow_timers' })
@Index('workflow_timers_pending_due', ['dueAt'], { where: `status = 'pending'` })
@Index(['instanceId', 'status'])
export class TimerEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'instance_id' })
  instanceId: string;

  /** Timers are armed and disarmed per group, normally the state that declares them. */
  @Column('text', { name: 'timer_group' })
  group: string;

  @Column('text')
  name: string;

  @Column('jsonb')
  event: { type: string; [key: string]: unknown };

  @Column('timestamptz', { name: 'due_at' })
  dueAt: Date;

  @Column('text')
  status: TimerStatus;

  /** Revision of the instance whose transition armed this timer. */
  @Column('int', { name: 'armed_revision' })
  armedRevision: number;

  @Column('timestamptz', { name: 'fired_at', nullable: true })
  firedAt: Date | null;

  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
