// The WebDAV SEARCH request (RFC 5323 basicsearch) as Nextcloud evaluates it on the files of one
// user (apps/dav/lib/Files/FileSearchBackend.php): scope and depth, the `where` tree, `orderby`,
// `limit` (nresults, and Nextcloud's firstresult). A query it cannot evaluate is refused (400),
// never answered with everything, so that a wrong query from Pléiade fails here as it would there.

export interface XmlNode {
  /** Local name, without its namespace prefix. */
  name: string;
  children: XmlNode[];
  text: string;
}

/** A small XML reader for SEARCH bodies: elements and text; attributes, comments and PIs are skipped. */
export function parseXml(body: string): XmlNode | undefined {
  const root: XmlNode = { name: '#root', children: [], text: '' };
  const stack: XmlNode[] = [root];
  const tag = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)(?:[\w.-]+:)?([\w.-]+)(?:\s[^>]*?)?(\/?)>|([^<]+)/g;
  for (const match of body.matchAll(tag)) {
    const [whole, closing, name, selfClosing, text] = match;
    const current = stack.at(-1);
    if (!current) return undefined;
    if (text !== undefined) {
      current.text += text;
      continue;
    }
    if (!name || whole.startsWith('<!--') || whole.startsWith('<?')) continue;
    if (closing) {
      if (current.name !== name) return undefined;
      stack.pop();
      continue;
    }
    const node: XmlNode = { name, children: [], text: '' };
    current.children.push(node);
    if (!selfClosing) stack.push(node);
  }
  return stack.length === 1 ? root : undefined;
}

const child = (node: XmlNode | undefined, name: string) => node?.children.find((c) => c.name === name);

export interface SearchableFile {
  /** Path under the user's files root, without a leading slash. */
  path: string;
  name: string;
  contentType: string;
  size: number;
  fileId: number;
  /** Seconds since the epoch. */
  modified: number;
}

export class SearchError extends Error {}

/** FileSearchBackend::castValue for a datetime: a number of seconds, an ATOM date, else 0. */
function dateLiteral(text: string): number {
  const value = text.trim();
  if (/^[+-]?\d+(\.\d+)?$/.test(value)) return Math.max(0, Math.trunc(Number(value)));
  const date = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/.test(value) ? Date.parse(value) : NaN;
  return Number.isNaN(date) ? 0 : Math.floor(date / 1000);
}

const PROPERTIES: Record<string, { kind: 'date' | 'number' | 'text'; of: (file: SearchableFile) => number | string }> =
  {
    getlastmodified: { kind: 'date', of: (file) => file.modified },
    size: { kind: 'number', of: (file) => file.size },
    fileid: { kind: 'number', of: (file) => file.fileId },
    displayname: { kind: 'text', of: (file) => file.name },
    getcontenttype: { kind: 'text', of: (file) => file.contentType },
  };

function property(node: XmlNode | undefined) {
  const name = child(node, 'prop')?.children[0]?.name;
  const definition = name ? PROPERTIES[name] : undefined;
  if (!definition) throw new SearchError(`Unsupported property ${name ?? '(none)'}`);
  return definition;
}

function literal(node: XmlNode, kind: 'date' | 'number' | 'text'): number | string {
  const text = child(node, 'literal')?.text;
  if (text === undefined) throw new SearchError('Missing literal');
  if (kind === 'date') return dateLiteral(text);
  if (kind === 'number') return Number(text.trim());
  return text;
}

function likePattern(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replaceAll('%', '.*')
    .replaceAll('_', '.');
  return new RegExp(`^${escaped}$`, 'i');
}

type Predicate = (file: SearchableFile) => boolean;

function predicate(node: XmlNode): Predicate {
  const operands = () => node.children.map(predicate);
  switch (node.name) {
    case 'and': {
      const all = operands();
      return (file) => all.every((test) => test(file));
    }
    case 'or': {
      const any = operands();
      return (file) => any.some((test) => test(file));
    }
    case 'not': {
      const [inner] = operands();
      if (!inner) throw new SearchError('Empty not');
      return (file) => !inner(file);
    }
    // The simulator's users have files only.
    case 'is-collection':
      return () => false;
    case 'eq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const prop = property(node);
      const value = literal(node, prop.kind);
      const compare = (a: number | string) => (a < value ? -1 : a > value ? 1 : 0);
      const test = {
        eq: (c: number) => c === 0,
        gt: (c: number) => c > 0,
        gte: (c: number) => c >= 0,
        lt: (c: number) => c < 0,
        lte: (c: number) => c <= 0,
      }[node.name];
      return (file) => test(compare(prop.of(file)));
    }
    case 'like': {
      const prop = property(node);
      const pattern = likePattern(String(literal(node, 'text')));
      return (file) => pattern.test(String(prop.of(file)));
    }
    default:
      throw new SearchError(`Unsupported operation ${node.name}`);
  }
}

export interface SearchQuery {
  /** `/files/<user>[/<folder>]`, decoded. */
  scope: string;
  depth: 'infinity' | number;
  matches: Predicate;
  order: (a: SearchableFile, b: SearchableFile) => number;
  offset: number;
  limit: number | undefined;
}

/** Reads a basicsearch body; SearchError when Nextcloud would refuse it. */
export function readSearch(body: string): SearchQuery {
  const search = child(child(parseXml(body), 'searchrequest'), 'basicsearch');
  if (!search) throw new SearchError('Unexpected xml body, expected a basicsearch query');
  const scope = child(child(search, 'from'), 'scope');
  const href = child(scope, 'href')?.text.trim();
  if (!href) throw new SearchError('Missing scope');
  const depthText = child(scope, 'depth')?.text.trim() ?? 'infinity';
  const depth = depthText === 'infinity' ? 'infinity' : Number(depthText);
  const where = child(search, 'where')?.children[0];
  const matches: Predicate = where ? predicate(where) : () => true;
  const orders = (child(search, 'orderby')?.children ?? []).map((order) => {
    const prop = property(order);
    const sign = child(order, 'descending') ? -1 : 1;
    return (a: SearchableFile, b: SearchableFile) => {
      const x = prop.of(a);
      const y = prop.of(b);
      return sign * (x < y ? -1 : x > y ? 1 : 0);
    };
  });
  const limit = child(search, 'limit');
  const nresults = child(limit, 'nresults')?.text.trim();
  const firstresult = child(limit, 'firstresult')?.text.trim();
  return {
    scope: decodeURIComponent(href),
    depth: Number.isNaN(depth) ? 'infinity' : depth,
    matches,
    order: (a, b) => orders.reduce((result, compare) => result || compare(a, b), 0),
    offset: firstresult ? Math.max(0, Number.parseInt(firstresult, 10) || 0) : 0,
    // Nextcloud reads 0 as « no limit », as an absent one.
    limit: nresults && Number.parseInt(nresults, 10) > 0 ? Number.parseInt(nresults, 10) : undefined,
  };
}
