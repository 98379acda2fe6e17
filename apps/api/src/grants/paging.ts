import { invalidInput } from '@samflyt/engine';

/** `page`, `pageSize` and the named filters from a query string; anything else is a 400 naming it. */
export function pageQuery(query: Record<string, unknown>, filters: string[]): Record<string, any> {
  const out: Record<string, any> = {};
  const errors: { field: string; message: string }[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (typeof v !== 'string') errors.push({ field: k, message: 'must be given once' });
    else if (k === 'page' || k === 'pageSize') {
      if (!/^\d{1,6}$/.test(v) || Number(v) < 1 || (k === 'pageSize' && Number(v) > 100))
        errors.push({
          field: k,
          message: k === 'page' ? 'must be a whole number from 1' : 'must be a whole number from 1 to 100',
        });
      else out[k] = Number(v);
    } else if (filters.includes(k)) {
      if (v.length > 100) errors.push({ field: k, message: 'is too long' });
      else if (k.endsWith('Id') && !/^[0-9a-f-]{36}$/i.test(v)) errors.push({ field: k, message: 'must be a uuid' });
      else out[k] = v;
    } else errors.push({ field: k, message: `is not a filter here (filters: ${filters.join(', ')}, page, pageSize)` });
  }
  if (errors.length) throw invalidInput(errors);
  return out;
}
