import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderWith } from '../../render';
import i18n from '../../i18n';
import { WithdrawalResult } from './WithdrawalResult';
import { SharingBasisNotice } from './SharingBasisNotice';

const noInput = { value: '', onChange: () => {} };

describe('WithdrawalResult', () => {
  it('lists what was revoked and what remains, with why', () => {
    void i18n.changeLanguage('uk');
    renderWith(<WithdrawalResult onClose={() => {}}
      revoked={[{ caseID: 'CS1', organization: { id: 'OR1', name: 'ГО «Надія»' }, basis: 'CONSENT_WITHDRAWN' }]}
      kept={[{ caseID: 'CS1', userID: 'US1', basis: 'CASE_MANAGER' }, { caseID: 'CS1', organization: { id: 'OR2', name: 'ССД' }, basis: 'STATUTORY_SERVICE' }]} />);
    expect(screen.getByText('Доступ скасовано')).toBeTruthy();
    expect(screen.getByText('ГО «Надія»')).toBeTruthy();
    expect(screen.getByText('особа (ведучий випадок): ведучий випадок')).toBeTruthy();
    expect(screen.getByText('ССД: уповноважений орган (за законом)')).toBeTruthy();
  });

  it('says when nothing was shared on the consent', () => {
    void i18n.changeLanguage('en');
    renderWith(<WithdrawalResult onClose={() => {}} revoked={[]} kept={[]} />);
    expect(screen.getByText('Nothing was shared on this consent.')).toBeTruthy();
    expect(screen.queryByText('Access that remains')).toBeNull();
  });
});

describe('SharingBasisNotice', () => {
  it('shows the consent in force', () => {
    void i18n.changeLanguage('en');
    renderWith(<SharingBasisNotice canOverride overrideProps={noInput}
      basis={{ kind: 'consent', consent: { id: 'CN1', givenBy: 'mother', givenAt: '2026-12-01T10:00:00Z', purpose: 'TEAM' } }} />);
    expect(screen.getByText(/The family's consent in force: mother/)).toBeTruthy();
    expect(screen.queryByLabelText(/Legal basis/)).toBeNull();
  });

  it('asks for the legal basis without a consent, only of those who may override', () => {
    void i18n.changeLanguage('en');
    const { unmount } = renderWith(<SharingBasisNotice basis={{ kind: 'missing' }} canOverride overrideProps={noInput} />);
    expect(screen.getByLabelText(/Legal basis for sharing without consent/)).toBeTruthy();
    unmount();
    renderWith(<SharingBasisNotice basis={{ kind: 'missing' }} canOverride={false} overrideProps={noInput} />);
    expect(screen.getByText('The family has not consented to this sharing.')).toBeTruthy();
    expect(screen.queryByLabelText(/Legal basis/)).toBeNull();
  });

  it('needs nothing for a statutory service', () => {
    void i18n.changeLanguage('uk');
    renderWith(<SharingBasisNotice basis={{ kind: 'statutory' }} canOverride overrideProps={noInput} />);
    expect(screen.getByText(/Уповноважений орган/)).toBeTruthy();
  });
});
