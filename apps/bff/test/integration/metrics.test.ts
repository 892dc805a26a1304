import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIDGET_FAILURE_STATUSES, boardSchema, type Board } from '@pleiade/contracts';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/**
 * The Prometheus endpoint (METRICS_PORT) of a running Pléiade with the demo applications'
 * simulators: scraped after real requests, its series and values must tell what happened.
 */

let pleiade: TestPleiade;
let agent: TestBrowser;
let board: Board;
/** Widgets of the agent's board whose data was read from a connected application. */
let connected: Board['widgets'];
/** First reads of every widget, by status (404: a widget without data; 200: data or a failure state). */
const firstReads = new Map<number, number>();
/** The exposition after the first reads. */
let afterFirst: string;

beforeAll(async () => {
  pleiade = await startTestPleiade({ METRICS_PORT: '0', DEMO_APPLICATIONS: '1' });
  agent = await signIn(pleiade.url, 'agent');
  board = boardSchema.parse(await (await api(agent, `${pleiade.url}/api/boards/current`)).json());
  connected = [];
  for (const widget of board.widgets) {
    const response = await api(agent, `${pleiade.url}/api/widgets/${widget.id}/data`);
    firstReads.set(response.status, (firstReads.get(response.status) ?? 0) + 1);
    if (response.status !== 200) continue;
    // A widget waiting for the person's own credential answers a failure state without calling anyone.
    if (((await response.json()) as { status: string }).status === 'ok') connected.push(widget);
  }
  afterFirst = await scrape();
  // The same reads again: answered from the cache.
  for (const widget of connected) {
    expect((await api(agent, `${pleiade.url}/api/widgets/${widget.id}/data`)).status).toBe(200);
  }
});
afterAll(async () => {
  await pleiade?.stop();
});

async function scrape(): Promise<string> {
  const url = pleiade.running.metricsUrl;
  if (!url) throw new Error('no metrics endpoint');
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The samples of `name` in a text exposition, with their labels. */
function samples(text: string, name: string): { labels: Record<string, string>; value: number }[] {
  const found: { labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]),
    );
    found.push({ labels, value: Number(match[3]) });
  }
  return found;
}

function value(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  return samples(text, name).find((sample) => Object.entries(labels).every(([key, v]) => sample.labels[key] === v))
    ?.value;
}

describe('GET /metrics on METRICS_PORT', () => {
  it('is served on its own loopback port, not on the site', async () => {
    expect(pleiade.running.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(pleiade.running.metricsUrl ?? '').port).not.toBe(new URL(pleiade.url).port);
    const onSite = await fetch(`${pleiade.url}/metrics`);
    expect(await onSite.text()).not.toContain('pleiade_http_request_duration_seconds');
    const other = await fetch((pleiade.running.metricsUrl ?? '').replace(/\/metrics$/, '/other'));
    expect(other.status).toBe(404);
  });

  it('times requests per route pattern, method and status, never per raw path', async () => {
    expect(connected.length).toBeGreaterThanOrEqual(3);
    const text = await scrape();
    const durations = samples(text, 'pleiade_http_request_duration_seconds_count');
    expect(
      value(text, 'pleiade_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/widgets/:widgetId/data',
        status_code: '200',
      }),
    ).toBe((firstReads.get(200) ?? 0) + connected.length);
    expect(
      value(text, 'pleiade_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/boards/current',
        status_code: '200',
      }),
    ).toBe(1);
    // A handler's refusal keeps its route (the widget without data answered 404).
    const refused = firstReads.get(404) ?? 0;
    if (refused > 0) {
      expect(
        value(text, 'pleiade_http_request_duration_seconds_count', {
          method: 'GET',
          route: '/api/widgets/:widgetId/data',
          status_code: '404',
        }),
      ).toBe(refused);
    }
    const routes = new Set(durations.map((sample) => sample.labels.route));
    for (const widget of board.widgets) for (const route of routes) expect(route).not.toContain(widget.id);
    expect([...routes].every((route) => route === 'none' || route?.startsWith('/'))).toBe(true);
    const sum = value(text, 'pleiade_http_request_duration_seconds_sum', {
      route: '/api/widgets/:widgetId/data',
      status_code: '200',
    });
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(60);
  });

  it('counts upstream calls per connector kind with their outcome, and the circuits', async () => {
    const text = await scrape();
    const calls = samples(text, 'pleiade_upstream_request_duration_seconds_count');
    const kinds = new Set(calls.map((sample) => sample.labels.kind));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['matrix', 'nextcloud', 'zimbra']));
    for (const kind of ['matrix', 'nextcloud', 'zimbra']) {
      expect(value(text, 'pleiade_upstream_request_duration_seconds_count', { kind, outcome: 'ok' })).toBeGreaterThan(
        0,
      );
      expect(value(text, 'pleiade_circuit_breaker_state', { kind, state: 'closed' })).toBe(1);
      expect(value(text, 'pleiade_circuit_breaker_state', { kind, state: 'open' })).toBe(0);
    }
    const outcomes = ['ok', ...WIDGET_FAILURE_STATUSES];
    for (const sample of calls) expect(outcomes).toContain(sample.labels.outcome);
  });

  it('reports the widget cache’s hits and misses, and its hit ratio', async () => {
    const text = await scrape();
    const count = (exposition: string, result: string) =>
      value(exposition, 'pleiade_widget_cache_lookups_total', { result }) ?? Number.NaN;
    const hits = count(text, 'hit');
    const misses = count(text, 'miss');
    const stale = count(text, 'stale');
    expect(stale).toBe(0);
    // The first reads missed (at least once); reading the same widgets again only hit.
    expect(count(afterFirst, 'miss')).toBeGreaterThanOrEqual(1);
    expect(hits - count(afterFirst, 'hit')).toBe(connected.length);
    expect(misses - count(afterFirst, 'miss')).toBe(0);
    expect(value(text, 'pleiade_widget_cache_hit_ratio')).toBeCloseTo(hits / (hits + misses + stale), 5);
    // Counters only grow between scrapes.
    await api(agent, `${pleiade.url}/api/widgets/${connected[0]?.id ?? ''}/data`);
    const again = await scrape();
    expect(value(again, 'pleiade_widget_cache_lookups_total', { result: 'hit' })).toBe(hits + 1);
  });

  it('includes the process’s default metrics', async () => {
    const text = await scrape();
    expect(value(text, 'pleiade_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value(text, 'pleiade_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(samples(text, 'pleiade_nodejs_eventloop_lag_seconds')).toHaveLength(1);
  });
});
