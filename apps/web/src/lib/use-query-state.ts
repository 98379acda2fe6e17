import { useSearchParams } from 'react-router';

/** Filters and the page number of a list, kept in the address so a filtered list can be linked and reloaded. */
export function useQueryState(defaults: Record<string, string>) {
  const [params, setParams] = useSearchParams();
  const value = (name: string): string => params.get(name) ?? defaults[name] ?? '';
  const set = (changes: Record<string, string>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === '' || v === defaults[k]) next.delete(k);
      else next.set(k, v);
    }
    if (resetPage && !('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };
  return { value, set, page: Number(params.get('page') ?? '1') || 1 };
}
