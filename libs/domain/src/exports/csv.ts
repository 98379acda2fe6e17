import { stringify, type Options } from 'csv-stringify/sync';

/** What a spreadsheet reads as the start of a formula (OWASP "CSV Injection"): `=`, `+`, `-`, `@`, tab, CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell as every CSV export writes it: a string a spreadsheet would take for a formula gets a leading `'`, so
 * `=HYPERLINK(…)` shows as text. Numbers are ours, not user text, and stay as they are.
 */
export function csvCell(value: unknown): unknown {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** Every CSV export: `csv-stringify` with each cell (and each header) through {@link csvCell}. */
export function safeCsv(rows: unknown[][], options: Options = {}): string {
  return stringify(
    rows.map((row) => row.map(csvCell)),
    options,
  );
}
