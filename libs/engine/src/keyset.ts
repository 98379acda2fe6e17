/**
 * A row's place in `(at, id)` order: scans that page by it cannot loop on rows that stay as they are, and see each
 * row once however many rows share a timestamp.
 */
export interface KeysetRow {
  id: string;
  at: Date;
}

/** The SQL parameters of "after this row"; before the first row when `after` is null. */
export const keysetAfter = (after: KeysetRow | null): [Date | string, string] =>
  after ? [after.at, after.id] : ['-infinity', '00000000-0000-0000-0000-000000000000'];
