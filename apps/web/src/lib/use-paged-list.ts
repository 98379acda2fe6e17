import { useApi, type Loaded } from './use-api';
import { useQueryState } from './use-query-state';

/** The lists' page size (the API's default); each list asks for it, so the pager and the API agree. */
export const PAGE_SIZE = 20;

export interface Paging {
  page: number;
  pageSize: number;
}

export interface PagedList<F, T> {
  /** The filters' values, from the address (or their defaults). */
  filters: F;
  /** Changes filters and goes back to the first page. */
  setFilters: (changes: Partial<F>) => void;
  setPage: (page: number) => void;
  loaded: Loaded<T>;
}

/**
 * A list the API pages: its filters and page are kept in the address, so a filtered list can be linked and reloaded;
 * `load` runs again whenever a filter, the page or one of `deps` changes.
 */
export function usePagedList<F extends Record<string, string>, T>(
  defaults: F,
  load: (filters: F, paging: Paging) => Promise<T>,
  deps: unknown[] = [],
): PagedList<F, T> {
  const q = useQueryState(defaults);
  const filters = Object.fromEntries(Object.keys(defaults).map((name) => [name, q.value(name)])) as F;
  const loaded = useApi(
    () => load(filters, { page: q.page, pageSize: PAGE_SIZE }),
    [...Object.values(filters), q.page, ...deps],
  );
  return {
    filters,
    setFilters: (changes) => q.set(changes as Record<string, string>),
    setPage: (page) => q.set({ page: String(page) }, false),
    loaded,
  };
}
