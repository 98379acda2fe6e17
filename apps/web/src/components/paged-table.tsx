import type { ReactNode } from 'react';
import { DataTable, type DataTableProps } from './data-table';
import { Pager, type PageOf } from './pager';

/**
 * One page of a list as a table, with the page links under it («Viser 21–40 av 57»). `empty` replaces the table
 * when the page has no rows.
 */
export function PagedTable<T>({
  page,
  onPage,
  pagerLabel,
  empty,
  ...table
}: Omit<DataTableProps<T>, 'rows'> & {
  page: PageOf<T>;
  onPage: (page: number) => void;
  pagerLabel?: string;
  empty?: ReactNode;
}) {
  return (
    <>
      {page.items.length === 0 && empty ? empty : <DataTable {...table} rows={page.items} />}
      <Pager page={page.page} pageSize={page.pageSize} total={page.total} onChange={onPage} label={pagerLabel} />
    </>
  );
}
