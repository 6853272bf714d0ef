import { describe, expect, it } from 'vitest';
import { recipientInput, sharingBasis, type ScopedConsent } from './consentScope';

const now = new Date('2026-12-06T12:00:00Z');
const provider = { id: 'OR1', kind: 'NGO_PROVIDER' as const };
const base: ScopedConsent = { id: 'CN1', givenBy: 'мати', givenAt: '2026-12-01T10:00:00Z', purpose: 'TEAM', recipientOrganization: { id: 'OR1', name: 'Надія' } };

describe('sharingBasis', () => {
  it('needs no consent for a statutory service', () => {
    expect(sharingBasis([], { id: 'OR2', kind: 'CHILDREN_SERVICE' }, 'TEAM', now)).toEqual({ kind: 'statutory' });
  });

  it('finds the consent for the organisation and purpose', () => {
    expect(sharingBasis([base], provider, 'TEAM', now)).toEqual({ kind: 'consent', consent: base });
  });

  it('does not take a consent for another purpose, organisation, kind or period, or one withdrawn', () => {
    const others: ScopedConsent[] = [
      { ...base, id: 'a', purpose: 'REFERRAL' },
      { ...base, id: 'b', recipientOrganization: { id: 'OR9', name: 'Інша' } },
      { ...base, id: 'c', recipientOrganization: null, recipientKind: 'PUBLIC_PROVIDER' },
      { ...base, id: 'd', validUntil: '2026-12-05T00:00:00Z' },
      { ...base, id: 'e', validFrom: '2026-12-07T00:00:00Z' },
      { ...base, id: 'f', withdrawnAt: '2026-12-02T00:00:00Z' },
    ];
    expect(sharingBasis(others, provider, 'TEAM', now)).toEqual({ kind: 'missing' });
  });

  it('takes a consent for the organisation\'s kind, and the latest of several', () => {
    const kind = { ...base, id: 'k', givenAt: '2026-12-03T10:00:00Z', recipientOrganization: null, recipientKind: 'NGO_PROVIDER' as const };
    expect(sharingBasis([base, kind], provider, 'TEAM', now)).toEqual({ kind: 'consent', consent: kind });
  });
});

describe('recipientInput', () => {
  it('sends an organisation or a kind, never both', () => {
    expect(recipientInput('OR1')).toEqual({ recipientOrganizationID: 'OR1', recipientKind: null });
    expect(recipientInput('kind:NGO_PROVIDER')).toEqual({ recipientOrganizationID: null, recipientKind: 'NGO_PROVIDER' });
  });
});
