import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { useQuery, type TypedDocumentNode } from 'urql';
import { PageState } from './common';
import { Dates } from './dates';

type NodeQuery = { node?: { __typename?: string } | null };

/**
 * A page of one record, the :id of the route: asks for it with `query`
 * (a node(id: $id) query) and shows it with `children` where it is of type
 * `typename`; loading, no access or an error otherwise. `reload` asks the
 * server again.
 */
export function NodePage<Q extends NodeQuery, T extends string>({ query, typename, children }: {
  query: TypedDocumentNode<Q, { id: string }>;
  typename: T;
  children: (node: Extract<NonNullable<Q['node']>, { __typename?: T }>, reload: () => void) => ReactNode;
}) {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query, variables: { id } });
  const node = data?.node?.__typename === typename ? (data.node as Extract<NonNullable<Q['node']>, { __typename?: T }>) : null;
  return (
    <Dates>
      <PageState fetching={fetching} error={error} found={!!node}>
        {() => children(node!, () => reexecute({ requestPolicy: 'network-only' }))}
      </PageState>
    </Dates>
  );
}
