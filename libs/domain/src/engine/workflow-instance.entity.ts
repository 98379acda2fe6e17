import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One running (or finished) process: the persisted XState snapshot and its revision. */
@Entity({ name: 'workflow_instances' })
@Index(['workflow', 'state'])
export class WorkflowInstanceEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  workflow: string;

  @Column('int')
  version: number;

  /** The state value as a dotted path (`assigned`, `review.scoring`), for queries and lists. */
  @Column('text')
  state: string;

  /** XState snapshot status: active, done, error, stopped. */
  @Column('text')
  status: string;

  @Column('jsonb')
  snapshot: unknown;

  @Column('int')
  revision: number;

  @Column('text', { name: 'created_by' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
