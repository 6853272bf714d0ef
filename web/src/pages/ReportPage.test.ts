import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { familyName } from './ReportPage';

const child = (lastName: string, existingID: string | null = null) => ({
  lastName, firstName: 'Марко', patronymic: '', birthDate: null, sex: null, existingID, existingFamilyID: null, existingLabel: '', confirmedNew: false,
});

describe('the family a report registers', () => {
  it('takes the name typed', () => {
    expect(familyName(i18n.t, { familyName: ' Коваль ', children: [child('Шевченко')] })).toBe('Коваль');
  });

  it('without a name, takes the surname of the first new child', () => {
    expect(familyName(i18n.t, { familyName: '', children: [child('Бондар', 'P1'), child(''), child('Шевченко')] })).toBe('Шевченко');
  });

  it('without either, says in the viewer\'s language that the surname is not known', async () => {
    await i18n.changeLanguage('uk');
    expect(familyName(i18n.t, { familyName: '  ', children: [] })).toBe('(прізвище не встановлено)');
    await i18n.changeLanguage('en');
    expect(familyName(i18n.t, { familyName: '', children: [] })).toBe('(surname not known)');
  });
});
