import type {
  AuthModeOf,
  ConnectedWidgetKind,
  ConnectorAuthMode,
  ConnectorKind,
  CredentialTypeOf,
  FedWidgetOf,
  SecretNameOf,
  WidgetDataOf,
} from '@pleiade/contracts';
import type { ActionableItem } from './actionable.js';
import type { ConnectorConfigOf } from './connector-config.js';
import type { ConnectorConfig } from './connector-config.js';
import type {
  AnyOperationContext,
  CredentialOfType,
  OperationContext,
  TargetUser,
  UpstreamCredential,
  WidgetOptionsOf,
} from './operation.js';
import type { SecretValue } from './secret-box.js';
import type { ClientCertificate } from './upstream-client.js';
import type { FailureStatus } from './states.js';

/**
 * The BFF side of a connector kind, one per folder (`<kind>/index.ts`), typed against the kind's
 * definition in the contracts: an operation for every widget it feeds, a credential adapter for
 * every auth mode it uses (producing the credential that mode names), its connection test and the
 * headers of its client. registry.ts gathers them in a record keyed by ConnectorKind.
 */

/**
 * Widgets the route composes itself rather than read from one connector: the visio widget is
 * the agenda's events on the collectivité's Jitsi, plus « Démarrer une visio » (jitsi/jitsi.ts).
 */
export type ComposedWidgetKind = 'visio';
export type ReadableWidgetKind = Exclude<ConnectedWidgetKind, ComposedWidgetKind>;
/** The widgets kind K reads itself. */
export type ReadableWidgetOf<K extends ConnectorKind> = Exclude<FedWidgetOf<K>, ComposedWidgetKind>;

export interface OperationEntry<W extends ReadableWidgetKind, K extends ConnectorKind = ConnectorKind> {
  /**
   * Reads the widget from kind K (method syntax on purpose: the registry is read by the row's own
   * kind, so generic code may hold this entry as an entry of any kind).
   */
  read(context: OperationContext<K>, options: WidgetOptionsOf<W>): Promise<WidgetDataOf<W>>;
  /**
   * Whose data: 'user', or 'collectivite' when every member gets the same answer (e.g. a
   * Nextcloud dashboard widget read with the service account) — the cache key's scope.
   */
  scope(connector: ConnectorConfigOf<K>): 'user' | 'collectivite';
  /** Freshness of a cached read (ms). */
  ttlMs: number;
  /**
   * Whether the widget's options may be read from this connector for anyone of its collectivité
   * (a Pastell entity of the connector's): false answers 403 before any credential or call.
   */
  admit?(connector: ConnectorConfigOf<K>, options: WidgetOptionsOf<W>): boolean;
}

/** A connector's opened secrets, by name. */
export type ConnectorSecretsView = { readonly [name: string]: SecretValue | undefined };

/** What a kind adds to its client's TLS: a client certificate, a private CA for the server. */
export interface ClientTls {
  clientCertificate?: ClientCertificate;
  ca?: string;
}

/** The session side of a read: whose tokens, from which provider. */
export interface SessionTokens {
  sessionId: string;
  providerId: string | undefined;
  accessToken: string | undefined;
}

/** A person's own app password or token (table user_connector_credential), opened. */
export interface PersonalSecret {
  /** Login at the application when the person gave one. */
  username: string | null;
  secret: SecretValue;
  /** Changes at every new secret: part of the cache key, so reads made with an older one are not served. */
  updatedAt: Date;
}

export type CredentialResolution<C extends UpstreamCredential = UpstreamCredential> =
  | {
      ok: true;
      credential: C;
      /** Changes when the person's own secret changes; part of the cache key. */
      version?: string;
    }
  | { ok: false; status: FailureStatus };

/** What an auth mode gives a kind's adapter to build its credential from. */
export interface CredentialInput<K extends ConnectorKind = ConnectorKind, Secret extends string = string> {
  connector: ConnectorConfigOf<K>;
  /** The connector's secrets this mode reads (its definition names them), opened; undefined when not set. */
  secrets: { readonly [N in Secret]: SecretValue | undefined };
  /** The person, from the session only. */
  user: TargetUser;
  session: SessionTokens;
  /** The person's own secret (personal_secret), read from the database only when asked. */
  personal(): Promise<PersonalSecret | undefined>;
  /** A token for this application from the person's provider (token_exchange, RFC 8693). */
  exchange(): Promise<CredentialResolution<CredentialOfType<'bearer'>>>;
}

export type CredentialOfMode<K extends ConnectorKind, M extends AuthModeOf<K>> = CredentialOfType<
  CredentialTypeOf<K, M>
>;

/** Turns what mode M gives into the credential kind K's definition says M sends. */
export interface CredentialAdapter<K extends ConnectorKind, M extends AuthModeOf<K>> {
  /** Never throws for a missing or unusable credential: answers the failure state instead. */
  resolve(
    input: CredentialInput<K, SecretNameOf<K, M>>,
  ): CredentialResolution<CredentialOfMode<K, M>> | Promise<CredentialResolution<CredentialOfMode<K, M>>>;
}

/**
 * The person's actionable items in kind K's application, for « À traiter » (issue 10): kinds that
 * hold none leave it out. The entry answers for the signed-in person only (filtered by the BFF when
 * the upstream is read with a technical account).
 */
export interface ActionItemsEntry<K extends ConnectorKind> {
  read(context: OperationContext<K>): Promise<ActionableItem[]>;
  /** Freshness of a cached answer (ms). */
  ttlMs: number;
}

export interface ConnectorImplementation<K extends ConnectorKind> {
  /** How to read each widget the kind feeds (a widget its definition lists but this lacks does not compile). */
  readonly operations: { readonly [W in ReadableWidgetOf<K>]: OperationEntry<W, K> };
  /** One adapter per auth mode its definition lists. */
  readonly credentials: { readonly [M in AuthModeOf<K>]: CredentialAdapter<K, M> };
  /**
   * « Tester la connexion »: a path the application answers without credentials (Nextcloud's
   * status, Matrix's versions), or '/' for its web page.
   */
  readonly probePath: string;
  /** Headers every call to this kind of upstream carries (one client per connector, shared by its widgets). */
  readonly clientHeaders?: Readonly<Record<string, string>>;
  /** TLS settings of its client from the connector's sealed secrets (S2low's client certificate). */
  clientTls?(secrets: ConnectorSecretsView): ClientTls;
  /** Largest answer read from this kind of upstream (bytes), when smaller than the client's default. */
  readonly maxContentLength?: number;
  /** What the person has to do there (« À traiter »); absent for kinds that hold nothing to do. */
  readonly actionItems?: ActionItemsEntry<K>;
  /**
   * Run in the background at sign-in: obtains what the person's first read would otherwise wait
   * for (a session at the application, e.g. Zimbra's auth token). Its failures are only logged.
   */
  prepare?(context: OperationContext<K>): Promise<void>;
}

/** An adapter of any kind and mode, as the credential resolver holds it. */
export interface AnyCredentialAdapter {
  resolve(input: CredentialInput): CredentialResolution | Promise<CredentialResolution>;
}

/** An operation entry as the route holds it (looked up by the parsed row's own kind). */
export interface AnyOperationEntry<W extends ReadableWidgetKind> {
  read(context: AnyOperationContext, options: WidgetOptionsOf<W>): Promise<WidgetDataOf<W>>;
  scope(connector: ConnectorConfig): 'user' | 'collectivite';
  ttlMs: number;
  admit?(connector: ConnectorConfig, options: WidgetOptionsOf<W>): boolean;
}

/** A kind's implementation seen by generic code, which looks it up by the parsed row's own kind. */
export interface RegisteredConnector {
  readonly operations: { readonly [W in ReadableWidgetKind]?: AnyOperationEntry<W> };
  readonly credentials: { readonly [M in ConnectorAuthMode]?: AnyCredentialAdapter };
  readonly probePath: string;
  readonly clientHeaders?: Readonly<Record<string, string>>;
  clientTls?(secrets: ConnectorSecretsView): ClientTls;
  readonly maxContentLength?: number;
  readonly actionItems?: {
    read(context: AnyOperationContext): Promise<ActionableItem[]>;
    ttlMs: number;
  };
  prepare?(context: AnyOperationContext): Promise<void>;
}
