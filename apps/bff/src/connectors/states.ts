import type { ConnectorAuthMode, WidgetFailureStatus } from '@pleiade/contracts';

/**
 * What a widget gets from one upstream read: data, or one of a few failure states with a French
 * message written for people. Messages live here only; no upstream error text, URL or secret is
 * ever put in them (the technical reason goes to logs and to the "tester la connexion" result).
 */

/** The failure states of the contracts (`WIDGET_FAILURE_STATUSES`), the one list of them. */
export type FailureStatus = WidgetFailureStatus;

export interface OkState<T> {
  status: 'ok';
  data: T;
  /** ISO 8601 instant the data was read from the upstream. */
  fetchedAt: string;
  /** True when served from the cache after its freshness ended (stale-while-revalidate). */
  stale: boolean;
}

export interface FailureState {
  status: FailureStatus;
  message: string;
}

export type WidgetState<T> = OkState<T> | FailureState;

export const FAILURE_MESSAGES: Readonly<Record<FailureStatus, string>> = {
  not_configured: 'Application à configurer : demandez à votre administrateur de la relier à Pléiade.',
  credentials_missing:
    'Reliez votre compte à cette application : saisissez un mot de passe d’application (ou un jeton) dans vos applications connectées.',
  credentials_refused: 'Identifiants refusés par l’application : reconnectez-vous ou contactez votre administrateur.',
  unreachable: 'Application injoignable pour le moment.',
  timeout: 'Délai dépassé : l’application met trop de temps à répondre.',
  invalid_response: 'Réponse invalide de l’application.',
  circuit_open: 'Service momentanément suspendu après plusieurs erreurs ; nouvel essai dans quelques instants.',
};

/**
 * What to do when the application refuses the credential depends on where it came from: signing
 * in again renews a session token, but not a token the person typed or Pléiade's own account.
 */
const REFUSED_BY_MODE: Readonly<Record<ConnectorAuthMode, string>> = {
  oidc_token: 'L’application n’a pas accepté votre connexion : déconnectez-vous de Pléiade puis reconnectez-vous.',
  token_exchange: 'L’application n’a pas accepté votre connexion : déconnectez-vous de Pléiade puis reconnectez-vous.',
  zimbra_preauth: 'L’application ne reconnaît pas votre compte : prévenez votre administrateur.',
  personal_secret:
    'L’application a refusé le mot de passe d’application (ou le jeton) enregistré : saisissez-en un nouveau.',
  service_account: 'L’application a refusé le compte de service de Pléiade : prévenez votre administrateur.',
  none: 'L’application a refusé l’accès : prévenez votre administrateur.',
};

/** The message of a failure for a connector using `authMode`. */
export function failureMessage(status: FailureStatus, authMode?: ConnectorAuthMode): string {
  return status === 'credentials_refused' && authMode ? REFUSED_BY_MODE[authMode] : FAILURE_MESSAGES[status];
}

export function okState<T>(data: T, fetchedAt: Date = new Date(), stale = false): OkState<T> {
  return { status: 'ok', data, fetchedAt: fetchedAt.toISOString(), stale };
}

export function failureState(status: FailureStatus): FailureState {
  return { status, message: FAILURE_MESSAGES[status] };
}

export function isOk<T>(state: WidgetState<T>): state is OkState<T> {
  return state.status === 'ok';
}

/**
 * A failed upstream call, thrown inside the connector layer and turned into a {@link FailureState}
 * at its edge. `reason` is a short technical code for logs and the connection test (`HTTP_503`,
 * `ECONNREFUSED`, `TLS`, `ADDRESS_REFUSED`…): never a URL, an upstream message or a secret.
 * `transient` failures are worth a retry and count towards opening the circuit breaker.
 */
export class UpstreamError extends Error {
  constructor(
    readonly status: FailureStatus,
    readonly reason: string,
    readonly transient = false,
  ) {
    super(`${status} (${reason})`);
    this.name = 'UpstreamError';
  }
}

/** Any error to the state a widget shows; an unexpected error counts as an unreachable app. */
export function toFailureState(error: unknown): FailureState {
  return failureState(error instanceof UpstreamError ? error.status : 'unreachable');
}

/** The technical reason of an error, safe to log (no message text from outside this module). */
export function failureReason(error: unknown): string {
  if (error instanceof UpstreamError) return error.reason;
  return error instanceof Error ? error.name : 'UNKNOWN';
}
