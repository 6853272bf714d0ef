import type { TFunction } from 'i18next';

type Named = { name: string };
type CommunityLike = Named & { kind: string; region: Named & { katottgCode?: string } };
type Membership = { community?: CommunityLike | null; region?: Named | null };

const kyivCode = 'UA80000000000093317';

/** "Вінницька" + CITY → "Вінницька міська громада" (the codifier keeps adjectives). */
export function communityName(t: TFunction, c: CommunityLike & { katottgCode?: string }): string {
  if (c.katottgCode === kyivCode) return t('region.kyiv');
  return t(`communityKind.${c.kind}`, { name: c.name });
}

export function regionName(t: TFunction, r: Named & { katottgCode?: string }): string {
  if (r.katottgCode === kyivCode) return t('region.kyiv');
  return t('region.oblast', { name: r.name });
}

/** Where a role holds: a community (with its region), a region, or the country. */
export function scopeName(t: TFunction, m: Membership): string {
  if (m.community) {
    const region = regionName(t, m.community.region);
    const name = communityName(t, m.community);
    return name === region ? name : `${name}, ${region}`;
  }
  if (m.region) return regionName(t, m.region);
  return t('region.country');
}
