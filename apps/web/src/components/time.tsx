import { formatDate, formatDateTime } from '../lib/format';

/** A <time> with the machine-readable instant and the Norwegian text. */
export function DateTime({ value, dateOnly = false }: { value: string | null | undefined; dateOnly?: boolean }) {
  if (!value) return <span>–</span>;
  return <time dateTime={value}>{dateOnly ? formatDate(value) : formatDateTime(value)}</time>;
}
