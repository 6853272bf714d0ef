import type { ReactNode } from 'react';
import { Table } from '@mantine/core';

/**
 * A wide table that scrolls sideways on narrow screens; the scrolling area
 * takes keyboard focus (arrow keys scroll it) and is named for screen readers.
 */
export function ScrollTable({ minWidth, label, children }: { minWidth: number; label: string; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={minWidth} scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': label } }}>
      {children}
    </Table.ScrollContainer>
  );
}
