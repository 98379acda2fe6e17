import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

/**
 * Each lane owns the instances whose index ≡ lane (mod concurrency) and cycles through them, so events
 * spread over all instances and no two lanes ever wait for the same row lock; the engine and the
 * baseline are driven with the same pattern.
 */
export class LaneCursor {
  private readonly next: number[];

  constructor(
    private readonly instances: number,
    private readonly concurrency: number,
  ) {
    if (instances % concurrency !== 0) throw new Error(`${instances} instances do not split over ${concurrency} lanes`);
    this.next = new Array<number>(concurrency).fill(0);
  }

  /** The index of the instance lane `lane` sends to next. */
  take(lane: number): number {
    const perLane = this.instances / this.concurrency;
    return lane + (this.next[lane]++ % perLane) * this.concurrency;
  }
}

const INSTANCE_COLUMNS = 'id, workflow, version, state, status, snapshot, revision, created_at, updated_at';

/**
 * The baseline: what one event costs at minimum with node-postgres, in tables shaped exactly like the
 * engine's (`LIKE … INCLUDING ALL`, plus the journal's foreign key): BEGIN; SELECT … FOR UPDATE; UPDATE
 * the row (jsonb snapshot of the same size, revision + 1); INSERT a journal row; COMMIT.
 */
export class RawPgBaseline {
  private ids: string[] = [];
  private serial = 0;

  private constructor(
    readonly pool: Pool,
    private readonly snapshot: { context: Record<string, unknown> } & Record<string, unknown>,
  ) {}

  static async create(url: string, poolSize: number, snapshot: unknown, instances: number): Promise<RawPgBaseline> {
    const pool = new Pool({ connectionString: url, max: poolSize });
    const baseline = new RawPgBaseline(pool, structuredClone(snapshot) as RawPgBaseline['snapshot']);
    await pool.query(`
      CREATE TABLE IF NOT EXISTS bench_raw_instances (LIKE workflow_instances INCLUDING ALL);
      CREATE TABLE IF NOT EXISTS bench_raw_journal (LIKE workflow_journal INCLUDING ALL);
      ALTER TABLE bench_raw_journal DROP CONSTRAINT IF EXISTS bench_raw_journal_instance_fk;
      ALTER TABLE bench_raw_journal ADD CONSTRAINT bench_raw_journal_instance_fk
        FOREIGN KEY (instance_id) REFERENCES bench_raw_instances (id);`);
    for (let i = 0; i < instances; i++) {
      const id = randomUUID();
      await pool.query(
        `INSERT INTO bench_raw_instances (id, workflow, version, state, status, snapshot, revision, created_by)
         VALUES ($1, 'assignment', 1, 'assigned', 'active', $2, 1, 'bench')`,
        [id, baseline.snapshot],
      );
      baseline.ids.push(id);
    }
    return baseline;
  }

  get instances(): number {
    return this.ids.length;
  }

  /** One event's worth of work on instance `index`. */
  async apply(index: number): Promise<void> {
    const id = this.ids[index];
    const dueAt = new Date(Date.now() + 6 * 3600_000 + this.serial++).toISOString();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ revision: number; state: string }>(
        `SELECT ${INSTANCE_COLUMNS} FROM bench_raw_instances WHERE id = $1 FOR UPDATE`,
        [id],
      );
      const revision = rows[0].revision + 1;
      const snapshot = { ...this.snapshot, context: { ...this.snapshot.context, dueAt } };
      await client.query(
        `UPDATE bench_raw_instances SET state = $2, status = 'active', snapshot = $3, revision = $4, updated_at = now()
          WHERE id = $1 RETURNING ${INSTANCE_COLUMNS}`,
        [id, rows[0].state, snapshot, revision],
      );
      await client.query(
        `INSERT INTO bench_raw_journal (instance_id, seq, event_type, payload, actor, from_state, to_state, idempotency_key)
         VALUES ($1, $2, 'assignment.rescheduled', $3, $4, $5, $5, $6)`,
        [id, revision, { dueAt }, BENCH_ACTOR_JSON, rows[0].state, randomUUID()],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

const BENCH_ACTOR_JSON = { id: 'bench-secretariat', name: 'Sekretariatet (bench)', roles: ['secretariat'] };
