import { apiErrorBodySchema, type ErrorCode, type ErrorDetail } from '@pleiade/contracts';

/** Codes of the API plus the two failures that happen before the API could answer. */
export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR' | 'INVALID_RESPONSE';

export interface ApiErrorInit {
  status: number;
  code: ApiErrorCode;
  message: string;
  details?: ErrorDetail[];
  requestId?: string | null;
}

/** Every failed API call becomes one of these: the UI never deals with raw responses. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: ErrorDetail[];
  /** Correlation id to quote to support; null when the server gave none. */
  readonly requestId: string | null;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    this.requestId = init.requestId ?? null;
  }
}

export const NETWORK_ERROR_MESSAGE =
  'Impossible de joindre le serveur de Pléiade. Vérifiez votre connexion puis réessayez.';
export const INVALID_RESPONSE_MESSAGE = 'Le serveur a renvoyé une réponse inattendue. Réessayez dans un instant.';

function fallbackMessage(status: number): string {
  if (status === 401) return "Vous n'êtes pas connecté.";
  if (status === 403) return "Vous n'avez pas le droit de faire cette action.";
  if (status === 404) return 'Ressource introuvable.';
  if (status >= 500) return `Le serveur a rencontré une erreur (HTTP ${status}). Réessayez dans un instant.`;
  return `La requête a échoué (HTTP ${status}).`;
}

function fallbackCode(status: number): ApiErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'BOARD_VERSION_CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 400 || status === 422) return 'VALIDATION_FAILED';
  if (status === 503) return 'SERVICE_UNAVAILABLE';
  return status >= 500 ? 'INTERNAL' : 'INVALID_RESPONSE';
}

/**
 * Builds the typed error of a non-2xx response. A body that is not the API's error shape (a proxy's
 * HTML page, an empty 502) still yields a French message and a code derived from the status.
 */
export function apiErrorFromResponse(status: number, body: unknown, headerRequestId: string | null = null): ApiError {
  const parsed = apiErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details, requestId } = parsed.data.error;
    return new ApiError({ status, code, message, details: details ?? [], requestId });
  }
  return new ApiError({
    status,
    code: fallbackCode(status),
    message: fallbackMessage(status),
    requestId: headerRequestId,
  });
}

export function networkError(): ApiError {
  return new ApiError({ status: 0, code: 'NETWORK_ERROR', message: NETWORK_ERROR_MESSAGE });
}

export function invalidResponseError(status: number, requestId: string | null): ApiError {
  return new ApiError({ status, code: 'INVALID_RESPONSE', message: INVALID_RESPONSE_MESSAGE, requestId });
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Only failures that may go away by themselves are worth retrying: never a 4xx. */
export function isTransientError(error: unknown): boolean {
  return isApiError(error) && (error.status === 0 || error.status >= 500);
}

/** A readable French message for any thrown value. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  return 'Une erreur inattendue est survenue.';
}
