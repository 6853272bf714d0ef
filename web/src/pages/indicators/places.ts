import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { useSession } from '../../session';
import { communityName, regionName } from '../../format';
import { oversightOf, type Oversight } from './scope';

const PlacesQuery = graphql(`
  query OversightPlaces($regionIDs: [ID!], $allRegions: Boolean!) {
    allRegions: regions(first: 30, orderBy: { field: NAME, direction: ASC }) @include(if: $allRegions) { edges { node { id name katottgCode } } }
    regions(first: 30, where: { idIn: $regionIDs }) {
      edges { node { id name katottgCode districts(first: 100, orderBy: { field: NAME, direction: ASC }) { edges { node { id name } } } } }
    }
    communities(first: 500, where: { regionIDIn: $regionIDs }, orderBy: { field: NAME, direction: ASC }) {
      edges { node { id name kind katottgCode regionID districtID region { id name katottgCode } } }
    }
  }
`);

export interface Option { value: string; label: string; regionID?: string }

export interface Places {
  oversight: Oversight;
  regions: Option[];
  districts: Option[];
  communities: Option[];
  fetching: boolean;
}

/**
 * The regions, districts and communities the viewer may choose from: their
 * own communities, and everything in the regions they oversee (for a
 * national analyst, in the region they picked).
 */
export function usePlaces(contextRegion: string | null): Places {
  const { t, i18n } = useTranslation();
  const { viewer, communities: own } = useSession();
  const oversight = useMemo(() => oversightOf(viewer.memberships), [viewer]);
  const regionIDs = oversight.country ? (contextRegion ? [contextRegion] : []) : oversight.regions;
  const [{ data, fetching }] = useQuery({
    query: PlacesQuery,
    variables: { regionIDs, allRegions: oversight.country },
    pause: !oversight.country && regionIDs.length === 0,
  });
  return useMemo(() => {
    const regionNodes = (data?.regions.edges ?? []).map((e) => e!.node!);
    const all = (data?.allRegions?.edges ?? []).map((e) => e!.node!);
    const regions: Option[] = (oversight.country ? all : regionNodes).map((r) => ({ value: r.id, label: regionName(t, r) }));
    const districts: Option[] = regionNodes.flatMap((r) => (r.districts.edges ?? []).map((e) => ({ value: e!.node!.id, label: t('indicators.district', { name: e!.node!.name }), regionID: r.id })));
    const seen = new Set<string>();
    const communities: Option[] = [];
    for (const c of own) {
      seen.add(c.id);
      communities.push({ value: c.id, label: communityName(t, c), regionID: c.region.id });
    }
    for (const e of data?.communities.edges ?? []) {
      const c = e!.node!;
      if (!seen.has(c.id)) communities.push({ value: c.id, label: communityName(t, c), regionID: c.regionID });
    }
    const collator = new Intl.Collator(i18n.language === 'en' ? 'en' : 'uk');
    const byLabel = (a: Option, b: Option) => collator.compare(a.label, b.label);
    return { oversight, regions: regions.sort(byLabel), districts: districts.sort(byLabel), communities: communities.sort(byLabel), fetching };
  }, [data, fetching, oversight, own, t, i18n.language]);
}
