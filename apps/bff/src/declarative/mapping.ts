import type { DeclarativeData, DeclarativeDefinition, DeclarativeResult } from '@pleiade/contracts';
import { query, type JsonValue } from 'jsonpath-rfc9535';
import { clip } from '../connectors/operation-kit.js';

/**
 * The mapping engine of declarative data sources: an application's answer (parsed JSON, or a
 * SOAP answer turned into JSON) and a definition's `result` give a number, a list or a table.
 * Pure and total: whatever the upstream sends (wrong types, missing values, huge or deep
 * documents), it answers data or a French message, and never throws.
 */

export type MappingOutcome = { ok: true; data: DeclarativeData } | { ok: false; message: string };

const MAX_TEXT = 300;

/** French messages for the people who see the widget: no upstream text, no path. */
export const MAPPING_MESSAGES = {
  missing: 'La réponse de l’application ne contient pas la valeur attendue.',
  notNumber: 'La valeur lue dans l’application n’est pas un nombre.',
  noRows: 'La réponse de l’application ne contient pas la liste attendue.',
  unreadable: 'La réponse de l’application n’a pas pu être lue.',
} as const;

/** Whether a JSONPath is valid RFC 9535 syntax; the French reason when it is not. */
export function jsonPathProblem(path: string): string | undefined {
  try {
    query({}, path);
    return undefined;
  } catch {
    return 'chemin JSON invalide (syntaxe RFC 9535, par exemple $.value[*].Montant)';
  }
}

/** Every JSONPath a definition's result names, with its place in the definition (for 400 details). */
export function resultPaths(result: DeclarativeResult): { path: string; at: (string | number)[] }[] {
  switch (result.shape) {
    case 'number':
      return [{ path: result.path, at: ['result', 'path'] }];
    case 'list':
      return [
        { path: result.items, at: ['result', 'items'] },
        { path: result.title, at: ['result', 'title'] },
        ...(result.detail ? [{ path: result.detail, at: ['result', 'detail'] }] : []),
      ];
    case 'table':
      return [
        { path: result.rows, at: ['result', 'rows'] },
        ...result.columns.map((column, index) => ({ path: column.path, at: ['result', 'columns', index, 'path'] })),
      ];
  }
}

export function definitionPathProblems(
  definition: DeclarativeDefinition,
): { path: (string | number)[]; message: string }[] {
  return resultPaths(definition.result).flatMap(({ path, at }) => {
    const problem = jsonPathProblem(path);
    return problem ? [{ path: at, message: problem }] : [];
  });
}

function select(document: unknown, path: string): JsonValue[] | undefined {
  try {
    return query(document as JsonValue, path);
  } catch {
    return undefined;
  }
}

/** A single match that is an array stands for its elements (`$.value` as well as `$.value[*]`). */
function rowsOf(document: unknown, path: string): JsonValue[] | undefined {
  const matches = select(document, path);
  if (!matches) return undefined;
  const [only] = matches;
  return matches.length === 1 && Array.isArray(only) ? only : matches;
}

/** A number from JSON or from text (« 47,32 », « 4.0 », SOAP's decimals); undefined otherwise. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!/^[+-]?\d{1,15}([.,]\d{1,10})?$/.test(text)) return undefined;
  const number = Number(text.replace(',', '.'));
  return Number.isFinite(number) ? number : undefined;
}

/** Upstream text as text: control characters removed, clipped. */
function toText(value: unknown): string | undefined {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (typeof value === 'boolean') text = value ? 'Oui' : 'Non';
  else return undefined;
  // Control characters (\p{Cc}) become spaces; clip() collapses them and cuts on a code point.
  const clipped = clip(text.replace(/\p{Cc}+/gu, ' '), MAX_TEXT);
  return clipped === '' ? undefined : clipped;
}

function cellOf(value: unknown): string | number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return toText(value) ?? null;
}

function firstMatch(row: unknown, path: string): unknown {
  return select(row, path)?.[0];
}

function mapNumber(result: Extract<DeclarativeResult, { shape: 'number' }>, document: unknown): MappingOutcome {
  let value: number | undefined;
  if (result.aggregate === 'count') {
    const rows = rowsOf(document, result.path);
    if (!rows) return { ok: false, message: MAPPING_MESSAGES.unreadable };
    value = rows.length;
  } else {
    const matches = select(document, result.path);
    if (!matches) return { ok: false, message: MAPPING_MESSAGES.unreadable };
    if (matches.length === 0) return { ok: false, message: MAPPING_MESSAGES.missing };
    if (result.aggregate === 'first') {
      value = toNumber(matches[0]);
    } else {
      const numbers = matches.map(toNumber);
      value = numbers.every((n) => n !== undefined) ? numbers.reduce<number>((sum, n) => sum + (n ?? 0), 0) : undefined;
    }
  }
  if (value === undefined) return { ok: false, message: MAPPING_MESSAGES.notNumber };
  const scaled = value * (result.factor ?? 1);
  if (!Number.isFinite(scaled)) return { ok: false, message: MAPPING_MESSAGES.notNumber };
  return {
    ok: true,
    data: { shape: 'number', value: scaled, decimals: result.decimals, ...(result.unit ? { unit: result.unit } : {}) },
  };
}

function mapList(result: Extract<DeclarativeResult, { shape: 'list' }>, document: unknown): MappingOutcome {
  const rows = rowsOf(document, result.items);
  if (!rows) return { ok: false, message: MAPPING_MESSAGES.noRows };
  const items = rows.flatMap((row) => {
    const title = toText(firstMatch(row, result.title));
    if (title === undefined) return [];
    const detail = result.detail ? toText(firstMatch(row, result.detail)) : undefined;
    return [{ title, ...(detail !== undefined ? { detail } : {}) }];
  });
  // Rows that have none of the expected values are not the list the definition describes.
  if (rows.length > 0 && items.length === 0) return { ok: false, message: MAPPING_MESSAGES.missing };
  return { ok: true, data: { shape: 'list', items: items.slice(0, result.limit), total: items.length } };
}

function mapTable(result: Extract<DeclarativeResult, { shape: 'table' }>, document: unknown): MappingOutcome {
  const rows = rowsOf(document, result.rows);
  if (!rows) return { ok: false, message: MAPPING_MESSAGES.noRows };
  const cells = rows.map((row) =>
    result.columns.map((column) => {
      const cell = cellOf(firstMatch(row, column.path));
      return typeof cell === 'string' && column.labels && Object.hasOwn(column.labels, cell)
        ? (column.labels[cell] ?? cell)
        : cell;
    }),
  );
  if (rows.length > 0 && cells.every((row) => row.every((cell) => cell === null))) {
    return { ok: false, message: MAPPING_MESSAGES.missing };
  }
  return {
    ok: true,
    data: {
      shape: 'table',
      columns: result.columns.map((column) => ({ label: column.label, ...(column.unit ? { unit: column.unit } : {}) })),
      rows: cells.slice(0, result.limit),
      total: cells.length,
    },
  };
}

/** The answer mapped by the definition's result; never throws. */
export function mapAnswer(result: DeclarativeResult, document: unknown): MappingOutcome {
  try {
    switch (result.shape) {
      case 'number':
        return mapNumber(result, document);
      case 'list':
        return mapList(result, document);
      case 'table':
        return mapTable(result, document);
    }
  } catch {
    // A document the path engine cannot walk (e.g. nested beyond the stack): unreadable, not a 500.
    return { ok: false, message: MAPPING_MESSAGES.unreadable };
  }
}
