import type { ErrorCode, ErrorDetail } from '@pleiade/contracts';

/** A domain error: carries a stable code; the HTTP layer alone decides the status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  BOARD_VERSION_CONFLICT: 409,
  CONNECTOR_LABEL_TAKEN: 409,
  BOARD_LIMIT_REACHED: 409,
  LAST_PERSONAL_BOARD: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};
