import type { ReactNode } from 'react';
import { Table } from '@mantine/core';

/**
 * A table's header row: a column header (scope="col") for each entry, in
 * order. An entry that is false, null or undefined (a column the viewer
 * does not get) is left out.
 */
export function TableHead({ columns }: { columns: (ReactNode | false | null | undefined)[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.filter((c) => c !== false && c != null).map((c, i) => <Table.Th key={i} scope="col">{c}</Table.Th>)}
      </Table.Tr>
    </Table.Thead>
  );
}
