const integer = new Intl.NumberFormat('fr-FR');
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** « 12 345 », with French digit grouping. */
export function formatCount(count: number): string {
  return integer.format(count);
}

/** The word for a count: 0 and 1 take the singular in French. */
export function pluralise(count: number, singular: string, plural: string): string {
  return count > 1 ? plural : singular;
}

/** « 1 message non lu », « 12 messages non lus ». */
export function countLabel(count: number, singular: string, plural: string): string {
  return `${formatCount(count)} ${pluralise(count, singular, plural)}`;
}

const UNITS = ['octets', 'Ko', 'Mo', 'Go', 'To'] as const;

/** « 512 octets », « 1,5 Mo »: French units, powers of 1024 as file managers show them. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return countLabel(bytes, 'octet', 'octets');
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${decimal.format(value)} ${UNITS[unit]}`;
}

/** The first letter in capitals: the contracts' validation messages start in lower case. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  const capitalised = trimmed.charAt(0).toLocaleUpperCase('fr-FR') + trimmed.slice(1);
  return /[.!?…]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** The folder of a file path, « Documents/Conseil » for « /Documents/Conseil/ordre.pdf »; '' at the root. */
export function folderOf(path: string): string {
  const parts = path.split('/').filter((part) => part !== '');
  return parts.slice(0, -1).join('/');
}
