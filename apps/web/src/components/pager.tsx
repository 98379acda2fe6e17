import {
  Pagination,
  PaginationButton,
  PaginationItem,
  PaginationList,
  Paragraph,
  usePagination,
} from '@digdir/designsystemet-react';

/** Page links for a paged list (the API's `page`, `pageSize`, `total`). Shows «Viser 21–40 av 57». */
export function Pager({
  page,
  pageSize,
  total,
  onChange,
  label = 'Sidenavigering',
}: {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
  label?: string;
}) {
  const totalPages = Math.max(1, Math.ceil(total / pageSize));
  const { pages, prevButtonProps, nextButtonProps } = usePagination({
    currentPage: page,
    totalPages,
    showPages: 7,
    setCurrentPage: onChange,
  });
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <div
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        gap: 'var(--ds-size-4)',
        alignItems: 'center',
        justifyContent: 'space-between',
      }}
    >
      <Paragraph data-size="sm" aria-live="polite">
        {total === 0 ? 'Ingen treff' : `Viser ${first}–${last} av ${total}`}
      </Paragraph>
      {totalPages > 1 && (
        <Pagination aria-label={label}>
          <PaginationList>
            <PaginationItem>
              <PaginationButton {...prevButtonProps} aria-label="Forrige side">
                Forrige
              </PaginationButton>
            </PaginationItem>
            {pages.map(({ page: p, itemKey, buttonProps }) => (
              <PaginationItem key={itemKey}>
                {typeof p === 'number' && (
                  <PaginationButton {...buttonProps} aria-label={`Side ${p}`}>
                    {p}
                  </PaginationButton>
                )}
              </PaginationItem>
            ))}
            <PaginationItem>
              <PaginationButton {...nextButtonProps} aria-label="Neste side">
                Neste
              </PaginationButton>
            </PaginationItem>
          </PaginationList>
        </Pagination>
      )}
    </div>
  );
}

/** One page of a list, as the API pages them. */
export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Client-side paging of a list the API returns whole (members, cases, applications to score). */
export function pageOf<T>(items: T[], page: number, pageSize: number): PageOf<T> {
  return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length, page, pageSize };
}
