import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CacheStats } from '../connectors/cache.js';
import type { CircuitStatus } from '../connectors/resilience.js';
import type { FailureStatus } from '../connectors/states.js';
import { routePatterns } from './route-table.js';

/** What an upstream call ended with: `ok`, or the failure state a widget would show. */
export type UpstreamOutcome = 'ok' | FailureStatus;

/** Reports one upstream call of a connector kind (duration in seconds). */
export type UpstreamObserver = (kind: string, outcome: UpstreamOutcome, seconds: number) => void;

/** Where the collected metrics read the state they report, at scrape time only. */
export interface MetricSources {
  /** Lookups of the widget cache since the start. */
  cacheStats(): CacheStats;
  /** The circuit of each connector instance in use, with its kind. */
  circuits(): Iterable<{ kind: string; circuit: CircuitStatus }>;
}

const CIRCUIT_STATES: readonly CircuitStatus[] = ['closed', 'half_open', 'open'];
/** Route label of a request no route answered (static files, 404, a refused request). */
const NO_ROUTE = 'none';
const START = Symbol('pleiade.metrics.start');

type Timed = Response & { [START]?: number };
type ChildObserver = { observe(value: number): void };

/**
 * Prometheus metrics of one app (its own registry, so two apps in one process never mix series):
 * request durations per route pattern, upstream calls per connector kind, the widget cache's hit
 * ratio, circuit states, and Node's default process metrics. Served on a separate port (METRICS_PORT).
 *
 * Per request, the cost is one `performance.now()` and one histogram observation on a child cached
 * by route, method and status: labels are route patterns (`/api/boards/:boardId`), never raw paths.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requestDuration: Histogram<'method' | 'route' | 'status_code'>;
  private readonly upstreamDuration: Histogram<'kind' | 'outcome'>;
  /** Route object (Express's) → its full pattern, read once from the app's router stack. */
  private routes = new WeakMap<object, string>();
  private app: Express | undefined;
  /** `${pattern} ${method} ${status}` → the histogram's child, so labels are hashed once. */
  private readonly children = new Map<string, ChildObserver>();
  private sources: MetricSources | undefined;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'pleiade_' });
    this.requestDuration = new Histogram({
      name: 'pleiade_http_request_duration_seconds',
      help: 'Durée des requêtes HTTP, par route (motif Express), méthode et statut',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.upstreamDuration = new Histogram({
      name: 'pleiade_upstream_request_duration_seconds',
      help: 'Durée des appels aux applications connectées (nouvelles tentatives comprises), par type de connecteur et issue',
      labelNames: ['kind', 'outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    const reported = { hit: 0, stale: 0, miss: 0 };
    // The counters follow the cache's own integer counters (no work here per read), read at scrape
    // time; both metrics' collect() run at each scrape, the first one brings them up to date.
    const collectCache = () => {
      const stats = this.sources?.cacheStats();
      if (!stats) return;
      for (const result of ['hit', 'stale', 'miss'] as const) {
        const delta = stats[result] - reported[result];
        if (delta > 0) cacheLookups.inc({ result }, delta);
        reported[result] = stats[result];
      }
      const total = stats.hit + stats.stale + stats.miss;
      cacheRatio.set(total === 0 ? 0 : (stats.hit + stats.stale) / total);
    };
    const cacheLookups = new Counter({
      name: 'pleiade_widget_cache_lookups_total',
      help: 'Lectures du cache des widgets : hit (frais), stale (périmé servi pendant l’actualisation), miss',
      labelNames: ['result'],
      registers: [this.registry],
      collect: collectCache,
    });
    for (const result of ['hit', 'stale', 'miss'] as const) cacheLookups.inc({ result }, 0);
    const cacheRatio = new Gauge({
      name: 'pleiade_widget_cache_hit_ratio',
      help: 'Part des lectures du cache des widgets servies sans attendre l’application (hit + stale) depuis le démarrage',
      registers: [this.registry],
      collect: collectCache,
    });
    const circuitState: Gauge<'kind' | 'state'> = new Gauge({
      name: 'pleiade_circuit_breaker_state',
      help: 'Connecteurs en service par type et état du disjoncteur (closed, half_open, open)',
      labelNames: ['kind', 'state'],
      registers: [this.registry],
      collect: () => {
        circuitState.reset();
        const counts = new Map<string, Record<CircuitStatus, number>>();
        for (const { kind, circuit } of this.sources?.circuits() ?? []) {
          const count = counts.get(kind) ?? { closed: 0, half_open: 0, open: 0 };
          count[circuit] += 1;
          counts.set(kind, count);
        }
        for (const [kind, count] of counts) {
          for (const state of CIRCUIT_STATES) circuitState.set({ kind, state }, count[state]);
        }
      },
    });
  }

  /** Where the cache and circuit figures come from (the app's connector cache and clients). */
  attach(sources: MetricSources): void {
    this.sources = sources;
  }

  /** Upstream calls, for {@link UpstreamClients}. */
  readonly observeUpstream: UpstreamObserver = (kind, outcome, seconds) => {
    this.upstreamDuration.observe({ kind, outcome }, seconds);
  };

  /** First middleware of the app: times each request until its response is sent. */
  middleware(app: Express): RequestHandler {
    this.app = app;
    const record = (res: Timed, started: number) => this.record(res.req, res, (performance.now() - started) / 1000);
    // One listener function for every response (no closure per request).
    function onFinish(this: Timed): void {
      const started = this[START];
      if (started !== undefined) record(this, started);
    }
    return (_req: Request, res: Response, next: NextFunction) => {
      (res as Timed)[START] = performance.now();
      res.on('finish', onFinish);
      next();
    };
  }

  private record(req: Request, res: Response, seconds: number): void {
    const route = (req as Request & { route?: object }).route;
    const pattern = route ? this.patternOf(route) : NO_ROUTE;
    const key = `${pattern} ${req.method} ${res.statusCode}`;
    let child = this.children.get(key);
    if (!child) {
      child = this.requestDuration.labels({ method: req.method, route: pattern, status_code: String(res.statusCode) });
      this.children.set(key, child);
    }
    child.observe(seconds);
  }

  private patternOf(route: object): string {
    let pattern = this.routes.get(route);
    if (pattern === undefined && this.app) {
      // Routes are all registered before the first request; read again if one was added since.
      this.routes = routePatterns(this.app);
      pattern = this.routes.get(route);
    }
    return pattern ?? NO_ROUTE;
  }

  /** The text exposition of every metric. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/**
 * The Prometheus endpoint: its own HTTP server, on its own port (loopback by default), answering
 * GET /metrics only. Not the app's port, so the public never reaches it through the site.
 */
export async function startMetricsServer(
  metrics: Metrics,
  port: number,
  host: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    metrics.scrape().then(
      ({ contentType, body }) => {
        res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Metrics unavailable\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
