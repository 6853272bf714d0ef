import { describe, expect, it } from 'vitest';
import { consentedReferralTarget } from './ReferralsTab';

type C = Parameters<typeof consentedReferralTarget>[0];
const consent = (id: string, org: string, extra: object = {}) => ({ id, givenBy: 'мати', givenAt: '2026-12-01T10:00:00Z', document: 'з', withdrawnAt: null, purpose: 'REFERRAL', recipientKind: null, validFrom: null, validUntil: null, recipientOrganization: { id: org, name: org }, ...extra });
const caseWith = (consents: object[], referredTo: string[] = []) => ({
  family: { consents }, referrals: referredTo.map((id) => ({ toOrganization: { id, name: id } })),
}) as unknown as C;

describe('the referral form’s smart default', () => {
  it('is the one organisation a consent in force names for referrals', () => {
    expect(consentedReferralTarget(caseWith([consent('C1', 'OR1')]))).toBe('OR1');
  });
  it('is none when the consents name several, or none for referrals, or it was referred to already', () => {
    expect(consentedReferralTarget(caseWith([consent('C1', 'OR1'), consent('C2', 'OR2')]))).toBeNull();
    expect(consentedReferralTarget(caseWith([consent('C1', 'OR1', { purpose: 'TEAM' })]))).toBeNull();
    expect(consentedReferralTarget(caseWith([consent('C1', 'OR1', { withdrawnAt: '2026-12-02T10:00:00Z' })]))).toBeNull();
    expect(consentedReferralTarget(caseWith([consent('C1', 'OR1')], ['OR1']))).toBeNull();
    expect(consentedReferralTarget(caseWith([]))).toBeNull();
  });
});
