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
