import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiErrorBody } from '@pleiade/contracts';
import { AppError, HTTP_STATUS } from '../errors.js';

interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error;
}

/** Turns body-parser's own errors into domain errors with French messages. */
function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (!isBodyParserError(error)) return undefined;
  if (error.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', 'La requête est trop volumineuse.');
  if (error.type === 'entity.parse.failed')
    return new AppError('VALIDATION_FAILED', 'Le corps de la requête n’est pas un JSON valide.');
  if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Encodage de la requête non pris en charge.');
  }
  return undefined;
}

/** The one place where errors become HTTP responses: a stable JSON body with the request id. */
export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const appError = toAppError(error) ?? new AppError('INTERNAL', 'Une erreur inattendue est survenue.');
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
