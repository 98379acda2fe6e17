import type { DataSource } from 'typeorm';

/**
 * Runs `work` while holding the transaction-level advisory lock `key`, taken with `pg_try_advisory_xact_lock` in a
 * transaction of its own connection (ending it releases the lock). When another session holds the lock, `work` does
 * not run and the answer is `{ locked: false }`. Advisory locks are per database: one key serves every process on it.
 */
export async function withAdvisoryLock<T>(
  dataSource: DataSource,
  key: number,
  work: () => Promise<T>,
): Promise<{ locked: true; result: T } | { locked: false }> {
  const lock = dataSource.createQueryRunner();
  try {
    await lock.startTransaction();
    const [{ locked }] = (await lock.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [key])) as {
      locked: boolean;
    }[];
    if (!locked) return { locked: false };
    return { locked: true, result: await work() };
  } finally {
    try {
      if (lock.isTransactionActive) await lock.rollbackTransaction();
    } finally {
      await lock.release();
    }
  }
}
