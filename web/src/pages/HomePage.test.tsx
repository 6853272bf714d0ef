import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { HomePage, Memberships } from './HomePage';
import { TestSession } from '../session';
import { renderWith } from '../render';
import i18n from '../i18n';

const viewer = {
  totpEnrollmentRequired: false,
  user: { id: 'US1', email: 'ssd@example.org', displayName: 'Олена Мороз', totpEnabled: false },
  memberships: [
    {
      id: 'MB1', role: 'CHILDREN_SERVICE' as const,
      organization: { id: 'OR1', name: 'Служба у справах дітей', kind: 'CHILDREN_SERVICE' as const },
      community: { id: 'CM1', name: 'Вінницька', katottgCode: 'UA05020030000031457', kind: 'CITY' as const, requireTotp: false,
        region: { id: 'RG1', name: 'Вінницька', katottgCode: 'UA05000000000010236' }, district: { id: 'DS1', name: 'Вінницький' } },
      region: null, customRole: null,
    },
    {
      id: 'MB4', role: 'CUSTOM' as const, organization: null, region: null,
      customRole: { label: { uk: 'Реєстратор організацій', en: 'Organisation registrar' } },
      community: { id: 'CM1', name: 'Вінницька', katottgCode: 'UA05020030000031457', kind: 'CITY' as const, requireTotp: false,
        region: { id: 'RG1', name: 'Вінницька', katottgCode: 'UA05000000000010236' }, district: { id: 'DS1', name: 'Вінницький' } },
    },
    { id: 'MB2', role: 'REGIONAL_SUPERVISOR' as const, organization: null, community: null, customRole: null,
      region: { id: 'RG2', name: 'Полтавська', katottgCode: 'UA53000000000028050' } },
    { id: 'MB3', role: 'NATIONAL_ANALYST' as const, organization: null, community: null, region: null, customRole: null },
  ],
};

describe('HomePage', () => {
  it('lists each role with where it holds, in Ukrainian', () => {
    void i18n.changeLanguage('uk');
    renderWith(<Memberships viewer={viewer} />);
    expect(screen.getAllByText('Вінницька міська громада, Вінницька область').length).toBe(2);
    expect(screen.getByText('Служба у справах дітей', { selector: 'td:nth-child(3)' })).toBeTruthy();
    expect(screen.getByText('Полтавська область')).toBeTruthy();
    expect(screen.getByText('Регіональний наглядач')).toBeTruthy();
    expect(screen.getByText('Україна')).toBeTruthy();
    expect(screen.getByText('Реєстратор організацій')).toBeTruthy();
  });

  it('speaks English when asked', async () => {
    await i18n.changeLanguage('en');
    renderWith(<Memberships viewer={viewer} />);
    expect(screen.getAllByText('Вінницька міська громада, Вінницька область').length).toBe(2);
    expect(screen.getByText("Children's service")).toBeTruthy();
    expect(screen.getByText('National analyst')).toBeTruthy();
    expect(screen.getByText('Organisation registrar')).toBeTruthy();
    await i18n.changeLanguage('uk');
  });

  it('prompts to set up the second factor when the community requires it', () => {
    renderWith(<TestSession viewer={{ ...viewer, totpEnrollmentRequired: true }} permissions={[]}><HomePage /></TestSession>);
    expect(screen.getByText('Ваша громада вимагає двофакторного входу.')).toBeTruthy();
  });
});
