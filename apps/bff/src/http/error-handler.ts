import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiErrorBody } from '@pleiade/contracts';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { AppError, HTTP_STATUS } from '../errors.js';

/**
 * An error that Express, its router or body-parser raise for a request they cannot read (http-errors
 * style: a 4xx `status`, sometimes a `type`). Anything else is ours, and a 500.
 */
interface RequestReadError {
  status: number;
  type?: unknown;
  code?: unknown;
}

function isRequestReadError(error: unknown): error is RequestReadError {
  if (typeof error !== 'object' || error === null || !('status' in error)) return false;
  const { status } = error;
  return typeof status === 'number' && status >= 400 && status < 500;
}

const INVALID_REQUEST = 'La requête est invalide.';

/** Turns what the HTTP layer could not read into domain errors with French messages: never a 500. */
function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (!isRequestReadError(error)) return undefined;
  if (error.type === 'entity.too.large' || error.type === 'parameters.too.many' || error.status === 413) {
    return new AppError('PAYLOAD_TOO_LARGE', 'La requête est trop volumineuse.');
  }
  if (error.type === 'entity.parse.failed')
    return new AppError('VALIDATION_FAILED', 'Le corps de la requête n’est pas un JSON valide.');
  if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported' || error.status === 415) {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Encodage de la requête non pris en charge.');
  }
  // A body that is not in the Content-Encoding it announces (zlib and brotli codes start with Z_ or ERR_).
  if (typeof error.code === 'string' && /^(Z_|ERR_(ZLIB|BROTLI|BUFFER|INVALID_ARG))/.test(error.code)) {
    return new AppError('VALIDATION_FAILED', 'Le corps de la requête ne correspond pas à l’encodage qu’elle annonce.');
  }
  // The router could not decode a path parameter (%E0%A4%A…).
  if (error instanceof URIError) return new AppError('VALIDATION_FAILED', 'L’adresse de la requête est mal encodée.');
  if (error.status === 403) return new AppError('FORBIDDEN', 'Requête refusée.');
  if (error.status === 404) return new AppError('NOT_FOUND', 'Cette adresse de l’API n’existe pas.');
  if (error.status === 429) return new AppError('TOO_MANY_REQUESTS', 'Trop de requêtes : réessayez dans un instant.');
  // Cut short (request.aborted), a Content-Length that lies (request.size.invalid)…
  return new AppError('VALIDATION_FAILED', INVALID_REQUEST);
}

/** How long a client should wait before trying again when the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The one place where errors become HTTP responses: a stable JSON body with the request id. */
export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  let appError = toAppError(error);
  if (!appError && isDatabaseUnavailable(error)) {
    req.log.warn({ err: error }, 'database unavailable');
    appError = new AppError(
      'SERVICE_UNAVAILABLE',
      'Pléiade ne peut pas joindre sa base de données pour le moment. Réessayez dans quelques secondes.',
    );
    res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
  }
  appError ??= new AppError('INTERNAL', 'Une erreur inattendue est survenue.');
  if (appError.code === 'INTERNAL') req.log.error({ err: error }, 'unhandled error');
  const body: ApiErrorBody = {
    error: {
      code: appError.code,
      message: appError.message,
      requestId: String(req.id),
      ...(appError.details ? { details: appError.details } : {}),
    },
  };
  res.status(HTTP_STATUS[appError.code]).json(body);
};

export const apiNotFound: RequestHandler = (_req, _res, next) => {
  next(new AppError('NOT_FOUND', 'Cette adresse de l’API n’existe pas.'));
};
