import { Search, SearchClear, SearchInput } from '@digdir/designsystemet-react';
import type { ComponentProps, CSSProperties, ReactNode } from 'react';

/** The filters above a list (selects, a search, a switch), as one named group. */
export function FilterBar({ label, style, children }: { label: string; style?: CSSProperties; children: ReactNode }) {
  return (
    <div className="filters" role="group" aria-label={label} style={style}>
      {children}
    </div>
  );
}

/** A search field of a filter bar; clearing it searches for everything again. */
export function SearchFilter({
  label,
  onSearch,
  ...input
}: Omit<ComponentProps<typeof SearchInput>, 'onChange'> & { label: string; onSearch: (text: string) => void }) {
  return (
    <Search>
      <SearchInput aria-label={label} {...input} onChange={(e) => onSearch(e.target.value)} />
      <SearchClear onClick={() => onSearch('')} />
    </Search>
  );
}
