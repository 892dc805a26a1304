import { apiErrorBodySchema, type ErrorCode, type ErrorDetail } from '@pleiade/contracts';
import { i18n } from '../i18n';

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

/** « Impossible de joindre le serveur… », in the interface's language. */
export const networkErrorMessage = (): string => i18n.t('common:api.network');
export const invalidResponseMessage = (): string => i18n.t('common:api.invalidResponse');

function fallbackMessage(status: number): string {
  if (status === 401) return i18n.t('common:api.unauthenticated');
  if (status === 403) return i18n.t('common:api.forbidden');
  if (status === 404) return i18n.t('common:api.notFound');
  if (status >= 500) return i18n.t('common:api.serverError', { status });
  return i18n.t('common:api.failed', { status });
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
 * HTML page, an empty 502) still yields a message in the interface's language and a code derived from
 * the status. The API's own messages (French) are kept as the server wrote them.
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
  return new ApiError({ status: 0, code: 'NETWORK_ERROR', message: networkErrorMessage() });
}

export function invalidResponseError(status: number, requestId: string | null): ApiError {
  return new ApiError({ status, code: 'INVALID_RESPONSE', message: invalidResponseMessage(), requestId });
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Only failures that may go away by themselves are worth retrying: never a 4xx. */
export function isTransientError(error: unknown): boolean {
  return isApiError(error) && (error.status === 0 || error.status >= 500);
}

/**
 * A readable message for any thrown value: the server's words, or the SPA's own in the interface's
 * language (a failure that never reached the server is worded again if the language changed since).
 */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    if (error.code === 'NETWORK_ERROR') return networkErrorMessage();
    return error.message;
  }
  return i18n.t('common:api.unexpected');
}
