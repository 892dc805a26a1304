import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { AppError } from '../errors.js';

export function issuesToDetails(issues: z.core.$ZodIssue[], prefix: string) {
  return issues.slice(0, 50).map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/** The contracts a validated() handler checks, kept on it for the API description's test. */
export const VALIDATED_SCHEMAS = Symbol('pleiade.validatedSchemas');

/**
 * A route's handler, given its route parameters and body already parsed by their contracts.
 * Declared as a method so that the overloads below fit the one implementation.
 */
type Handler<P, B> = {
  handle(input: { params: P; body: B }, req: Request, res: Response): Promise<void> | void;
}['handle'];

function check(part: 'params' | 'body', schema: z.ZodType, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'La requête est invalide.', issuesToDetails(parsed.error.issues, part));
  }
  return parsed.data;
}

/**
 * Validates the route parameters, then the body, against shared contracts and calls the handler
 * with what they parsed to, typed by those contracts: handlers never read `req.params` or
 * `req.body` themselves. Errors name each field's path (`params.connectorId`, `body.options.port`).
 */
export function validated<PS extends z.ZodType, BS extends z.ZodType>(
  schemas: { params: PS; body: BS },
  handler: Handler<z.output<PS>, z.output<BS>>,
): RequestHandler;
export function validated<PS extends z.ZodType>(
  schemas: { params: PS },
  handler: Handler<z.output<PS>, unknown>,
): RequestHandler;
export function validated<BS extends z.ZodType>(
  schemas: { body: BS },
  handler: Handler<unknown, z.output<BS>>,
): RequestHandler;
export function validated(
  schemas: { params?: z.ZodType; body?: z.ZodType },
  handler: Handler<unknown, unknown>,
): RequestHandler {
  const validating: RequestHandler = async (req, res) => {
    const params = schemas.params ? check('params', schemas.params, req.params) : undefined;
    const body = schemas.body ? check('body', schemas.body, req.body) : undefined;
    await handler({ params, body }, req, res);
  };
  return Object.assign(validating, { [VALIDATED_SCHEMAS]: schemas });
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
