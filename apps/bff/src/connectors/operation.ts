import type {
  ConnectedWidgetKind,
  ConnectorKind,
  CredentialTypeOf,
  UpstreamCredentialType,
  WidgetDataOf,
  WidgetInstance,
} from '@pleiade/contracts';
import type { Logger } from '../logger.js';
import type { ConnectorConfig, ConnectorConfigOf } from './connector-config.js';
import type { UpstreamClient } from './upstream-client.js';

/**
 * The contract between the widget data route (which finds the widget, its connector and the
 * person's credential) and each application's connector folder (which knows the upstream's API).
 */

/** How the BFF authenticates to an upstream for one person, one shape per UPSTREAM_CREDENTIAL_TYPES. */
export type UpstreamCredential =
  /** `Authorization: Bearer` — the person's OIDC access token, an exchanged token, or a personal token. */
  | { type: 'bearer'; token: string }
  /** `Authorization: Basic` (HTTP) or LOGIN (IMAP) — a personal app password or a service account. */
  | { type: 'basic'; username: string; password: string }
  /** Zimbra domain pre-authentication: the key stays in the BFF, the reader caches the auth token. */
  | { type: 'zimbra_preauth'; account: string; preauthKey: string }
  /** Matrix application service acting for the person (`user_id` assertion). */
  | { type: 'matrix_appservice'; asToken: string; userId: string }
  /** Nothing to send (a public Jitsi). */
  | { type: 'none' };

export type CredentialOfType<T extends UpstreamCredentialType> = Extract<UpstreamCredential, { type: T }>;

/** Every credential type of the contracts has its shape here (this fails to compile otherwise). */
export const CREDENTIAL_SHAPES_COVERED: {
  [T in UpstreamCredentialType]: [CredentialOfType<T>] extends [never] ? never : true;
} = { bearer: true, basic: true, zimbra_preauth: true, matrix_appservice: true, none: true };

/** The credentials kind K's operations may receive: those its modes name in its definition. */
export type CredentialOf<K extends ConnectorKind> = { [P in K]: CredentialOfType<CredentialTypeOf<P>> }[K];

/** The signed-in person, as upstreams identify them. Taken from the session only. */
export interface TargetUser {
  userId: string;
  /** Login at upstreams: preferred_username when the provider sends it, else the e-mail's local part. */
  login: string;
  email: string | null;
  displayName: string;
}

/** What an operation of kind K gets: its connector's typed settings and the credentials K's modes send. */
export interface KindOperationContext<K extends ConnectorKind> {
  connector: ConnectorConfigOf<K>;
  /** One per connector instance: keep-alive sockets, breaker and SSRF guard shared by all reads. */
  client: UpstreamClient;
  user: TargetUser;
  credential: CredentialOf<K>;
  signal: AbortSignal;
  now: Date;
  /** The request's logger (request id, person, collectivité) with the connector's id. */
  logger: Logger;
}

/** The context of an operation of kind K; of any kind, a union discriminated by `connector.kind`. */
export type OperationContext<K extends ConnectorKind = ConnectorKind> = { [P in K]: KindOperationContext<P> }[K];

/** A context as the route builds it, before the registry hands it to the operation of the row's own kind. */
export interface AnyOperationContext {
  connector: ConnectorConfig;
  client: UpstreamClient;
  user: TargetUser;
  credential: UpstreamCredential;
  signal: AbortSignal;
  now: Date;
  logger: Logger;
}

export type WidgetOptionsOf<W extends ConnectedWidgetKind> = Extract<WidgetInstance, { kind: W }>['options'];

/**
 * Reads a widget's data from one kind of upstream. Throws UpstreamError (states.ts) on failure;
 * returns data already shaped by the contract (links made absolute and http(s) only).
 */
export type WidgetOperation<W extends ConnectedWidgetKind, K extends ConnectorKind = ConnectorKind> = (
  context: OperationContext<K>,
  options: WidgetOptionsOf<W>,
) => Promise<WidgetDataOf<W>>;
