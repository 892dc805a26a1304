// PHP's parse_str for query strings such as `criteria[0][field]=12&forcedisplay[]=2`, as GLPI
// receives them: bracketed keys build nested maps, `[]` appends the next integer key.

export type PhpValue = string | PhpMap;
export interface PhpMap {
  [key: string]: PhpValue;
}

function nextIndex(map: PhpMap): string {
  const ints = Object.keys(map)
    .filter((k) => /^\d+$/.test(k))
    .map(Number);
  return String(ints.length === 0 ? 0 : Math.max(...ints) + 1);
}

export function parsePhpQuery(params: URLSearchParams): PhpMap {
  const root: PhpMap = {};
  for (const [rawKey, value] of params) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!match) {
      root[rawKey] = value;
      continue;
    }
    const base = match[1] ?? rawKey;
    const parts = [...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '');
    if (parts.length === 0) {
      root[base] = value;
      continue;
    }
    let map = root;
    let key = base;
    for (const part of parts) {
      const existing = map[key];
      const child: PhpMap = typeof existing === 'object' ? existing : {};
      map[key] = child;
      map = child;
      key = part === '' ? nextIndex(child) : part;
    }
    map[key] = value;
  }
  return root;
}

/** The values of a PHP array in key order (integer keys ascending, as PHP keeps insertion order). */
export function phpList(value: PhpValue | undefined): PhpValue[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  return Object.values(value);
}
