import type { ConsentPurpose, ConsentRecipientKind, OrganizationKind } from '../../gql/graphql';

/** A consent as the case page reads it. */
export interface ScopedConsent {
  id: string;
  givenBy: string;
  givenAt: string;
  document?: string;
  withdrawnAt?: string | null;
  purpose: ConsentPurpose;
  recipientOrganization?: { id: string; name: string } | null;
  recipientKind?: ConsentRecipientKind | null;
  validFrom?: string | null;
  validUntil?: string | null;
}

/** The kinds of organisation the law gives a family's case without consent (as the server's cases.statutory). */
export const statutoryKinds: OrganizationKind[] = ['CHILDREN_SERVICE', 'SOCIAL_PROTECTION', 'GUARDIANSHIP_BODY'];

export const consentPurposes: ConsentPurpose[] = ['REFERRAL', 'TEAM', 'TRANSFER', 'EXPORT'];

export const recipientKinds: ConsentRecipientKind[] = ['PUBLIC_PROVIDER', 'NGO_PROVIDER', 'PARTNER', 'CHILDREN_SERVICE', 'SOCIAL_PROTECTION', 'GUARDIANSHIP_BODY', 'REGIONAL_BODY'];

/** What sharing the family's data with an organisation for a purpose rests on. */
export type SharingBasis = { kind: 'statutory' } | { kind: 'consent'; consent: ScopedConsent } | { kind: 'missing' };

/**
 * The basis the server will find (cases.requireConsent): none needed for a
 * statutory service; else the latest consent in force for the purpose that
 * names the organisation, its kind, or (recorded before scopes) nobody.
 */
export function sharingBasis(consents: readonly ScopedConsent[], org: { id: string; kind: OrganizationKind }, purpose: ConsentPurpose, now = new Date()): SharingBasis {
  if (statutoryKinds.includes(org.kind)) return { kind: 'statutory' };
  const t = now.getTime();
  const covering = consents.filter((c) => !c.withdrawnAt && c.purpose === purpose
    && Date.parse(c.givenAt) <= t
    && (!c.validFrom || Date.parse(c.validFrom) <= t)
    && (!c.validUntil || Date.parse(c.validUntil) > t)
    && (c.recipientOrganization ? c.recipientOrganization.id === org.id : !c.recipientKind || c.recipientKind === org.kind));
  if (covering.length === 0) return { kind: 'missing' };
  const latest = covering.reduce((a, b) => (Date.parse(b.givenAt) > Date.parse(a.givenAt) ? b : a));
  return { kind: 'consent', consent: latest };
}

/** The recipient field of the consent form: an organisation's ID, or "kind:" and a kind. */
export function recipientInput(value: string): { recipientOrganizationID: string | null; recipientKind: ConsentRecipientKind | null } {
  if (value.startsWith('kind:')) return { recipientOrganizationID: null, recipientKind: value.slice(5) as ConsentRecipientKind };
  return { recipientOrganizationID: value || null, recipientKind: null };
}
