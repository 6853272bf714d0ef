import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import uk from './uk.json';
import en from './en.json';

export const languages = ['uk', 'en'] as const;
export type Language = (typeof languages)[number];
const storageKey = 'turbota.lang';

function initialLanguage(): Language {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(storageKey) : null;
  return saved === 'en' ? 'en' : 'uk';
}

i18n.use(initReactI18next).init({
  resources: { uk: { translation: uk }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'uk',
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});

export function setLanguage(lng: Language) {
  localStorage.setItem(storageKey, lng);
  document.documentElement.lang = lng;
  void i18n.changeLanguage(lng);
}

export default i18n;
