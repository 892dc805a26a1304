import type {
  ConnectedWidgetKind,
  ConnectorAuthMode,
  ConnectorKind,
  WidgetDataOf,
  WidgetInstance,
} from '@pleiade/contracts';
import type { Logger } from '../logger.js';
import type { UpstreamClient } from './upstream-client.js';

/**
 * The contract between the widget data route (which finds the widget, its connector and the
 * person's credential) and each application's connector folder (which knows the upstream's API).
 */

/** How the BFF authenticates to an upstream for one person, resolved from the connector's auth mode. */
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

/** One configured upstream of the person's collectivité (secrets already opened, never logged). */
export interface ConnectorConfig {
  id: string;
  kind: ConnectorKind;
  label: string;
  baseUrl: string;
  authMode: ConnectorAuthMode;
  /** Validated by CONNECTOR_OPTIONS[kind]. */
  options: Record<string, unknown>;
  allowPrivateNetworks: readonly string[];
}

/** The signed-in person, as upstreams identify them. Taken from the session only. */
export interface TargetUser {
  userId: string;
  /** Login at upstreams: preferred_username when the provider sends it, else the e-mail's local part. */
  login: string;
  email: string | null;
  displayName: string;
}

export interface OperationContext {
  connector: ConnectorConfig;
  /** One per connector instance: keep-alive sockets, breaker and SSRF guard shared by all reads. */
  client: UpstreamClient;
  user: TargetUser;
  credential: UpstreamCredential;
  signal: AbortSignal;
  now: Date;
  logger?: Logger;
}

export type WidgetOptionsOf<K extends ConnectedWidgetKind> = Extract<WidgetInstance, { kind: K }>['options'];

/**
 * Reads a widget's data from one kind of upstream. Throws UpstreamError (states.ts) on failure;
 * returns data already shaped by the contract (links made absolute and http(s) only).
 */
export type WidgetOperation<K extends ConnectedWidgetKind> = (
  context: OperationContext,
  options: WidgetOptionsOf<K>,
) => Promise<WidgetDataOf<K>>;
