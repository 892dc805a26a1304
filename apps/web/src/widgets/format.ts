import { i18n, intlLocale } from '../i18n';
import { perLocale } from './intl';

const integer = perLocale((locale) => new Intl.NumberFormat(locale));
const decimal = perLocale((locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }));
const pluralRules = perLocale((locale) => new Intl.PluralRules(locale));

/** « 12 345 » in French, "12,345" in English: the interface's digit grouping. */
export function formatCount(count: number): string {
  return integer().format(count);
}

/** The word for a count by the interface language's rule: in French 0 and 1 take the singular. */
export function pluralise(count: number, singular: string, plural: string): string {
  return pluralRules().select(count) === 'one' ? singular : plural;
}

/** « 1 message non lu », « 12 messages non lus ». */
export function countLabel(count: number, singular: string, plural: string): string {
  return `${formatCount(count)} ${pluralise(count, singular, plural)}`;
}

const UNITS = ['kilo', 'mega', 'giga', 'tera'] as const;

/** « 512 octets », « 1,5 Mo » ("1.5 MB"): powers of 1024 as file managers show them. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return i18n.t('widgets:format.bytes', { count: bytes, value: formatCount(bytes) });
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${decimal().format(value)} ${i18n.t(`widgets:format.units.${UNITS[unit] ?? 'tera'}`)}`;
}

/** The first letter in capitals, in the interface's language. */
export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase(intlLocale()) + text.slice(1);
}

/** The first letter in capitals and a final stop: the contracts' validation messages start in lower case. */
export function sentence(text: string): string {
  const capitalised = capitalise(text.trim());
  return /[.!?…]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** The folder of a file path, « Documents/Conseil » for « /Documents/Conseil/ordre.pdf »; '' at the root. */
export function folderOf(path: string): string {
  const parts = path.split('/').filter((part) => part !== '');
  return parts.slice(0, -1).join('/');
}
