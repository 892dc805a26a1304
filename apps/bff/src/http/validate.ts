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
