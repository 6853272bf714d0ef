import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { graphql } from './gql';
import type { ViewerQuery } from './gql/graphql';

export type Viewer = NonNullable<ViewerQuery['viewer']>;
export type Membership = Viewer['memberships'][number];
export type CommunityRef = NonNullable<Membership['community']>;

const communityKey = 'turbota.community';

export const PermissionsQuery = graphql(`
  query Permissions($communityID: ID!) {
    viewer { permissions(communityID: $communityID) }
  }
`);

export interface Session {
  viewer: Viewer;
  /** The communities the viewer holds a role in, each once. */
  communities: CommunityRef[];
  /** The community the viewer works in now (null for oversight-only users). */
  community: CommunityRef | null;
  setCommunity: (id: string) => void;
  /** object:action pairs the viewer may do in the current community; null while loading. */
  permissions: Set<string> | null;
  can: (object: string, action: string) => boolean;
  /** The viewer's organisations in the current community. */
  organizations: { id: string; name: string; kind: string }[];
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The current community; pages under the shell always have one. */
export function useCommunityID(): string {
  return useSession().community?.id ?? '';
}

export function communitiesOf(viewer: Viewer): CommunityRef[] {
  const seen = new Map<string, CommunityRef>();
  for (const m of viewer.memberships) if (m.community && !seen.has(m.community.id)) seen.set(m.community.id, m.community);
  return [...seen.values()];
}

export function storedCommunity(): string | null {
  try {
    return localStorage.getItem(communityKey);
  } catch {
    return null;
  }
}

/** Permissions of the viewer in a community other than the current one (e.g. a case's). */
export function usePermissionsIn(communityID: string | undefined): Set<string> | null {
  // Permissions change seldom (an admin's edit); once per page load is enough.
  const [{ data }] = useQuery({ query: PermissionsQuery, variables: { communityID: communityID ?? '' }, pause: !communityID, requestPolicy: 'cache-first' });
  return useMemo(() => (data?.viewer ? new Set(data.viewer.permissions) : null), [data]);
}

export function SessionProvider({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  const communities = useMemo(() => communitiesOf(viewer), [viewer]);
  const [chosen, setChosen] = useState<string | null>(storedCommunity);
  const community = communities.find((c) => c.id === chosen) ?? communities[0] ?? null;
  const permissions = usePermissionsIn(community?.id);
  // Remembered so the next start asks for its permissions at once, alongside the viewer.
  useEffect(() => {
    try {
      if (community && localStorage.getItem(communityKey) !== community.id) localStorage.setItem(communityKey, community.id);
    } catch {
      /* private mode */
    }
  }, [community]);
  const setCommunity = useCallback((id: string) => {
    try {
      localStorage.setItem(communityKey, id);
    } catch {
      /* private mode: the choice lasts this page only */
    }
    setChosen(id);
  }, []);
  const value = useMemo<Session>(() => {
    const organizations = viewer.memberships
      .filter((m) => m.community?.id === community?.id && m.organization)
      .map((m) => m.organization!)
      .filter((o, i, all) => all.findIndex((x) => x.id === o.id) === i);
    return {
      viewer, communities, community, setCommunity, permissions, organizations,
      can: (object, action) => !!permissions?.has(`${object}:${action}`),
    };
  }, [viewer, communities, community, setCommunity, permissions]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** For tests: a session with the given permissions. */
export function TestSession({ viewer, permissions, children }: { viewer: Viewer; permissions: string[]; children: ReactNode }) {
  const communities = communitiesOf(viewer);
  const set = new Set(permissions);
  const community = communities[0] ?? null;
  const organizations = viewer.memberships.filter((m) => m.organization).map((m) => m.organization!);
  const value: Session = {
    viewer, communities, community, setCommunity: () => {}, permissions: set, organizations,
    can: (o, a) => set.has(`${o}:${a}`),
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
