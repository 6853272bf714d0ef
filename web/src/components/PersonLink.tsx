import { Link } from 'react-router';
import { Anchor } from '@mantine/core';
import { personName } from '../format';

/** A person's full name, linking to their page. */
export function PersonLink({ p }: { p: { id: string; lastName: string; firstName: string; patronymic?: string | null } }) {
  return <Anchor component={Link} to={`/persons/${p.id}`}>{personName(p)}</Anchor>;
}
