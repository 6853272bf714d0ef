import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import i18n from './i18n';
import { communityName, formatDate, formatDateTime, formatFigure, formatMoney, formatNumber, formatPercent, formatPlotted, periodLabel, regionName } from './format';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('dates and numbers follow Ukrainian usage in both languages', () => {
  it('writes dates as dd.MM.yyyy and times as HH:mm, Kyiv time', () => {
    for (const lng of ['uk', 'en']) {
      expect(formatDate(lng, '2026-11-16T21:59:00Z')).toBe('16.11.2026');
      expect(formatDateTime(lng, '2026-11-16T21:59:00Z')).toBe('16.11.2026, 23:59');
      expect(formatDate(lng, '2015-11-23T00:00:00Z', true)).toBe('23.11.2015');
    }
    expect(formatDate('en', null)).toBe('—');
  });

  it('groups thousands with a space', () => {
    expect(nbsp(formatNumber('en', 4800))).toBe('4 800');
    expect(nbsp(formatNumber('uk', 1234567))).toBe('1 234 567');
  });

  it('writes hryvnias in the words of the UI language', () => {
    expect(nbsp(formatMoney('uk', 4800))).toBe('4 800 грн');
    expect(nbsp(formatMoney('en', 4800))).toBe('UAH 4 800');
  });

  it('labels chart periods with the same short months in every browser', () => {
    expect(periodLabel('en', '2026-09-01T00:00:00+03:00', 'MONTH')).toBe('Sep \u201926');
    expect(periodLabel('uk', '2026-09-01T00:00:00+03:00', 'MONTH')).toBe('вер \u201926');
    expect(periodLabel('en', '2026-07-01T00:00:00+03:00', 'QUARTER')).toBe('Q3 2026');
    expect(periodLabel('uk', '2026-07-01T00:00:00+03:00', 'QUARTER')).toBe('III кв. 2026');
    expect(periodLabel('uk', '2026-01-01T00:00:00+02:00', 'YEAR')).toBe('2026');
  });
});

describe('place names', () => {
  it('keep the official Ukrainian name in the English UI, not half-translated', async () => {
    await i18n.changeLanguage('en');
    const t = i18n.t.bind(i18n) as TFunction;
    expect(communityName(t, { name: 'Вінницька', kind: 'CITY', region: { name: 'Вінницька' } })).toBe('Вінницька міська громада');
    expect(regionName(t, { name: 'Вінницька' })).toBe('Вінницька область');
    await i18n.changeLanguage('uk');
  });
});

describe('figures the Ukrainian way', () => {
  it('writes a share as «73,9 %» with a no-break space', () => {
    expect(formatPercent(0.739)).toBe('73,9\u00a0%');
    expect(formatPercent(1)).toBe('100,0\u00a0%');
  });

  it('formats an indicator cell by its unit, keeping a suppressed one as the server shows it', () => {
    expect(formatFigure({ value: 0.739, display: '73.9%', suppressed: false }, 'SHARE')).toBe('73,9\u00a0%');
    expect(formatFigure({ value: 4800.25, display: '4800.3', suppressed: false }, 'COUNT')).toBe('4\u00a0800,3');
    expect(formatFigure({ value: null, display: '<5', suppressed: true }, 'COUNT')).toBe('<5');
    expect(formatPlotted(73.9, 'SHARE')).toBe('73,9\u00a0%');
  });
});
