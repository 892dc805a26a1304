/**
 * `pnpm bench`: measures the walking skeleton on loopback and writes bench/results/latest.json
 * as { "metric": value }.
 *   - spa_js_gzip_bytes: gzipped size of every JS file of the built SPA (lazy widgets and admin included);
 *   - spa_first_load_js_gzip_bytes: the JS index.html loads before anything shows (entry + preloads);
 *   - board_get_p50_ms / p99: GET /api/boards/current for a signed-in agent (session + Prisma);
 *   - board_put_p50_ms / p99: PUT of a 6-widget board (validation + transaction);
 *   - queries: none asserted here; see ARCHITECTURE.md for the per-request query count;
 *   - connected widgets (dashboard_cold_ms, overhead_p50_ms, upstream_calls_per_period…): connectors.ts;
 *   - the framework's and the machine's floor (node_http_floor_*, express_session_floor_*): floor.ts;
 *   - « À traiter » over 8 sources, one slow and one failing (todo_first_items_p50_ms…): todo.ts.
 * Uses DATABASE_URL's server when set (a fresh database), else an embedded PostgreSQL.
 * `--scenario=lb` (cluster.ts: two BFF processes behind HAProxy, rolling restart) and
 * `--scenario=soak` (soak.ts: 2,000 signed-in people for 10 minutes) run alone; every scenario
 * merges its figures into latest.json, keeping the others'. `--scenario=profile [--path=/api/me]`
 * (profile.ts) prints where one instance's CPU goes on a cached widget read (or `path`), and keeps
 * the profile in bench/results/profile.cpuprofile; it writes no figure.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createLogger, createScratchDatabase, loadConfig, startPleiade } from '@pleiade/bff';
import { signIn, type TestBrowser } from '../apps/bff/test/support/http-client.ts';
import { runConnectorBench } from './connectors.ts';
import { runFloorBench } from './floor.ts';
import { runTodoBench } from './todo.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Number((sorted[Math.max(0, index)] ?? NaN).toFixed(2));
}

async function timed(count: number, call: () => Promise<void>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 20; i += 1) await call(); // warm-up: JIT, pools, caches
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await call();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

const ASSETS = path.join(ROOT, 'apps/web/dist/assets');
const gzipBytes = (file: string) => gzipSync(readFileSync(path.join(ASSETS, file)), { level: 9 }).byteLength;

function spaGzipBytes(): number {
  return readdirSync(ASSETS)
    .filter((file) => file.endsWith('.js'))
    .reduce((sum, file) => sum + gzipBytes(file), 0);
}

/** The entry script and the modules index.html preloads: what every first visit downloads. */
function spaFirstLoadGzipBytes(): number {
  const html = readFileSync(path.join(ROOT, 'apps/web/dist/index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((match) => match[1] ?? '');
  return files.reduce((sum, file) => sum + gzipBytes(file), 0);
}

async function json(browser: TestBrowser, url: string, init?: RequestInit): Promise<unknown> {
  const response = await browser.request(url, init);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

const RESULTS = path.join(ROOT, 'bench/results/latest.json');
const scenario = process.argv.find((arg) => arg.startsWith('--scenario='))?.slice('--scenario='.length) ?? 'default';

function saveResults(results: Record<string, number>): void {
  console.table(Object.entries(results).map(([metric, value]) => ({ metric, value })));
  const previous = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, number>;
  writeFileSync(RESULTS, `${JSON.stringify({ ...previous, ...results }, null, 2)}\n`);
}

if (scenario === 'lb' || scenario === 'soak') {
  const run =
    scenario === 'lb' ? (await import('./cluster.ts')).runClusterBench : (await import('./soak.ts')).runSoakBench;
  saveResults(await run());
  process.exit(0);
}
if (scenario === 'profile') {
  await (await import('./profile.ts')).runProfileBench();
  process.exit(0);
}
if (scenario !== 'default') throw new Error(`unknown scenario ${scenario} (default, lb, soak, profile)`);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pleiade-bench-'));
const database = process.env.DATABASE_URL
  ? await createScratchDatabase(process.env.DATABASE_URL, 'pleiade_bench')
  : undefined;
const startedAt = performance.now();
const config = loadConfig({
  NODE_ENV: 'test',
  PORT: '0',
  HOST: '127.0.0.1',
  DEV_IDP_PORT: '0',
  EMBEDDED_DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  ...(database ? { DATABASE_URL: database.url } : {}),
});
const running = await startPleiade(config, createLogger('silent'));
const startMs = performance.now() - startedAt;
try {
  const agent = await signIn(running.url, 'agent');
  const boardUrl = `${running.url}/api/boards/current`;
  const board = (await json(agent, boardUrl)) as { id: string; version: number };
  const get = await timed(ITERATIONS, async () => {
    await json(agent, boardUrl);
  });

  let version = board.version;
  const widgets = Array.from({ length: 6 }, (_, index) => ({
    id: randomUUID(),
    kind: 'notes',
    options: { text: `Note ${index}` },
    layout: { lg: { x: (index % 3) * 4, y: Math.floor(index / 3) * 4, w: 4, h: 4 } },
  }));
  const put = await timed(ITERATIONS, async () => {
    const saved = (await json(agent, `${running.url}/api/boards/${board.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'pleiade' },
      body: JSON.stringify({ version, widgets }),
    })) as { version: number };
    version = saved.version;
  });

  const results: Record<string, number> = {
    spa_js_gzip_bytes: spaGzipBytes(),
    spa_first_load_js_gzip_bytes: spaFirstLoadGzipBytes(),
    start_to_ready_ms: Number(startMs.toFixed(0)),
    board_get_p50_ms: get.p50,
    board_get_p99_ms: get.p99,
    board_put_p50_ms: put.p50,
    board_put_p99_ms: put.p99,
    ...(await runConnectorBench()),
    ...(await runFloorBench()),
    ...(await runTodoBench()),
  };
  saveResults(results);
  console.log(
    `database: ${database ? 'DATABASE_URL server' : 'embedded PostgreSQL'}, ${ITERATIONS} sequential requests per metric`,
  );
} finally {
  await running.close();
  await database?.drop();
  await rm(dataDir, { recursive: true, force: true });
}
