import { intlLocale } from '../i18n';

/**
 * An Intl formatter for the interface's current locale, made once per locale: `make` runs the
 * first time a locale is asked for, and the same object is given back afterwards.
 */
export function perLocale<T>(make: (locale: string) => T): () => T {
  const made = new Map<string, T>();
  return () => {
    const locale = intlLocale();
    let value = made.get(locale);
    if (value === undefined) {
      value = make(locale);
      made.set(locale, value);
    }
    return value;
  };
}
