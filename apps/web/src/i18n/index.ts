import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { fr } from './locales/fr';
import { detectLanguage, INTL_LOCALES, STORED_LANGUAGE_KEY, type Language } from './languages';

/**
 * The interface's texts (i18next). French is bundled and is the fallback; English is fetched the
 * first time someone chooses it. Components read texts with `useTranslation('<namespace>')` (typed:
 * a key missing from the French files does not compile); code outside components with `i18n.t`.
 * `locales/*.json` are checked by i18n.test.ts: same keys and placeholders in both languages.
 */
export const NAMESPACES = Object.keys(fr) as (keyof typeof fr)[];

function storedLanguage(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(STORED_LANGUAGE_KEY);
  } catch {
    return null; // storage refused (private mode, policy): the browser's language then
  }
}

const browserLanguages = (): readonly string[] => (typeof navigator === 'undefined' ? [] : navigator.languages);

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  lng: 'fr',
  fallbackLng: 'fr',
  supportedLngs: ['fr', 'en'],
  resources: { fr },
  partialBundledLanguages: true,
  ns: NAMESPACES,
  defaultNS: 'common',
  // React escapes what it renders; texts are never put in the page as HTML.
  interpolation: { escapeValue: false },
  returnNull: false,
  // Synchronous, so the first render (and every unit test) already has the French texts.
  initAsync: false,
});

const loaded = new Set<Language>(['fr']);

async function load(language: Language): Promise<void> {
  if (loaded.has(language)) return;
  const { en } = await import('./locales/en');
  for (const [namespace, texts] of Object.entries(en)) i18n.addResourceBundle('en', namespace, texts, true, true);
  loaded.add(language);
}

function reflect(language: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/**
 * Switches the interface to `language`, fetching its texts first. `remember`: the person chose it,
 * so this device starts in it next time (a detected language is detected again instead).
 */
export async function setLanguage(language: Language, { remember = false } = {}): Promise<void> {
  await load(language);
  if (i18n.language !== language) await i18n.changeLanguage(language);
  reflect(language);
  if (!remember) return;
  try {
    localStorage.setItem(STORED_LANGUAGE_KEY, language);
  } catch {
    // not remembered on this device: the person's choice is still kept by the server
  }
}

/** The language the interface speaks now. */
export const currentLanguage = (): Language => (i18n.language === 'en' ? 'en' : 'fr');

/** The locale Intl formats with, following the interface's language (`fr-FR`, `en-GB`). */
export const intlLocale = (): string => INTL_LOCALES[currentLanguage()];

/** At start: the device's or the browser's language, before the person's own choice is known. */
export function startInDetectedLanguage(): Promise<void> {
  return setLanguage(detectLanguage(storedLanguage(), browserLanguages()));
}

export { TIME_ZONE, type Language } from './languages';
