import type { Queryable } from '@samflyt/engine';

/** The paging of every list: `page` from 1, `pageSize` 1–100, 20 when not asked. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface Page<T> extends PageRequest {
  items: T[];
  total: number;
}

/** A list's search text as an `ILIKE` pattern: found anywhere, with `%` and `_` meant literally. */
export const containing = (q: string): string => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** Rows to skip for a page. */
export const offsetOf = (p: PageRequest): number => (p.page - 1) * p.pageSize;

/**
 * One page of a list: `count` counts what `rows` lists, both run with `params`; `rows` gets the page's
 * `LIMIT` and `OFFSET` appended as the next two parameters, so it ends with its `ORDER BY`.
 */
export async function queryPage<T>(
  db: Queryable,
  list: { count: string; rows: string; params: unknown[] },
  page: PageRequest,
): Promise<Page<T>> {
  const [{ total }] = (await db.query(list.count, list.params)) as { total: number }[];
  const n = list.params.length;
  const items = (await db.query(`${list.rows} LIMIT $${n + 1} OFFSET $${n + 2}`, [
    ...list.params,
    page.pageSize,
    offsetOf(page),
  ])) as T[];
  return { items, total, page: page.page, pageSize: page.pageSize };
}
