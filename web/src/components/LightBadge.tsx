import type { ReactNode } from 'react';
import { Badge, type BadgeProps } from '@mantine/core';

/** A light badge that shows its label as written, not upper-cased: a status or a note to be read. */
export function LightBadge({ children, ...props }: BadgeProps & { children: ReactNode }) {
  return <Badge variant="light" style={{ textTransform: 'none' }} {...props}>{children}</Badge>;
}
