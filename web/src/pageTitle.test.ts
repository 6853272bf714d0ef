import { describe, expect, it } from 'vitest';
import i18n from './i18n';
import { pages } from './App';
import { pageTitle, pageTitleKeys } from './pageTitle';

describe('page titles', () => {
  it('every page has its own title in both languages', async () => {
    for (const lang of ['uk', 'en']) {
      await i18n.changeLanguage(lang);
      const titles = Object.keys(pages).map((p) => pageTitle(i18n.t, p));
      for (const [i, p] of Object.keys(pages).entries()) {
        expect(pageTitleKeys[p], p).toBeDefined();
        expect(i18n.exists(pageTitleKeys[p]), `${lang}: ${pageTitleKeys[p]}`).toBe(true);
        expect(titles[i], p).toMatch(/ — (Турбота|Turbota)$/);
      }
      expect(new Set(titles).size).toBe(titles.length);
    }
    await i18n.changeLanguage('uk');
    expect(pageTitle(i18n.t, 'cases')).toBe('Випадки — Турбота');
  });
});
