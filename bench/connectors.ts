/**
 * Connector benchmark (issue #4), on loopback, one run:
 *   - dashboard_cold_ms / dashboard_warm_ms: a board of 12 connected widgets whose upstreams each
 *     answer in UPSTREAM_LATENCY_MS (150 ms); time until the BFF has answered all 12 data requests
 *     sent at once, for people loading their board for the first time (empty cache, no Zimbra auth
 *     token yet: the median of COLD_USERS people) and again right after (warm);
 *   - dashboard_reread_ms: the same 12 widgets read again from their applications (?refresh=1),
 *     the person's Zimbra auth token already obtained;
 *   - overhead_p50_ms / overhead_p99_ms: latency of a cached widget read through the BFF (the
 *     person's session, widget, connector and credential checked, the data from the connector
 *     cache) minus the latency of the upstream call made directly, both at a fixed OVERHEAD_RPS for
 *     OVERHEAD_SECONDS, in OVERHEAD_ROUNDS alternating rounds, upstream latency 0 (issue #12);
 *   - cached_read_busy_ms: the serving thread's busy time per cached read at that rate (event-loop
 *     utilisation: CPU the read costs, without the load generator's); proxied_gc_*: the garbage
 *     collector's pauses on that thread meanwhile, and how late its event loop ran (proxied_loop_delay_*,
 *     sampled every millisecond) — what the tail latency is made of;
 *   - cached_read_ceiling_rps / me_ceiling_rps: answers a second of one instance with
 *     CEILING_CONNECTIONS requests kept in flight (the load generator in its own thread);
 *   - *_at_20rps_p50_ms: where a read's time goes, at a light rate (HTTP floor, session, cache, upstream);
 *   - upstream_calls_per_period: SHARED_USERS people of one collectivité load the same shared widget
 *     (a Nextcloud dashboard read with the service account) within one cache period.
 * People sign in through a scripted OpenID provider (the one the BFF's tests use), so any number of
 * them can; the upstreams are the simulators of @pleiade/simulators.
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { DEMO_USERS, startSimulators, type SimUser } from '@pleiade/simulators';
import { startFakeOp } from '../apps/bff/test/support/fake-op.ts';
import { signInBenchPerson } from './sign-in.ts';
import type { TestBrowser } from '../apps/bff/test/support/http-client.ts';
import { call, cloneUser, MUTATION } from './bench-api.ts';
import { startInProcess } from './in-process.ts';
import { ceilingInWorker, failureCount } from './load.ts';

const UPSTREAM_LATENCY_MS = 150;
const COLD_USERS = Number(process.env.BENCH_COLD_USERS ?? 5);
const SHARED_USERS = Number(process.env.BENCH_SHARED_USERS ?? 100);
const OVERHEAD_RPS = Number(process.env.BENCH_OVERHEAD_RPS ?? 500);
const OVERHEAD_SECONDS = Number(process.env.BENCH_OVERHEAD_SECONDS ?? 10);
const OVERHEAD_ROUNDS = Number(process.env.BENCH_OVERHEAD_ROUNDS ?? 3);
const CEILING_CONNECTIONS = Number(process.env.BENCH_CEILING_CONNECTIONS ?? 32);
const CEILING_SECONDS = Number(process.env.BENCH_CEILING_SECONDS ?? 5);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Number((sorted[index] ?? NaN).toFixed(2));
}

/**
 * The load generator of the overhead measurement, in its own thread: its timers and sockets do not
 * share the event loop of the BFF and the simulators it measures. GETs `url` at a fixed rate on
 * kept-alive sockets; answers every latency (ms), or fails on an answer that is not 200 (or, with
 * `widgetOk`, not a widget state "ok").
 */
const LOAD_WORKER = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, headers, rps, seconds, widgetOk } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
const get = () => new Promise((resolve, reject) => {
  const sent = performance.now();
  const req = http.get(url, { agent, headers }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => (body += chunk));
    res.on('end', () => {
      if (res.statusCode !== 200) return reject(new Error('HTTP ' + res.statusCode));
      if (widgetOk && JSON.parse(body).status !== 'ok') return reject(new Error('widget ' + body.slice(0, 200)));
      resolve(performance.now() - sent);
    });
    res.on('error', reject);
  });
  req.on('error', reject);
});
(async () => {
  const latencies = [];
  const pending = [];
  const total = Math.round(rps * seconds);
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    const wait = started + (i * 1000) / rps - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(get().then((ms) => latencies.push(ms)));
  }
  await Promise.all(pending);
  agent.destroy();
  parentPort.postMessage(latencies);
})().catch((error) => { throw error; });
`;

function loadInWorker(options: {
  url: string;
  headers: Record<string, string>;
  rps: number;
  seconds: number;
  widgetOk?: boolean;
}): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_WORKER, { eval: true, workerData: options });
    worker.once('message', (latencies: number[]) => resolve(latencies));
    worker.once('error', reject);
  });
}

export async function runConnectorBench(): Promise<Record<string, number>> {
  const benchUsers = Array.from({ length: COLD_USERS }, (_, i) => cloneUser(DEMO_USERS[0]!, `banc${i + 1}`));
  const sharedUsers = Array.from({ length: SHARED_USERS }, (_, i) => cloneUser(DEMO_USERS[0]!, `foule${i + 1}`));
  const sims = await startSimulators({ users: [...benchUsers, ...sharedUsers], latencyMs: UPSTREAM_LATENCY_MS });
  const op = await startFakeOp();
  const running = await startInProcess(op, 'pleiade-bench-conn');
  const base = running.url;
  const signInAs = (username: string, groups: string[]) => signInBenchPerson(op, base, 'bench', username, groups);

  try {
    // Connectors: two of each application, so the 12 widgets make 12 different upstream reads.
    const admin = await signInAs('operateur-banc', ['agents', 'operateurs-banc']);
    const createConnector = async (body: Record<string, unknown>) =>
      (
        (await call(admin, `${base}/api/admin/connectors`, {
          method: 'POST',
          headers: MUTATION,
          body: JSON.stringify({ allowPrivateNetworks: ['127.0.0.1/32'], ...body }),
        })) as { id: string }
      ).id;
    const preauthKey = sims.credentials.zimbra.preauthKeys['demo-a.pleiade.test']!;
    const connectors = {
      zimbra: [] as string[],
      nextcloud: [] as string[],
      matrix: [] as string[],
    };
    for (const n of [1, 2]) {
      connectors.zimbra.push(
        await createConnector({
          kind: 'zimbra',
          label: `Zimbra ${n}`,
          baseUrl: sims.urls.zimbra,
          authMode: 'zimbra_preauth',
          secrets: { preauthKey },
        }),
      );
      connectors.nextcloud.push(
        await createConnector({
          kind: 'nextcloud',
          label: `Nextcloud ${n}`,
          baseUrl: sims.urls.nextcloud,
          authMode: 'personal_secret',
        }),
      );
      connectors.matrix.push(
        await createConnector({
          kind: 'matrix',
          label: `Matrix ${n}`,
          baseUrl: sims.urls.matrix,
          authMode: 'personal_secret',
        }),
      );
    }
    const shared = await createConnector({
      kind: 'nextcloud',
      label: 'Nextcloud (compte de service)',
      baseUrl: sims.urls.nextcloud,
      authMode: 'service_account',
      secrets: { username: sharedUsers[0]!.username, password: sharedUsers[0]!.nextcloud.appPassword },
    });

    const layout = (i: number) => ({ lg: { x: (i % 3) * 4, y: Math.floor(i / 3) * 4, w: 4, h: 4 } });
    const dashboard = () => {
      const widgets: { kind: string; options: Record<string, unknown> }[] = [];
      for (const z of connectors.zimbra)
        widgets.push({ kind: 'mail', options: { connectorId: z } }, { kind: 'agenda', options: { connectorId: z } });
      for (const c of connectors.nextcloud) {
        widgets.push(
          { kind: 'nextcloud-notifications', options: { connectorId: c } },
          { kind: 'nextcloud-files', options: { connectorId: c } },
          { kind: 'nextcloud-dashboard', options: { connectorId: c, dashboardWidget: 'recommendations' } },
        );
      }
      for (const m of connectors.matrix) widgets.push({ kind: 'chat', options: { connectorId: m } });
      return widgets.map((widget, i) => ({ id: randomUUID(), layout: layout(i), ...widget }));
    };
    const putBoard = async (browser: TestBrowser, widgets: unknown[]) => {
      const board = (await call(browser, `${base}/api/boards/current`)) as { id: string; version: number };
      await call(browser, `${base}/api/boards/${board.id}`, {
        method: 'PUT',
        headers: MUTATION,
        body: JSON.stringify({ version: board.version, widgets }),
      });
    };
    const giveCredentials = async (browser: TestBrowser, user: SimUser) => {
      for (const id of connectors.nextcloud) {
        await call(browser, `${base}/api/me/connectors/${id}/credential`, {
          method: 'PUT',
          headers: MUTATION,
          body: JSON.stringify({ username: user.username, secret: user.nextcloud.appPassword }),
        });
      }
      for (const id of connectors.matrix) {
        await call(browser, `${base}/api/me/connectors/${id}/credential`, {
          method: 'PUT',
          headers: MUTATION,
          body: JSON.stringify({ secret: user.matrix.accessToken }),
        });
      }
    };
    const loadAll = async (browser: TestBrowser, ids: string[], query = '') => {
      const started = performance.now();
      const states = await Promise.all(
        ids.map(async (id) => (await call(browser, `${base}/api/widgets/${id}/data${query}`)) as { status: string }),
      );
      const elapsed = performance.now() - started;
      const failed = states.filter((state) => state.status !== 'ok');
      if (failed.length > 0) throw new Error(`widgets not ok: ${JSON.stringify(failed)}`);
      return elapsed;
    };

    // 1. The 12-widget dashboard, cold then warm, for each bench person.
    const cold: number[] = [];
    const warm: number[] = [];
    const reread: number[] = [];
    let probe: { browser: TestBrowser; widgetId: string; user: SimUser } | undefined;
    for (const user of benchUsers) {
      const browser = await signInAs(user.username, ['agents']);
      await giveCredentials(browser, user);
      const widgets = dashboard();
      await putBoard(browser, widgets);
      const ids = widgets.map((widget) => widget.id);
      cold.push(await loadAll(browser, ids));
      warm.push(await loadAll(browser, ids));
      // Every widget read again from its application (« Actualiser »): the data cache bypassed, the
      // person's Zimbra auth token and the sockets already there — a known person's morning.
      reread.push(await loadAll(browser, ids, '?refresh=1'));
      probe ??= { browser, widgetId: widgets.find((w) => w.kind === 'nextcloud-notifications')!.id, user };
    }

    // 2. Overhead of a proxied read at a fixed rate, upstream latency 0.
    for (const app of ['nextcloud', 'zimbra', 'matrix'] as const) sims.setLatency(app, 0);
    const { browser, widgetId, user } = probe!;
    const cookie = browser.jar.header(base);
    const bffUrl = `${base}/api/widgets/${widgetId}/data`;
    const directUrl = `${sims.urls.nextcloud}/ocs/v2.php/apps/notifications/api/v2/notifications?format=json`;
    const basic = `Basic ${Buffer.from(`${user.username}:${user.nextcloud.appPassword}`).toString('base64')}`;
    const direct = {
      url: directUrl,
      headers: { authorization: basic, 'ocs-apirequest': 'true', accept: 'application/json' },
    };
    const proxied = { url: bffUrl, headers: { cookie, accept: 'application/json' }, widgetOk: true };
    await loadInWorker({ ...direct, rps: 100, seconds: 2 }); // warm-up: sockets, JIT
    await loadInWorker({ ...proxied, rps: 100, seconds: 2 });
    // Rounds that alternate direct and proxied, so both meet the same machine (a 2-vCPU virtual
    // machine's pauses come and go); the percentiles are over every round's latencies. During the
    // proxied rounds: the garbage collector's pauses on the thread that serves (the BFF's, shared
    // with the simulators, idle then) and that thread's busy time per read.
    const directLatencies: number[] = [];
    const proxiedLatencies: number[] = [];
    const pauses: number[] = [];
    const gcWatch = new PerformanceObserver((list) => pauses.push(...list.getEntries().map((entry) => entry.duration)));
    // One monitor per round (one enabled again would count the pause in between): the worst round.
    const loopDelay = { p99: 0, max: 0 };
    let busyMs = 0;
    for (let round = 0; round < OVERHEAD_ROUNDS; round += 1) {
      directLatencies.push(...(await loadInWorker({ ...direct, rps: OVERHEAD_RPS, seconds: OVERHEAD_SECONDS })));
      gcWatch.observe({ entryTypes: ['gc'] });
      const roundDelay = monitorEventLoopDelay({ resolution: 1 });
      roundDelay.enable();
      const before = performance.eventLoopUtilization();
      proxiedLatencies.push(...(await loadInWorker({ ...proxied, rps: OVERHEAD_RPS, seconds: OVERHEAD_SECONDS })));
      busyMs += performance.eventLoopUtilization(before).active;
      roundDelay.disable();
      loopDelay.p99 = Math.max(loopDelay.p99, roundDelay.percentile(99) / 1e6);
      loopDelay.max = Math.max(loopDelay.max, roundDelay.max / 1e6);
      gcWatch.disconnect();
    }
    const proxiedSeconds = OVERHEAD_ROUNDS * OVERHEAD_SECONDS;
    // Where the time goes, at a light 20 requests/s: the HTTP floor (/healthz), a signed-in call
    // (session + person from the database: /api/me), a cached widget read, an uncached one.
    const light = (path: string, widgetOk = false) =>
      loadInWorker({
        url: base + path,
        headers: { cookie, accept: 'application/json' },
        rps: 20,
        seconds: 4,
        widgetOk,
      });
    const floor = await light('/healthz');
    const signedIn = await light('/api/me');
    const cachedRead = await light(`/api/widgets/${widgetId}/data`, true);
    const sequential = await light(`/api/widgets/${widgetId}/data?refresh=1`, true);
    // The ceiling of this one process (the load generator takes the machine's other CPU).
    const ceiling = async (path: string) => {
      const target = { url: base + path, headers: { cookie, accept: 'application/json' } };
      await ceilingInWorker([target], CEILING_CONNECTIONS, 1); // warm-up
      const outcome = await ceilingInWorker([target], CEILING_CONNECTIONS, CEILING_SECONDS);
      if (failureCount(outcome) > 0) throw new Error(`ceiling ${path}: ${JSON.stringify(outcome.failures)}`);
      return Math.round(outcome.ok / outcome.seconds);
    };
    const cachedCeiling = await ceiling(`/api/widgets/${widgetId}/data`);
    const meCeiling = await ceiling('/api/me');

    // 3. SHARED_USERS people load the same collectivité-wide widget within one cache period.
    for (const app of ['nextcloud', 'zimbra', 'matrix'] as const) sims.setLatency(app, UPSTREAM_LATENCY_MS);
    const crowd: { browser: TestBrowser; widgetId: string }[] = [];
    for (const user of sharedUsers) {
      const person = await signInAs(user.username, ['agents']);
      const widget = {
        id: randomUUID(),
        kind: 'nextcloud-dashboard',
        options: { connectorId: shared, dashboardWidget: 'recommendations' },
        layout: layout(0),
      };
      await putBoard(person, [widget]);
      crowd.push({ browser: person, widgetId: widget.id });
    }
    sims.resetCounts();
    await Promise.all(crowd.map(({ browser: person, widgetId: id }) => loadAll(person, [id])));
    const sharedCalls = sims.requestCount('nextcloud');

    return {
      dashboard_widgets: 12,
      upstream_latency_ms: UPSTREAM_LATENCY_MS,
      dashboard_cold_ms: percentile(cold, 50),
      dashboard_cold_max_ms: Number(Math.max(...cold).toFixed(2)),
      dashboard_warm_ms: percentile(warm, 50),
      dashboard_reread_ms: percentile(reread, 50),
      overhead_rps: OVERHEAD_RPS,
      direct_p50_ms: percentile(directLatencies, 50),
      direct_p99_ms: percentile(directLatencies, 99),
      proxied_p50_ms: percentile(proxiedLatencies, 50),
      proxied_p99_ms: percentile(proxiedLatencies, 99),
      overhead_p50_ms: Number((percentile(proxiedLatencies, 50) - percentile(directLatencies, 50)).toFixed(2)),
      overhead_p99_ms: Number((percentile(proxiedLatencies, 99) - percentile(directLatencies, 99)).toFixed(2)),
      overhead_rounds: OVERHEAD_ROUNDS,
      cached_read_busy_ms: Number((busyMs / proxiedLatencies.length).toFixed(3)),
      proxied_gc_pauses_per_s: Number((pauses.length / proxiedSeconds).toFixed(1)),
      proxied_gc_ms_per_s: Number((pauses.reduce((sum, ms) => sum + ms, 0) / proxiedSeconds).toFixed(1)),
      proxied_gc_pause_max_ms: Number(Math.max(0, ...pauses).toFixed(1)),
      proxied_loop_delay_p99_ms: Number(loopDelay.p99.toFixed(1)),
      proxied_loop_delay_max_ms: Number(loopDelay.max.toFixed(1)),
      healthz_at_20rps_p50_ms: percentile(floor, 50),
      me_at_20rps_p50_ms: percentile(signedIn, 50),
      cached_read_at_20rps_p50_ms: percentile(cachedRead, 50),
      proxied_at_20rps_p50_ms: percentile(sequential, 50),
      ceiling_connections: CEILING_CONNECTIONS,
      cached_read_ceiling_rps: cachedCeiling,
      me_ceiling_rps: meCeiling,
      shared_widget_users: SHARED_USERS,
      upstream_calls_per_period: sharedCalls,
    };
  } finally {
    await running.close();
    await op.close();
    await sims.close();
  }
}
