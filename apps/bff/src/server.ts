import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiErrorBody } from '@pleiade/contracts';
import pg from 'pg';
import { createClient } from 'redis';
import { createApp, type PleiadeApp } from './app.js';
import { provisionConnectors, resealConnectorSecrets } from './connector-settings/provisioning.js';
import type { LookupFunction } from './connectors/address-guard.js';
import { parseKeyring, SecretBox } from './connectors/secret-box.js';
import { OidcProvider } from './auth/oidc.js';
import type { Config, ProviderSettings } from './config.js';
import { createDb } from './db/client.js';
import { Invalidations } from './db/invalidation.js';
import { startEmbeddedPostgres } from './db/embedded.js';
import { migrate } from './db/migrate.js';
import { Metrics, startMetricsServer } from './http/metrics.js';
import type { RedisClient } from './http/session-store.js';
import type { Logger } from './logger.js';
import { startDemoApplications } from './seed/demo-applications.js';
import { resealPersonalCredentials } from './widget-data/personal-credentials.js';
import { DEMO_COLLECTIVITES, ensureCollectivites } from './seed/demo.js';
import { ensureDemoBoards } from './seed/demo-boards.js';
import { dataSourceSeedsOf, provisionDataSources } from './declarative/provisioning.js';
import { IndicatorScheduler } from './indicators/scheduler.js';
import type { IndicatorSourceRegistry } from './indicators/source.js';
import { INDICATOR_SOURCES } from './indicators/sources.js';

export const WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));
export const DEMO_CLIENT_ID = 'pleiade-demo';

export interface RunningPleiade {
  url: string;
  /** The Express app, for tests that inspect its routes, and the indicator sources it offers. */
  app: PleiadeApp;
  /** Issuer of the built-in demo IdP, when it runs. */
  devIdpIssuer: string | undefined;
  /** The database in use (tests open their own clients on it). */
  databaseUrl: string;
  /** The demo applications' simulators (Zimbra, Nextcloud, Matrix, Jitsi), when they run. */
  demoApplicationUrls: Record<string, string> | undefined;
  /** What a person trying the demo needs to know (the personal token to enter…). */
  demoApplicationNotes: string[];
  /** The Prometheus endpoint (`http://127.0.0.1:9464/metrics`), when METRICS_PORT is set. */
  metricsUrl: string | undefined;
  close(): Promise<void>;
}

/** A value generated once and kept in the data folder, so restarts keep sessions and sign-ins valid. */
async function persistedSecret<T>(file: string, create: () => Promise<T> | T): Promise<T> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as T;
  const value = await create();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(value), { mode: 0o600 });
  return value;
}

/** Seconds a client waits before asking again while Pléiade starts. */
const STARTING_RETRY_AFTER_SECONDS = 2;
const STARTING_MESSAGE = 'Pléiade démarre. Réessayez dans quelques secondes.';

/**
 * What the port answers between opening and the app being ready: 503 with Retry-After (the API's
 * JSON error body under /api/), except /healthz, which says the process is alive.
 */
function answerWhileStarting(req: http.IncomingMessage, res: http.ServerResponse): void {
  const pathname = (req.url ?? '/').split('?')[0];
  res.setHeader('Cache-Control', 'no-store');
  if (pathname === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'starting' }));
    return;
  }
  res.setHeader('Retry-After', String(STARTING_RETRY_AFTER_SECONDS));
  if (pathname?.startsWith('/api/')) {
    const body: ApiErrorBody = {
      error: { code: 'SERVICE_UNAVAILABLE', message: STARTING_MESSAGE, requestId: randomUUID() },
    };
    res.writeHead(503, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    return;
  }
  if (pathname === '/readyz') {
    res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'starting' }));
    return;
  }
  res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end(STARTING_MESSAGE);
}

/** How long a stopping instance lets the requests it has accepted finish. */
const DRAIN_MS = 10_000;

/**
 * Graceful stop (SIGTERM, a rolling restart): stop accepting connections, close the idle kept-alive
 * ones, let every accepted request finish (answers then carry `Connection: close`), then close
 * what is left after DRAIN_MS. The database and Redis close after this, so a request in flight
 * still has them.
 */
export async function drainAndClose(server: http.Server, drain: { active: boolean }): Promise<void> {
  drain.active = true;
  await new Promise<void>((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}

async function listen(server: http.Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/**
 * Starts the whole product: database (embedded unless DATABASE_URL), migrations, demo data, the
 * demo IdP (unless OIDC_ISSUER), and the BFF serving the SPA. Used by main.ts, e2e and benchmarks.
 */
/** What tests may put in place of the network edge. */
export interface PleiadeEdges {
  /** DNS for the save-time address check of connectors (default: the system's). */
  lookup?: LookupFunction;
  /** Sources of indicators (default INDICATOR_SOURCES): tests add theirs. */
  indicatorSources?: IndicatorSourceRegistry;
}

export async function startPleiade(config: Config, logger: Logger, edges: PleiadeEdges = {}): Promise<RunningPleiade> {
  const closers: (() => Promise<void>)[] = [];
  let closing = false;
  const close = async () => {
    closing = true;
    for (const closer of closers.reverse())
      await closer().catch((error: unknown) => logger.warn({ err: error }, 'shutdown step failed'));
  };
  try {
    const dataDir = path.resolve(config.embeddedDataDir);
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      logger.info({ dataDir: path.join(dataDir, 'postgres') }, 'starting embedded PostgreSQL');
      const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), databases: ['pleiade'] });
      closers.push(() => embedded.stop());
      databaseUrl = embedded.url('pleiade');
    }
    const applied = await migrate(databaseUrl);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');

    const pool = new pg.Pool({ connectionString: databaseUrl, max: 5 });
    // On Ctrl+C the embedded PostgreSQL stops at once (its own exit hook), ending idle connections:
    // expected then, and no warning for the person who pressed it.
    const onIdleError = (error: Error) =>
      closing
        ? logger.debug({ err: error }, 'database connection ended while stopping')
        : logger.warn({ err: error }, 'database connection lost');
    // An idle connection ended by the server is reported here; the pool replaces it on demand.
    pool.on('error', onIdleError);
    closers.push(() => pool.end());
    const db = createDb(databaseUrl, onIdleError);
    closers.push(() => db.$disconnect());
    await ensureCollectivites(db, [...(config.seedDemo ? DEMO_COLLECTIVITES : []), ...config.collectivites]);

    // Production requires CONNECTOR_KEYS (config.ts); elsewhere one key is generated and kept.
    const connectorSecrets = new SecretBox(
      config.connectorKeys ??
        parseKeyring(
          await persistedSecret(
            path.join(dataDir, 'connector-keys.json'),
            () => `local:${randomBytes(32).toString('base64')}`,
          ),
        ),
    );
    const resealed = await resealConnectorSecrets(db, connectorSecrets, logger);
    if (resealed > 0) logger.info({ resealed }, 'connector secrets sealed again under the current key');
    const personal = await resealPersonalCredentials(db, connectorSecrets, logger);
    if (personal.resealed > 0 || personal.unreadable > 0) {
      logger.info(personal, 'personal credentials sealed again under the current key');
    }
    const provisioned = await provisionConnectors(db, connectorSecrets, config.connectorSeeds);
    if (provisioned > 0) logger.info({ provisioned }, 'connectors from PLEIADE_CONFIG_FILE created or updated');
    await provisionDataSources(db, dataSourceSeedsOf(config.collectivites));

    let redis: RedisClient | undefined;
    if (config.redisUrl) {
      redis = createClient({ url: config.redisUrl });
      redis.on('error', (error: unknown) => logger.error({ err: error }, 'Redis error'));
      await redis.connect();
      const connected = redis;
      closers.push(async () => {
        await connected.quit();
      });
    }

    // What keeps the request path's process caches true on every instance (NOTIFY, Redis pub/sub).
    const invalidations = await Invalidations.start({
      databaseUrl,
      pool,
      ...(redis ? { redis } : {}),
      logger,
    });
    closers.push(() => invalidations.close());

    // The port opens now (the demo IdP needs the address it serves) and answers 503 until the app
    // is attached below: a request in between never waits for the start to end.
    const server = http.createServer(answerWhileStarting);
    server.keepAliveTimeout = config.keepAliveTimeoutMs;
    const port = await listen(server, config.port, config.host);
    // What the app registers (the connectors' kept-alive sockets) closes after the drain, not before it.
    const appClosers: (() => Promise<void>)[] = [];
    closers.push(async () => {
      for (const closer of appClosers.reverse()) await closer();
    });
    const drain = { active: false };
    closers.push(() => drainAndClose(server, drain));
    const publicUrl = config.publicUrl ?? `http://localhost:${port}`;

    let providers: ProviderSettings[] = config.providers;
    let devIdpIssuer: string | undefined;
    let demoApplicationUrls: Record<string, string> | undefined;
    let demoApplicationNotes: string[] = [];
    if (providers.length === 0) {
      const { startDevIdp, generateDevIdpJwks, DEMO_NEXTCLOUD_AUDIENCE } = await import('@pleiade/dev-idp');
      const secrets = await persistedSecret(path.join(dataDir, 'dev-idp.json'), async () => ({
        clientSecret: randomBytes(32).toString('base64url'),
        cookieKeys: [randomBytes(32).toString('base64url')],
        jwks: await generateDevIdpJwks(),
      }));
      const idp = await startDevIdp({
        port: config.devIdpPort,
        clients: [
          {
            clientId: DEMO_CLIENT_ID,
            clientSecret: secrets.clientSecret,
            redirectUris: [`${publicUrl}/auth/callback`],
            postLogoutRedirectUris: [`${publicUrl}/`],
            backchannelLogoutUri: `${publicUrl}/auth/backchannel-logout`,
          },
        ],
        jwks: secrets.jwks,
        cookieKeys: secrets.cookieKeys,
        tokenExchangeAudiences: [DEMO_NEXTCLOUD_AUDIENCE],
      });
      closers.push(() => idp.close());
      devIdpIssuer = idp.issuer;
      if (config.demoApplications && config.seedDemo) {
        const demo = await startDemoApplications({
          userinfoUrl: `${idp.issuer}/me`,
          nextcloudAudience: DEMO_NEXTCLOUD_AUDIENCE,
          latencyMs: config.demoApplicationsLatencyMs,
          host: '127.0.0.1',
          logger,
        });
        closers.push(() => demo.close());
        await provisionConnectors(db, connectorSecrets, demo.seeds);
        await provisionDataSources(db, demo.dataSources);
        demoApplicationUrls = demo.urls;
        demoApplicationNotes = demo.notes;
      }
      providers = [
        {
          id: 'demo',
          label: 'Compte de démonstration',
          issuer: idp.issuer,
          clientId: DEMO_CLIENT_ID,
          clientSecret: secrets.clientSecret,
          scopes: 'openid profile email groups',
          // The demo accounts include an operator of the installation.
          identity: {
            ...config.defaultIdentity,
            roleGroups: { ...config.defaultIdentity.roleGroups, operator: ['pleiade-operators'] },
          },
          collectivites: undefined,
          frontChannelSidIsSubject: false,
          idTokenSigningAlg: 'RS256',
        },
      ];
    }

    // After the demo applications: the demo template shows indicators of their data sources.
    if (config.demoBoards && (await ensureDemoBoards(db))) logger.info('demo boards of demo-a created');

    const sessionSecret =
      config.sessionSecret ??
      (await persistedSecret(path.join(dataDir, 'session-secret.json'), () => randomBytes(48).toString('base64url')));

    let metrics: Metrics | undefined;
    let metricsUrl: string | undefined;
    if (config.metricsPort !== undefined) {
      metrics = new Metrics();
      const metricsServer = await startMetricsServer(metrics, config.metricsPort, config.metricsHost);
      closers.push(() => metricsServer.close());
      metricsUrl = metricsServer.url;
      logger.info({ url: metricsUrl }, 'metrics served');
    }

    const app = createApp({
      db,
      pool,
      logger,
      providers: providers.map((settings) => new OidcProvider(settings)),
      publicUrl,
      sessionSecret,
      connectorSecrets,
      sessionPolicy: { absoluteMs: config.sessionMaxAgeMs, idleMs: config.sessionIdleMs },
      ...(redis ? { redis } : {}),
      authRateLimitPerMinute: config.authRateLimitPerMinute,
      trustProxy: config.trustProxy,
      webDistDir: WEB_DIST_DIR,
      pruneSessions: config.nodeEnv !== 'test',
      onClose: (closer) => appClosers.push(closer),
      ...(edges.lookup ? { lookup: edges.lookup } : {}),
      invalidations,
      ...(metrics ? { metrics } : {}),
      indicatorSources: edges.indicatorSources ?? INDICATOR_SOURCES,
    });
    // One scheduler per process; several instances share the indicators (scheduler.ts).
    const scheduler = new IndicatorScheduler({
      db,
      logger: logger.child({ module: 'indicators' }),
      sources: app.indicatorSources,
      intervalMs: config.indicatorTickMs,
    });
    scheduler.start();
    closers.push(() => scheduler.stop());
    server.removeListener('request', answerWhileStarting);
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      // While draining, every answer closes its connection: the balancer sends the next request elsewhere.
      if (drain.active) res.setHeader('connection', 'close');
      app(req, res);
    });
    logger.info({ port }, 'ready');
    return {
      url: publicUrl,
      databaseUrl,
      app,
      devIdpIssuer,
      demoApplicationUrls,
      demoApplicationNotes,
      metricsUrl,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
