import { describe, expect, it } from 'vitest';
import { CONNECTOR_KINDS, connectorKindLabel, WIDGET_TITLES } from '@pleiade/contracts';
import { en } from './locales/en';
import { fr } from './locales/fr';
import { currentLanguage, i18n, intlLocale, setLanguage } from './index';
import { connectorKindName, widgetKindTitle } from './kinds';
import { detectLanguage } from './languages';

type Texts = { [key: string]: string | Texts };

/** Every text of a namespace as `a.b.c` → text, plural forms (`_one`, `_other`…) kept apart. */
function flatten(texts: Texts, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(texts)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [inner, text] of flatten(value, path)) flat.set(inner, text);
  }
  return flat;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1] ?? '').sort();
const singular = (key: string) => key.replace(PLURAL, '');

const namespaces = Object.keys(fr) as (keyof typeof fr)[];

describe('the texts of the interface', () => {
  it('has the same namespaces in French and English', () => {
    expect(Object.keys(en).sort()).toEqual(namespaces.sort());
  });

  describe.each(namespaces)('namespace %s', (namespace) => {
    const french = flatten(fr[namespace] as Texts);
    const english = flatten(en[namespace] as Texts);
    const bases = (flat: Map<string, string>) => new Set([...flat.keys()].map(singular));

    it('has every French key in English and no English key without a French one', () => {
      const missingInEnglish = [...bases(french)].filter((key) => !bases(english).has(key));
      const missingInFrench = [...bases(english)].filter((key) => !bases(french).has(key));
      expect({ missingInEnglish, missingInFrench }).toEqual({ missingInEnglish: [], missingInFrench: [] });
    });

    it('gives each plural its « one » and « other » forms in both languages, and « many » in French', () => {
      for (const flat of [french, english]) {
        const plurals = [...flat.keys()].filter((key) => PLURAL.test(key)).map(singular);
        for (const base of plurals) {
          expect(flat.has(`${base}_one`), `${base}_one`).toBe(true);
          expect(flat.has(`${base}_other`), `${base}_other`).toBe(true);
          // French says « 1 000 000 de … » with its own form: without it i18next would show the key.
          if (flat === french) expect(flat.has(`${base}_many`), `${base}_many`).toBe(true);
        }
      }
    });

    it('uses the same placeholders in both languages, and no empty text', () => {
      const byBase = (flat: Map<string, string>) => {
        const found = new Map<string, Set<string>>();
        for (const [key, text] of flat) {
          expect(text.trim(), key).not.toBe('');
          const set = found.get(singular(key)) ?? new Set<string>();
          // `count` may be left out of a singular (« un élément ») but is the same variable.
          for (const name of placeholders(text)) set.add(name);
          found.set(singular(key), set);
        }
        return found;
      };
      const frenchPlaceholders = byBase(french);
      const englishPlaceholders = byBase(english);
      for (const [key, names] of frenchPlaceholders) {
        const without = (set: Set<string> | undefined) => [...(set ?? [])].filter((name) => name !== 'count').sort();
        expect(without(englishPlaceholders.get(key)), key).toEqual(without(names));
      }
    });
  });
});

describe('the language of the interface', () => {
  it('starts in the language last chosen on the device, else the browser’s, else French', () => {
    expect(detectLanguage('en', ['fr-FR'])).toBe('en');
    expect(detectLanguage(null, ['en-GB', 'fr'])).toBe('en');
    expect(detectLanguage(null, ['de-DE', 'fr-BE'])).toBe('fr');
    expect(detectLanguage('de', ['es'])).toBe('fr');
    expect(detectLanguage(null, [])).toBe('fr');
  });

  it('switches to English and back, with the locale Intl formats with', async () => {
    expect(currentLanguage()).toBe('fr');
    expect(intlLocale()).toBe('fr-FR');
    await setLanguage('en');
    expect(currentLanguage()).toBe('en');
    expect(intlLocale()).toBe('en-GB');
    expect(i18n.hasResourceBundle('en', 'common')).toBe(true);
    await setLanguage('fr');
    expect(currentLanguage()).toBe('fr');
  });
});

describe('the names of widget and application kinds', () => {
  it('has every kind, named in French as the contracts name it (one name per application)', () => {
    expect(fr.kinds.widget).toEqual(WIDGET_TITLES);
    expect(fr.kinds.connector).toEqual(
      Object.fromEntries(CONNECTOR_KINDS.map((kind) => [kind, connectorKindLabel(kind)])),
    );
  });

  it('follows the interface’s language', async () => {
    expect(widgetKindTitle('todo')).toBe('À traiter');
    expect(connectorKindName('glpi')).toBe('GLPI (assistance informatique)');
    await setLanguage('en');
    expect(widgetKindTitle('todo')).toBe('To do');
    expect(connectorKindName('glpi')).toBe('GLPI (IT help desk)');
    await setLanguage('fr');
  });
});
