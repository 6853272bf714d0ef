import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Table, Text } from '@mantine/core';

/** Whether a scrolling box hides content to its right or left. */
export function overflowOf(el: { scrollLeft: number; clientWidth: number; scrollWidth: number }): { left: boolean; right: boolean } {
  return { left: el.scrollLeft > 1, right: el.scrollLeft + el.clientWidth < el.scrollWidth - 1 };
}

/**
 * A wide table that scrolls sideways on narrow screens; the scrolling area
 * takes keyboard focus (arrow keys scroll it) and is named for screen readers.
 * When columns are hidden, it says so: the scrollbar stays visible, a shadow
 * marks the hidden edge and a line above the table tells to scroll.
 */
export function ScrollTable({ minWidth, label, children }: { minWidth: number; label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const viewport = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState({ left: false, right: false });
  const measure = useCallback(() => {
    const el = viewport.current;
    if (!el) return;
    const next = overflowOf(el);
    setEdges((e) => (e.left === next.left && e.right === next.right ? e : next));
  }, []);
  useEffect(() => {
    measure();
    const el = viewport.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [measure]);
  const scrolls = edges.left || edges.right;
  return (
    <div className="scroll-table" data-scroll-left={edges.left || undefined} data-scroll-right={edges.right || undefined}>
      {scrolls && <Text size="xs" c="dimmed" className="scroll-hint" aria-hidden="true">{t('table.scrollHint')}</Text>}
      <Table.ScrollContainer minWidth={minWidth} scrollAreaProps={{
        type: 'auto', scrollbarSize: 10, offsetScrollbars: 'x', onScrollPositionChange: measure,
        viewportRef: viewport, viewportProps: { tabIndex: 0, role: 'region', 'aria-label': label },
      }}>
        {children}
      </Table.ScrollContainer>
    </div>
  );
}
