import type { ReactNode } from 'react';
import { Table, type TableProps } from '@mantine/core';
import { ScrollTable } from './ScrollTable';
import { TableHead } from './TableHead';

/**
 * A striped table of records that scrolls sideways on narrow screens (see
 * ScrollTable, named by `label`): the header row of `columns` and a row for
 * each of `rows`, made by `row` (a Table.Tr with its key). Other props, such
 * as highlightOnHover or data-testid, go to the table.
 */
export function RecordTable<R>({ minWidth, label, columns, rows, row, ...table }: Omit<TableProps, 'children'> & {
  minWidth: number;
  label: string;
  columns: (ReactNode | false | null | undefined)[];
  rows: readonly R[];
  row: (r: R, i: number) => ReactNode;
}) {
  return (
    <ScrollTable minWidth={minWidth} label={label}>
      <Table striped {...table}>
        <TableHead columns={columns} />
        <Table.Tbody>
          {rows.map((r, i) => row(r, i))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
