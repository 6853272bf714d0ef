import type { IndicatorScope, MembershipRole } from '../../gql/graphql';

/** The levels a territory can be chosen at, narrowest first. */
export type ScopeLevel = 'community' | 'district' | 'region' | 'country';
export const scopeLevels: ScopeLevel[] = ['community', 'district', 'region', 'country'];

export interface Place { id: string; name: string }
export interface PlaceWithRegion extends Place { regionID: string }

interface MembershipLike {
  role: MembershipRole;
  community?: { id: string; region: { id: string } } | null;
  region?: { id: string } | null;
}

/** What a viewer's roles let them look at: their communities, the regions they oversee, or the whole country. */
export interface Oversight {
  /** Communities the viewer works in (community roles). */
  communities: string[];
  /** Regions the viewer oversees (regional supervisors). */
  regions: string[];
  /** A national analyst: every region. */
  country: boolean;
}

export function oversightOf(memberships: MembershipLike[]): Oversight {
  const communities = new Set<string>();
  const regions = new Set<string>();
  let country = false;
  for (const m of memberships) {
    if (m.community) communities.add(m.community.id);
    else if (m.region) regions.add(m.region.id);
    else if (m.role === 'NATIONAL_ANALYST') country = true;
  }
  return { communities: [...communities], regions: [...regions], country };
}

/** Whether the viewer oversees more than their own communities (a region or the country). */
export function isOverseer(memberships: MembershipLike[]): boolean {
  const o = oversightOf(memberships);
  return o.country || o.regions.length > 0;
}

/** Whether the viewer may list a community's cases de-identified: a regional supervisor; a national analyst keeps to aggregates. */
export function drillsDown(o: Oversight): boolean {
  return o.regions.length > 0;
}

/** The levels the viewer may choose: districts and regions only for those who oversee a region, the country only for national analysts. */
export function allowedLevels(o: Oversight): ScopeLevel[] {
  const out: ScopeLevel[] = [];
  if (o.communities.length || o.regions.length || o.country) out.push('community');
  if (o.regions.length || o.country) out.push('district', 'region');
  if (o.country) out.push('country');
  return out;
}

export interface ScopeChoice {
  level: ScopeLevel;
  /** The community, district or region chosen; empty for the country. */
  id: string;
}

/** The API's scope of a choice. */
export function toScope(c: ScopeChoice): IndicatorScope {
  switch (c.level) {
    case 'community': return { communityID: c.id };
    case 'district': return { districtID: c.id };
    case 'region': return { regionID: c.id };
    default: return {};
  }
}

/** The first choice to show: the widest territory the viewer oversees. */
export function defaultChoice(o: Oversight): ScopeChoice {
  if (o.regions.length) return { level: 'region', id: o.regions[0] };
  if (o.country) return { level: 'country', id: '' };
  return { level: 'community', id: o.communities[0] ?? '' };
}

/** Parameters of the export URL for the same scope and period. */
export function exportParams(scope: IndicatorScope, period: { kind: string; year: number; number?: number | null }, lang: string): URLSearchParams {
  const q = new URLSearchParams({ period: period.kind.toLowerCase(), year: String(period.year), number: String(period.kind === 'YEAR' ? 1 : (period.number ?? 1)), lang });
  if (scope.communityID) q.set('communityID', scope.communityID);
  if (scope.districtID) q.set('districtID', scope.districtID);
  if (scope.regionID) q.set('regionID', scope.regionID);
  return q;
}
