import type { ConnectorConfig } from '../connectors/connector-config.js';
import { connectorOf } from '../connectors/registry.js';
import { UpstreamClient } from '../connectors/upstream-client.js';
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
  private readonly clients = new Map<string, { version: number; client: UpstreamClient }>();

  constructor(private readonly logger: Logger) {}

  /** Throws ConnectorConfigError when the settings cannot make a client (bad base URL, allow-list). */
  get(connector: ConnectorConfig): UpstreamClient {
    const version = connector.updatedAt.getTime();
    const known = this.clients.get(connector.id);
    if (known && known.version === version) return known.client;
    const { clientHeaders: headers, maxContentLength } = connectorOf(connector.kind);
    const client = new UpstreamClient({
      instanceId: connector.id,
      baseUrl: connector.baseUrl,
      allowPrivateNetworks: connector.allowPrivateNetworks,
      ...(headers ? { headers: { ...headers } } : {}),
      ...(maxContentLength ? { maxContentLength } : {}),
      logger: this.logger,
    });
    // The previous settings' sockets: new reads go to the new client; reads still running get time to finish.
    if (known) setTimeout(() => known.client.close(), RETIRE_AFTER_MS).unref();
    this.clients.set(connector.id, { version, client });
    return client;
  }

  close(): void {
    for (const { client } of this.clients.values()) client.close();
    this.clients.clear();
  }
}
