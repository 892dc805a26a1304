import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import session from 'express-session';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { RedisStore as RedisRateLimitStore } from 'rate-limit-redis';
import { Passport } from 'passport';
import type pg from 'pg';
import { identityRoutes } from './apps/routes.js';
import { authRoutes } from './auth/routes.js';
import type { OidcProvider } from './auth/oidc.js';
import { LoginStateCookie } from './auth/login-state.js';
import { logoutChannelRoutes } from './auth/logout-channels.js';
import { pageLanguageOf, PROBLEM_PAGE_CSS, renderAuthProblemPage } from './auth/problem-page.js';
import { SessionIndex } from './auth/session-index.js';
import { enforceSessionPolicy, TokenKeeper, type SessionPolicy } from './auth/session-layer.js';
import { TokenVault } from './auth/token-vault.js';
import { boardRoutes } from './boards/routes.js';
import { sharedBoardRoutes } from './boards/shared-routes.js';
import { announcementRoutes } from './announcements/routes.js';
import { connectorRoutes } from './connector-settings/routes.js';
import type { LookupFunction } from './connectors/address-guard.js';
import { ConnectorCache, MemoryCacheBackend, RedisCacheBackend } from './connectors/cache.js';
import type { SecretBox } from './connectors/secret-box.js';
import type { Db } from './db/client.js';
import { createHotPath } from './db/hot-path.js';
import { answerAfterOwnWrites } from './http/own-writes.js';
import type { Invalidations } from './db/invalidation.js';
import { pendingMigrations } from './db/migrate.js';
import { serveOpenApi } from './http/api-routes.js';
import { apiNotFound, errorHandler } from './http/error-handler.js';
import { INDICATOR_SOURCES, indicatorSourceRegistry } from './indicators/sources.js';
import { indicatorRoutes } from './indicators/routes.js';
import type { IndicatorSourceRegistry } from './indicators/source.js';
import { connectorIndicatorSources } from './indicators/connector-sources.js';
import { requireJsonBody, requireSameOriginMutation, requireSignedIn } from './http/guards.js';
import type { Metrics } from './http/metrics.js';
import { logPrincipal, requestLog } from './http/request-log.js';
import { createSessionStore, ReadThroughSessionStore, type RedisClient } from './http/session-store.js';
import { requireStorableText } from './http/validate.js';
import type { Logger } from './logger.js';
import { lookRoutes } from './look/routes.js';
import { UpstreamClients } from './widget-data/clients.js';
import { TokenExchanger } from './widget-data/credentials.js';
import { prepareAtSignIn, widgetDataRoutes, type WidgetDataRouteDeps } from './widget-data/routes.js';
import { declarativeRoutes } from './declarative/routes.js';

export interface AppDependencies {
  db: Db;
  /** Pool for the session store and readiness checks. */
  pool: pg.Pool;
  logger: Logger;
  providers: OidcProvider[];
  publicUrl: string;
  sessionSecret: string;
  /** Seals connector secrets (CONNECTOR_KEYS). */
  connectorSecrets: SecretBox;
  sessionPolicy: SessionPolicy;
  /** Shared Redis (sessions, rate limits), when configured. */
  redis?: RedisClient;
  authRateLimitPerMinute: number;
  trustProxy: number | string[];
  /** Built SPA to serve on the same origin; absent in API-only tests. */
  webDistDir?: string;
  /** Off in tests, so no timer outlives them. */
  pruneSessions?: boolean;
  /** Registers what must be released when the product stops (the connectors' kept-alive sockets). */
  onClose?: (closer: () => Promise<void>) => void;
  /** DNS for the save-time address check of connectors; tests answer from a table (no network). */
  lookup?: LookupFunction;
  /**
   * The messages that keep the request path's process caches true on every instance (db/invalidation.ts).
   * Absent: no process cache, every request reads the stores.
   */
  invalidations?: Invalidations;
  /** Prometheus metrics (METRICS_PORT): requests, upstream calls, cache, circuits. Absent: none kept. */
  metrics?: Metrics;
  /**
   * Where indicators read their numbers besides the collectivité's connectors (default
   * INDICATOR_SOURCES); tests add their own.
   */
  indicatorSources?: IndicatorSourceRegistry;
}

/** The app, and the indicator sources it offers: the scheduler reads with the same registry. */
export type PleiadeApp = Express & { indicatorSources: IndicatorSourceRegistry };

/**
 * Largest JSON body read. A valid board is at most 200 kB (MAX_BOARD_BYTES); the margin lets an
 * oversized but well-formed board be parsed and refused with field paths (400) rather than 413.
 */
export const JSON_BODY_LIMIT = '2mb';

function redisRateLimitStore(redis: RedisClient) {
  return new RedisRateLimitStore({
    prefix: 'pleiade:rl:',
    sendCommand: (...args: string[]) => redis.sendCommand(args),
  });
}

export function createApp(deps: AppDependencies): PleiadeApp {
  const app = express();
  const secure = deps.publicUrl.startsWith('https:');
  // __Host- binds the cookie to this exact origin, but browsers accept it only over https.
  const sessionCookieName = secure ? '__Host-pleiade' : 'pleiade.sid';
  const sessionCookieOptions = { httpOnly: true, sameSite: 'lax', secure, path: '/' } as const;
  const issuerOrigins = [...new Set(deps.providers.map((provider) => new URL(provider.settings.issuer).origin))];

  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  if (deps.metrics) app.use(deps.metrics.middleware(app));
  app.use(requestLog(deps.logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // react-grid-layout positions widgets with style attributes.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          // Sign-out posts here, then redirects to the provider's end-session endpoint.
          formAction: ["'self'", ...issuerOrigins],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          upgradeInsecureRequests: secure ? [] : null,
        },
      },
      strictTransportSecurity: secure,
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (req, res) => {
    try {
      const pending = await pendingMigrations(deps.pool);
      if (pending.length > 0) {
        res.status(503).json({ status: 'migrations-pending', pending });
        return;
      }
      res.json({ status: 'ready' });
    } catch (error) {
      req.log.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'database-unreachable' });
    }
  });

  const hot = createHotPath(deps.invalidations);
  const backingStore = createSessionStore({
    pool: deps.pool,
    ...(deps.redis ? { redis: deps.redis } : {}),
    pruneSessions: deps.pruneSessions !== false,
  });
  const store = deps.invalidations
    ? new ReadThroughSessionStore(backingStore, hot.sessions, deps.invalidations, deps.redis !== undefined)
    : backingStore;
  const index = new SessionIndex(deps.db, store);
  app.use(
    session({
      name: sessionCookieName,
      secret: deps.sessionSecret,
      store,
      resave: false,
      saveUninitialized: false,
      rolling: false,
      // The cookie and the stored session end together, at the absolute lifetime.
      cookie: { ...sessionCookieOptions, maxAge: deps.sessionPolicy.absoluteMs },
    }),
  );
  app.use(enforceSessionPolicy(deps.sessionPolicy, (sessionId) => index.forget(sessionId)));
  // One authenticator per app (not passport's global one), so two apps in one process never share
  // serializers or strategies (tests, benchmarks).
  const authenticator = new Passport();
  // compat: false, no req._passport: that is for strategies of passport 0.4, which Pléiade has none of.
  app.use(authenticator.initialize({ compat: false }));
  app.use(authenticator.session());
  const providersById = new Map(deps.providers.map((provider) => [provider.settings.id, provider]));
  const tokenKeeper = new TokenKeeper(new TokenVault(deps.sessionSecret), providersById, deps.logger);
  // Upstream reads: one client per connector instance, one cache shared by the instances through Redis.
  const upstreamClients = new UpstreamClients(deps.logger, deps.metrics?.observeUpstream);
  deps.onClose?.(async () => upstreamClients.close());
  const connectorCache = new ConnectorCache({
    backend: deps.redis ? new RedisCacheBackend(deps.redis) : new MemoryCacheBackend(),
    logger: deps.logger,
  });
  deps.metrics?.attach({ cacheStats: () => connectorCache.stats, circuits: () => upstreamClients.circuits() });

  const widgetData: WidgetDataRouteDeps = {
    db: deps.db,
    hot,
    box: deps.connectorSecrets,
    logger: deps.logger,
    cache: connectorCache,
    clients: upstreamClients,
    exchanger: new TokenExchanger(providersById, deps.logger),
    tokens: tokenKeeper,
  };
  // Built once, with the connectors' clients and cache: the routes and the scheduler share it.
  const indicatorSources: IndicatorSourceRegistry = {
    ...indicatorSourceRegistry(...connectorIndicatorSources(widgetData)),
    ...(deps.indicatorSources ?? INDICATOR_SOURCES),
  };

  app.get('/auth/problem.css', (_req, res) => {
    res.type('css').send(PROBLEM_PAGE_CSS);
  });
  // Rate-limited: what a person's browser calls. Not the back-channel logout, which the provider
  // calls from one address for everyone who signs out.
  app.use(
    ['/auth/login', '/auth/callback', '/auth/logout', '/auth/frontchannel-logout'],
    rateLimit({
      windowMs: 60_000,
      limit: deps.authRateLimitPerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      ...(deps.redis ? { store: redisRateLimitStore(deps.redis) } : {}),
      handler: (req, res) => {
        res
          .status(429)
          .type('html')
          .send(renderAuthProblemPage('TOO_MANY_REQUESTS', pageLanguageOf(req)));
      },
    }),
  );
  app.use('/auth', logoutChannelRoutes({ providers: deps.providers, index, logger: deps.logger }));
  app.use(
    '/auth',
    authRoutes({
      authenticator,
      loginStates: new LoginStateCookie(deps.sessionSecret, secure),
      db: deps.db,
      providers: deps.providers,
      tokens: tokenKeeper,
      index,
      hot,
      onSignedIn: (req) => prepareAtSignIn(widgetData, req),
      publicUrl: deps.publicUrl,
      sessionCookieName,
      sessionCookieOptions,
      logger: deps.logger,
    }),
  );

  // Public: describes the API, says nothing of anyone's data.
  app.get('/api/openapi.json', serveOpenApi);

  const api = express.Router();
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(
    requireSameOriginMutation(deps.publicUrl),
    requireJsonBody,
    express.json({ limit: JSON_BODY_LIMIT }),
    requireStorableText,
  );
  api.use(requireSignedIn, logPrincipal);
  api.use(
    tokenKeeper.middleware(async (req) => {
      const endedId = req.sessionID;
      await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
      await index.forget(endedId);
    }),
  );
  api.use(answerAfterOwnWrites(deps.invalidations));
  // The most frequent request first (a widget's data, a few per person a minute): every route
  // listed before it is matched, and allocates, on each read.
  api.use(widgetDataRoutes(widgetData));
  api.use(identityRoutes(deps.db));
  api.use(boardRoutes(deps.db));
  api.use(sharedBoardRoutes(deps.db));
  api.use(lookRoutes({ db: deps.db, providers: deps.providers.map((provider) => provider.settings) }));
  api.use(announcementRoutes(deps.db));
  api.use(indicatorRoutes(deps.db, indicatorSources));
  api.use(
    connectorRoutes({
      db: deps.db,
      box: deps.connectorSecrets,
      logger: deps.logger,
      ...(deps.lookup ? { lookup: deps.lookup } : {}),
    }),
  );
  api.use(declarativeRoutes(widgetData));
  api.use(apiNotFound);
  app.use('/api', api);

  if (deps.webDistDir && existsSync(deps.webDistDir)) {
    const indexHtml = path.join(deps.webDistDir, 'index.html');
    app.use(
      express.static(deps.webDistDir, {
        index: false,
        setHeaders: (res, file) => {
          // Vite fingerprints assets; index.html must always be revalidated.
          res.setHeader(
            'Cache-Control',
            file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      }),
    );
    app.get(/^\/(?!api\/|auth\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(indexHtml);
    });
  }

  app.use(errorHandler);
  return Object.assign(app, { indicatorSources });
}
