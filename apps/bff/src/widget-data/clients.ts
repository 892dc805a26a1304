import { UpstreamClient } from '../connectors/upstream-client.js';
import type { Logger } from '../logger.js';

/** Longer than any read (its resilience deadline is 8 s). */
const RETIRE_AFTER_MS = 30_000;

export interface ClientSettings {
  id: string;
  baseUrl: string;
  allowPrivateNetworks: readonly string[];
  /** The row's updatedAt: a changed connector (URL, allow-list…) gets a new client. */
  updatedAt: Date;
}

/**
 * One UpstreamClient per connector instance, shared by every read of it: kept-alive sockets, one
 * circuit breaker per upstream, one SSRF policy. Rebuilt when the connector's settings change;
 * all closed with the app.
 */
export class UpstreamClients {
  private readonly clients = new Map<string, { version: number; client: UpstreamClient }>();

  constructor(private readonly logger: Logger) {}

  /** Throws ConnectorConfigError when the settings cannot make a client (bad base URL, allow-list). */
  get(settings: ClientSettings, headers?: Record<string, string>): UpstreamClient {
    const version = settings.updatedAt.getTime();
    const known = this.clients.get(settings.id);
    if (known && known.version === version) return known.client;
    const client = new UpstreamClient({
      instanceId: settings.id,
      baseUrl: settings.baseUrl,
      allowPrivateNetworks: settings.allowPrivateNetworks,
      ...(headers ? { headers } : {}),
      logger: this.logger,
    });
    // The previous settings' sockets: new reads go to the new client; reads still running get time to finish.
    if (known) setTimeout(() => known.client.close(), RETIRE_AFTER_MS).unref();
    this.clients.set(settings.id, { version, client });
    return client;
  }

  close(): void {
    for (const { client } of this.clients.values()) client.close();
    this.clients.clear();
  }
}
