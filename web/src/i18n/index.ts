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

/** The server paints a case page's header before the app runs (web/firstpaint.go): it reads the language here. */
function rememberForServer(lng: Language) {
  if (typeof document !== 'undefined') document.cookie = `turbota_lang=${lng}; path=/; max-age=31536000; SameSite=Lax`;
}
rememberForServer(initialLanguage());

export function setLanguage(lng: Language) {
  localStorage.setItem(storageKey, lng);
  rememberForServer(lng);
  document.documentElement.lang = lng;
  void i18n.changeLanguage(lng);
}

export default i18n;
