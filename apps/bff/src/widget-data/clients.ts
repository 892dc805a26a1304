import type { ConnectorConfig } from '../connectors/connector-config.js';
import type { ConnectorSecretsView } from '../connectors/definition.js';
import { connectorOf } from '../connectors/registry.js';
import type { CircuitStatus } from '../connectors/resilience.js';
import { UpstreamClient } from '../connectors/upstream-client.js';
import type { UpstreamObserver } from '../http/metrics.js';
import type { Logger } from '../logger.js';

/** Longer than any read (its resilience deadline is 8 s). */
const RETIRE_AFTER_MS = 30_000;

/**
 * One UpstreamClient per connector instance, shared by every read of it: kept-alive sockets, one
 * circuit breaker per upstream, one SSRF policy, and the headers its kind's calls carry (from the
 * kind's definition, so every widget reading the connector gets them, whichever built the client).
 * Rebuilt when the connector's settings change (its updatedAt); all closed with the app.
 */
export class UpstreamClients {
  private readonly clients = new Map<string, { version: number; kind: string; client: UpstreamClient }>();

  constructor(
    private readonly logger: Logger,
    /** Told each call's kind, outcome and duration (the metrics), when set. */
    private readonly observer?: UpstreamObserver,
  ) {}

  /**
   * Throws ConnectorConfigError when the settings cannot make a client (bad base URL, allow-list).
   * `secrets` is required: the first caller builds the shared client, so a caller that left them out
   * would leave every later read without the kind's TLS client certificate (S²low).
   */
  get(connector: ConnectorConfig, secrets: ConnectorSecretsView): UpstreamClient {
    // A new secret (a renewed certificate) changes updatedAt too: the client is rebuilt with it.
    const version = connector.updatedAt.getTime();
    const known = this.clients.get(connector.id);
    if (known && known.version === version) return known.client;
    const implementation = connectorOf(connector.kind);
    const headers = implementation.clientHeaders;
    const maxContentLength = implementation.maxContentLength;
    const { kind } = connector;
    const observer = this.observer;
    const client = new UpstreamClient({
      instanceId: connector.id,
      baseUrl: connector.baseUrl,
      allowPrivateNetworks: connector.allowPrivateNetworks,
      ...(headers ? { headers: { ...headers } } : {}),
      ...(implementation.clientTls?.(secrets) ?? {}),
      ...(maxContentLength ? { maxContentLength } : {}),
      logger: this.logger,
      ...(observer ? { observe: (outcome, seconds) => observer(kind, outcome, seconds) } : {}),
    });
    // The previous settings' sockets: new reads go to the new client; reads still running get time to finish.
    if (known) setTimeout(() => known.client.close(), RETIRE_AFTER_MS).unref();
    this.clients.set(connector.id, { version, kind, client });
    return client;
  }

  /** The circuit of each connector instance in use (the metrics, at scrape time). */
  *circuits(): Iterable<{ kind: string; circuit: CircuitStatus }> {
    for (const { kind, client } of this.clients.values()) yield { kind, circuit: client.resilience.circuit };
  }

  close(): void {
    for (const { client } of this.clients.values()) client.close();
    this.clients.clear();
  }
}
