// A small OData v4 query engine for the finance simulator: $filter (comparison, logical and `in`
// operators, string and date functions, typed literals), $select, $orderby. Errors carry the
// messages an ASP.NET Core OData / ODataLib service gives, so a client sees the same 400s.
// Grammar: OData ABNF (OASIS odata-abnf-construction-rules), a subset.

export type EdmType = 'Edm.String' | 'Edm.Int32' | 'Edm.Decimal' | 'Edm.Boolean' | 'Edm.Date' | 'Edm.DateTimeOffset';
export type Value = string | number | boolean | null;
export type Entity = Record<string, Value>;

export interface EntityTypeDef {
  /** Qualified name, e.g. `Finances.BonDeCommande`. */
  name: string;
  key: string;
  properties: Readonly<Record<string, EdmType>>;
}

export class ODataError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const badRequest = (message: string) => new ODataError(400, '', message);

type Token =
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'number'; value: number; text: string; pos: number }
  | { kind: 'date'; value: string; pos: number }
  | { kind: 'datetime'; value: string; pos: number }
  | { kind: 'word'; value: string; pos: number }
  | { kind: 'open' | 'close' | 'comma'; pos: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const syntax = (pos: number) => badRequest(`Syntax error at position ${pos} in '${text}'.`);
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === ' ') {
      i += 1;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c === '(' ? 'open' : c === ')' ? 'close' : 'comma', pos: i });
      i += 1;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= text.length) {
          throw badRequest(`There is an unterminated string literal at position ${i} in '${text}'.`);
        }
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j += 1;
      }
      tokens.push({ kind: 'string', value, pos: i });
      i = j + 1;
      continue;
    }
    const rest = text.slice(i);
    const datetime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/.exec(rest);
    if (datetime) {
      if (Number.isNaN(Date.parse(datetime[0]))) throw syntax(i);
      tokens.push({ kind: 'datetime', value: datetime[0], pos: i });
      i += datetime[0].length;
      continue;
    }
    const date = /^\d{4}-\d{2}-\d{2}(?![\w.:])/.exec(rest);
    if (date) {
      tokens.push({ kind: 'date', value: date[0], pos: i });
      i += date[0].length;
      continue;
    }
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDfFlL]?(?![\w.])/.exec(rest);
    if (num) {
      const textValue = num[0].replace(/[mMdDfFlL]$/, '');
      tokens.push({ kind: 'number', value: Number(textValue), text: textValue, pos: i });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_./]*/.exec(rest);
    if (word) {
      tokens.push({ kind: 'word', value: word[0], pos: i });
      i += word[0].length;
      continue;
    }
    throw syntax(i);
  }
  return tokens;
}

export type Node =
  | { kind: 'literal'; type: EdmType | 'null'; value: Value }
  | { kind: 'property'; type: EdmType; name: string }
  | { kind: 'binary'; type: 'Edm.Boolean'; op: string; left: Node; right: Node }
  | { kind: 'in'; type: 'Edm.Boolean'; left: Node; list: Node[] }
  | { kind: 'not'; type: 'Edm.Boolean'; operand: Node }
  | { kind: 'call'; type: EdmType; name: string; args: Node[] };

const COMPARISON: Readonly<Record<string, string>> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
};

const NUMERIC = new Set<string>(['Edm.Int32', 'Edm.Decimal']);

function compatible(a: EdmType | 'null', b: EdmType | 'null', op: string): boolean {
  if (a === 'null' || b === 'null') return op === 'eq' || op === 'ne';
  if (NUMERIC.has(a) && NUMERIC.has(b)) return true;
  if (a === 'Edm.Boolean' || b === 'Edm.Boolean') return a === b && (op === 'eq' || op === 'ne');
  return a === b;
}

interface Fn {
  params: readonly EdmType[];
  returns: EdmType;
}

const FUNCTIONS: Readonly<Record<string, Fn>> = {
  contains: { params: ['Edm.String', 'Edm.String'], returns: 'Edm.Boolean' },
  startswith: { params: ['Edm.String', 'Edm.String'], returns: 'Edm.Boolean' },
  endswith: { params: ['Edm.String', 'Edm.String'], returns: 'Edm.Boolean' },
  tolower: { params: ['Edm.String'], returns: 'Edm.String' },
  toupper: { params: ['Edm.String'], returns: 'Edm.String' },
  trim: { params: ['Edm.String'], returns: 'Edm.String' },
  length: { params: ['Edm.String'], returns: 'Edm.Int32' },
  year: { params: ['Edm.Date'], returns: 'Edm.Int32' },
  month: { params: ['Edm.Date'], returns: 'Edm.Int32' },
  day: { params: ['Edm.Date'], returns: 'Edm.Int32' },
};

export function unknownProperty(name: string, type: EntityTypeDef): ODataError {
  return badRequest(`Could not find a property named '${name}' on type '${type.name}'.`);
}

/** Parses a $filter expression against an entity type; throws ODataError 400 on any error. */
export function parseFilter(text: string, type: EntityTypeDef): Node {
  const tokens = tokenize(text);
  let index = 0;
  const peek = () => tokens[index];
  const syntax = (token = peek()) => badRequest(`Syntax error at position ${token?.pos ?? text.length} in '${text}'.`);
  const isWord = (word: string) => {
    const t = peek();
    return t?.kind === 'word' && t.value === word;
  };
  const expect = (kind: 'open' | 'close' | 'comma') => {
    const t = peek();
    if (t?.kind !== kind) throw syntax(t);
    index += 1;
  };

  function parseOr(): Node {
    let left = parseAnd();
    while (isWord('or')) {
      index += 1;
      left = {
        kind: 'binary',
        type: 'Edm.Boolean',
        op: 'or',
        left: requireBoolean(left),
        right: requireBoolean(parseAnd()),
      };
    }
    return left;
  }
  function parseAnd(): Node {
    let left = parseNot();
    while (isWord('and')) {
      index += 1;
      left = {
        kind: 'binary',
        type: 'Edm.Boolean',
        op: 'and',
        left: requireBoolean(left),
        right: requireBoolean(parseNot()),
      };
    }
    return left;
  }
  function parseNot(): Node {
    if (isWord('not')) {
      index += 1;
      return { kind: 'not', type: 'Edm.Boolean', operand: requireBoolean(parseNot()) };
    }
    return parseComparison();
  }
  function parseComparison(): Node {
    const left = parsePrimary();
    const t = peek();
    if (t?.kind === 'word' && COMPARISON[t.value] !== undefined) {
      index += 1;
      const right = parsePrimary();
      if (!compatible(left.type, right.type, t.value)) {
        throw badRequest(
          `A binary operator with incompatible types was detected. Found operand types '${left.type}' and '${right.type}' for operator kind '${COMPARISON[t.value]}'.`,
        );
      }
      return { kind: 'binary', type: 'Edm.Boolean', op: t.value, left, right };
    }
    if (t?.kind === 'word' && t.value === 'in') {
      index += 1;
      expect('open');
      const list: Node[] = [parsePrimary()];
      while (peek()?.kind === 'comma') {
        index += 1;
        list.push(parsePrimary());
      }
      expect('close');
      for (const item of list) {
        if (!compatible(left.type, item.type, 'eq')) {
          throw badRequest(
            `A binary operator with incompatible types was detected. Found operand types '${left.type}' and '${item.type}' for operator kind 'In'.`,
          );
        }
      }
      return { kind: 'in', type: 'Edm.Boolean', left, list };
    }
    return left;
  }
  function parsePrimary(): Node {
    const t = peek();
    if (!t) throw syntax();
    index += 1;
    switch (t.kind) {
      case 'open': {
        const inner = parseOr();
        expect('close');
        return inner;
      }
      case 'string':
        return { kind: 'literal', type: 'Edm.String', value: t.value };
      case 'number':
        return {
          kind: 'literal',
          type: Number.isInteger(t.value) && !/[.eE]/.test(t.text) ? 'Edm.Int32' : 'Edm.Decimal',
          value: t.value,
        };
      case 'date':
        return { kind: 'literal', type: 'Edm.Date', value: t.value };
      case 'datetime':
        return { kind: 'literal', type: 'Edm.DateTimeOffset', value: new Date(t.value).toISOString() };
      case 'word': {
        if (t.value === 'true' || t.value === 'false') {
          return { kind: 'literal', type: 'Edm.Boolean', value: t.value === 'true' };
        }
        if (t.value === 'null') return { kind: 'literal', type: 'null', value: null };
        if (peek()?.kind === 'open') return parseCall(t.value);
        const propertyType = type.properties[t.value];
        if (!propertyType) {
          if (t.value.includes('/')) {
            throw badRequest(
              `Could not find a property named '${t.value.split('/')[0] ?? ''}' on type '${type.name}'.`,
            );
          }
          throw unknownProperty(t.value, type);
        }
        return { kind: 'property', type: propertyType, name: t.value };
      }
      default:
        throw syntax(t);
    }
  }
  function parseCall(name: string): Node {
    const fn = FUNCTIONS[name];
    if (!fn) {
      throw badRequest(
        `An unknown function with name '${name}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`,
      );
    }
    expect('open');
    const args: Node[] = [];
    if (peek()?.kind !== 'close') {
      args.push(parseOr());
      while (peek()?.kind === 'comma') {
        index += 1;
        args.push(parseOr());
      }
    }
    expect('close');
    if (args.length !== fn.params.length) {
      throw badRequest(`No function signature for the function with name '${name}' matches the specified arguments.`);
    }
    fn.params.forEach((expected, i) => {
      const actual = args[i]?.type;
      const ok =
        actual === expected || actual === 'null' || (expected === 'Edm.Date' && actual === 'Edm.DateTimeOffset');
      if (!ok) {
        throw badRequest(`No function signature for the function with name '${name}' matches the specified arguments.`);
      }
    });
    return { kind: 'call', type: fn.returns, name, args };
  }
  function requireBoolean(node: Node): Node {
    if (node.type !== 'Edm.Boolean')
      throw badRequest('The $filter expression must evaluate to a single boolean value.');
    return node;
  }

  if (tokens.length === 0) throw badRequest(`Syntax error at position 0 in '${text}'.`);
  const root = parseOr();
  if (index < tokens.length) throw syntax();
  return requireBoolean(root);
}

function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

function valueOf(node: Node, entity: Entity): Value {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'property': {
      const v = entity[node.name] ?? null;
      return node.type === 'Edm.DateTimeOffset' && typeof v === 'string' ? new Date(v).toISOString() : v;
    }
    case 'not':
      return !valueOf(node.operand, entity);
    case 'in': {
      const left = valueOf(node.left, entity);
      return node.list.some((item) => valueOf(item, entity) === left);
    }
    case 'binary': {
      if (node.op === 'and') return Boolean(valueOf(node.left, entity)) && Boolean(valueOf(node.right, entity));
      if (node.op === 'or') return Boolean(valueOf(node.left, entity)) || Boolean(valueOf(node.right, entity));
      const l = valueOf(node.left, entity);
      const r = valueOf(node.right, entity);
      if (node.op === 'eq') return l === r;
      if (node.op === 'ne') return l !== r;
      if (l === null || r === null) return false;
      const cmp = compareValues(l, r);
      if (node.op === 'gt') return cmp > 0;
      if (node.op === 'ge') return cmp >= 0;
      if (node.op === 'lt') return cmp < 0;
      return cmp <= 0;
    }
    case 'call': {
      const args = node.args.map((a) => valueOf(a, entity));
      const [x, y] = args;
      if (args.some((a) => a === null)) return null;
      const s = String(x);
      switch (node.name) {
        case 'contains':
          return s.includes(String(y));
        case 'startswith':
          return s.startsWith(String(y));
        case 'endswith':
          return s.endsWith(String(y));
        case 'tolower':
          return s.toLowerCase();
        case 'toupper':
          return s.toUpperCase();
        case 'trim':
          return s.trim();
        case 'length':
          return s.length;
        case 'year':
          return Number(s.slice(0, 4));
        case 'month':
          return Number(s.slice(5, 7));
        default:
          return Number(s.slice(8, 10));
      }
    }
  }
}

export function matches(filter: Node, entity: Entity): boolean {
  return valueOf(filter, entity) === true;
}

/** $select: `*` or property names; unknown names are refused. */
export function parseSelect(text: string, type: EntityTypeDef): string[] | undefined {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw badRequest(`Syntax error at position ${text.length} in '${text}'.`);
  if (items.includes('*')) return undefined;
  for (const item of items) if (type.properties[item] === undefined) throw unknownProperty(item, type);
  return [...new Set(items)];
}

export interface OrderBy {
  property: string;
  descending: boolean;
}

export function parseOrderBy(text: string, type: EntityTypeDef): OrderBy[] {
  return text.split(',').map((raw) => {
    const parts = raw.trim().split(/\s+/);
    const [property = '', direction, extra] = parts;
    if (property === '' || extra !== undefined || (direction !== undefined && !/^(asc|desc)$/.test(direction))) {
      throw badRequest(`Syntax error at position ${text.length} in '${text}'.`);
    }
    if (type.properties[property] === undefined) throw unknownProperty(property, type);
    return { property, descending: direction === 'desc' };
  });
}

export function sortEntities(entities: Entity[], orderBy: OrderBy[]): Entity[] {
  return [...entities].sort((a, b) => {
    for (const o of orderBy) {
      const x = a[o.property] ?? null;
      const y = b[o.property] ?? null;
      if (x === y) continue;
      // OData sorts null first in ascending order.
      const cmp = x === null ? -1 : y === null ? 1 : compareValues(x, y);
      if (cmp !== 0) return o.descending ? -cmp : cmp;
    }
    return 0;
  });
}
