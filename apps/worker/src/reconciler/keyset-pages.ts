import type { KeysetRow } from '@samflyt/engine';

/** Reads at most `limit` rows after `after` (null: from the first row), in keyset order. */
export type PageReader<R extends KeysetRow = KeysetRow> = (after: KeysetRow | null, limit: number) => Promise<R[]>;

/**
 * Hands `each` every page `read` gives until a page is short. The next page starts after the last row of the one
 * before, so rows that stay as they are (pending timers, pending messages) cannot make a scan loop.
 */
export async function forEachPage<R extends KeysetRow>(
  read: PageReader<R>,
  limit: number,
  each: (rows: R[]) => Promise<void>,
): Promise<void> {
  let after: KeysetRow | null = null;
  for (;;) {
    const rows = await read(after, limit);
    if (rows.length === 0) return;
    await each(rows);
    if (rows.length < limit) return;
    after = rows[rows.length - 1];
  }
}

/** `fn` on every item, `size` side by side at a time, one chunk after the other; the results in the items' order. */
export async function inChunks<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  }
  return results;
}
