import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { AppError } from '../errors.js';

export function issuesToDetails(issues: z.core.$ZodIssue[], prefix: string) {
  return issues.slice(0, 50).map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/**
 * Validates the body or the route parameters against a shared contract and replaces them with the
 * parsed value, so handlers only see data of the declared shape. Errors name each field's path.
 */
export function validate(part: 'body' | 'params', schema: z.ZodType): RequestHandler {
  return (req, _res, next) => {
    const parsed = schema.safeParse(req[part]);
    if (!parsed.success) {
      next(new AppError('VALIDATION_FAILED', 'La requête est invalide.', issuesToDetails(parsed.error.issues, part)));
      return;
    }
    req[part] = parsed.data as (typeof req)[typeof part];
    next();
  };
}

const BAD_TEXT = 'texte refusé : caractère nul (U+0000) ou caractère Unicode incomplet';

/** A UTF-16 surrogate without its other half (what String.prototype.isWellFormed finds, before ES2024). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether PostgreSQL can store (and compare) this string as it is: no NUL, no lone surrogate. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/** Where in a parsed JSON value a string (or a key) cannot be stored as text, if anywhere. */
function badTextPath(value: unknown, path: string[]): string[] | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = badTextPath(item, [...path, String(index)]);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) return path;
      const found = badTextPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * JSON may carry what PostgreSQL cannot store: NUL (`\u0000`) and lone surrogates (`\ud800`), which
 * text columns refuse or silently replace and jsonb refuses. Refused here for every API body, before
 * any schema, with the path of the first one (400).
 */
export const requireStorableText: RequestHandler = (req, _res, next) => {
  const path = badTextPath(req.body, ['body']);
  if (path) {
    next(new AppError('VALIDATION_FAILED', 'La requête est invalide.', [{ path: path.join('.'), message: BAD_TEXT }]));
    return;
  }
  next();
};
