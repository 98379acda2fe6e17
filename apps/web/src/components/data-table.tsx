import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';

type DataAttributes = { [name: `data-${string}`]: string | boolean | undefined };

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Attributes of the column's cells (a test id). */
  cellProps?: DataAttributes;
}

export interface DataTableProps<T> {
  /** Names the table for screen readers (and tests find it by this name). */
  caption: ReactNode;
  /** `false` leaves a column out (one some users do not see). */
  columns: (Column<T> | false)[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Attributes of a row (`data-overdue`, a test id). */
  rowProps?: (row: T) => DataAttributes;
  zebra?: boolean;
  'data-testid'?: string;
}

/** A table of rows, one column per field, scrolling sideways on a narrow screen. */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowProps,
  zebra,
  'data-testid': testId,
}: DataTableProps<T>) {
  const shown = columns.filter((c): c is Column<T> => c !== false);
  return (
    <div className="table-wrap">
      <Table zebra={zebra} data-testid={testId}>
        <caption>{caption}</caption>
        <TableHead>
          <TableRow>
            {shown.map((c, i) => (
              <TableHeaderCell key={i}>{c.header}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={rowKey(row)} {...rowProps?.(row)}>
              {shown.map((c, i) => (
                <TableCell key={i} {...c.cellProps}>
                  {c.cell(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
