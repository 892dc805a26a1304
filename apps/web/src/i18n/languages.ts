import { isLanguage, LANGUAGES, type Language } from '@pleiade/contracts';

export { isLanguage, LANGUAGES, type Language };

/** Where the language last used on this device is kept, for the pages before sign-in. */
export const STORED_LANGUAGE_KEY = 'pleiade.language';

/**
 * The language to start in: the one last chosen on this device, else the first of the browser's
 * languages the product speaks (`en-GB` → English), else French.
 */
export function detectLanguage(stored: string | null, browserLanguages: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'fr';
}

/** The locale Intl formats with: French of France, English of the United Kingdom (day before month, 24 h). */
export const INTL_LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Every date and time is the collectivité's: France's, whatever the device's clock says. */
export const TIME_ZONE = 'Europe/Paris';

/** Each language's own name, as the switch shows it to someone who does not read the current one. */
export const LANGUAGE_NAMES: Record<Language, string> = { fr: 'Français', en: 'English' };
