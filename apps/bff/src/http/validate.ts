import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { AppError } from '../errors.js';

export function issuesToDetails(issues: z.core.$ZodIssue[], prefix: string) {
  return issues.slice(0, 50).map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

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
  return async (req, res) => {
    const params = schemas.params ? check('params', schemas.params, req.params) : undefined;
    const body = schemas.body ? check('body', schemas.body, req.body) : undefined;
    await handler({ params, body }, req, res);
  };
}
