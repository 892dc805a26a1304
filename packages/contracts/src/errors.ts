import { z } from 'zod';

/** Stable error codes of the API; the HTTP status is derived from the code by the BFF. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  /** The session ended (idle timeout, lifetime, refused token refresh, logout elsewhere). */
  'SESSION_EXPIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'VALIDATION_FAILED',
  'BOARD_VERSION_CONFLICT',
  /** Another connector of the collectivité has this label. */
  'CONNECTOR_LABEL_TAKEN',
  /** The person already owns as many boards as allowed (MAX_PERSONAL_BOARDS). */
  'BOARD_LIMIT_REACHED',
  /** A person keeps at least one board of their own. */
  'LAST_PERSONAL_BOARD',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'TOO_MANY_REQUESTS',
  'INTERNAL',
  /** A dependency (the database) cannot be reached for now: try again after Retry-After. */
  'SERVICE_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorDetailSchema = z.object({ path: z.string(), message: z.string() });
export type ErrorDetail = z.infer<typeof errorDetailSchema>;

/** Body of every non-2xx API response. */
export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    requestId: z.string(),
    details: z.array(errorDetailSchema).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
