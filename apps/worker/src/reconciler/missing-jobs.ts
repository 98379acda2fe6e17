import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * The ids whose job Redis does not hold: one pipelined EXISTS per id, far cheaper than offering every row to addBulk
 * (a no-op for a stored job, but a script run each). A job that disappears between this check and the add is added
 * again and finds its row no longer pending.
 */
export async function missingJobs(redis: Redis, queue: Queue, ids: string[]): Promise<string[]> {
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.exists(queue.toKey(id));
  return idsWithoutJob(ids, (await pipeline.exec()) ?? []);
}

/** The ids whose EXISTS reply (same position) is 0; an error reply is thrown, a missing reply counts as absent. */
export function idsWithoutJob(ids: readonly string[], replies: ReadonlyArray<[Error | null, unknown]>): string[] {
  return ids.filter((_, i) => {
    const [error, exists] = replies[i] ?? [null, 0];
    if (error) throw error;
    return exists === 0;
  });
}

/** The ids whose job is in the queue's failed set: BullMQ used every attempt (or was told not to retry). */
export async function failedJobs(redis: Redis, queue: Queue, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const pipeline = redis.pipeline();
  const failedKey = queue.toKey('failed');
  for (const id of ids) pipeline.zscore(failedKey, id);
  const replies = (await pipeline.exec()) ?? [];
  return ids.filter((_, i) => {
    const [error, score] = replies[i] ?? [null, null];
    if (error) throw error;
    return score !== null;
  });
}
