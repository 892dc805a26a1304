/**
 * « À traiter » over 8 sources (issue 10, point 4): six healthy applications (two Zimbra, two
 * Nextcloud, two Matrix, 40 ms per upstream call), one Nextcloud answering in 3 s and one that
 * does not answer at all (nothing listens). Each iteration reads GET /api/todo/stream?refresh=1
 * (past the cache, every application read again) and times, from the request:
 *   - todo_sources_line_p50_ms: the first line (session, connectors listed: before any upstream call);
 *   - todo_first_items_p50_ms: the first line carrying items;
 *   - todo_healthy_complete_p50_ms: the six healthy sources all answered (not held back by the slow one);
 *   - todo_failed_source_p50_ms: the failing source marked failed;
 *   - todo_complete_p50_ms: the `done` line (bounded by the 3 s source);
 *   - todo_fastest_source_direct_p50_ms: one call straight to the fastest upstream (the target's base);
 *   - todo_first_items_overhead_ms: first items minus the fastest source's direct latency (target ≤ 100).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, createScratchDatabase, loadConfig, startPleiade } from '@pleiade/bff';
import { todoEventSchema } from '@pleiade/contracts';
import { DEMO_USERS, startSimulators } from '@pleiade/simulators';
import { signIn, type TestBrowser } from '../apps/bff/test/support/http-client.ts';

const ITERATIONS = Number(process.env.BENCH_TODO_ITERATIONS ?? 7);
const FAST_MS = 40;
const SLOW_MS = 3_000;
const MUTATION = { 'content-type': 'application/json', 'x-requested-with': 'pleiade' };

function p50(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number((sorted[Math.ceil(sorted.length / 2) - 1] ?? NaN).toFixed(1));
}

async function call(browser: TestBrowser, url: string, init?: RequestInit): Promise<unknown> {
  const response = await browser.request(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${url}: ${response.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

interface Run {
  sources: number;
  firstItems: number;
  healthy: number;
  failed: number;
  complete: number;
}

/** One streamed reading, timed line by line from the request. */
async function timedStream(browser: TestBrowser, url: string, healthy: Set<string>, broken: string): Promise<Run> {
  const start = performance.now();
  const response = await browser.request(url);
  if (!response.ok || !response.body) throw new Error(`${url}: ${response.status}`);
  const run: Run = { sources: NaN, firstItems: NaN, healthy: NaN, failed: NaN, complete: NaN };
  const answered = new Set<string>();
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const event = todoEventSchema.parse(JSON.parse(buffer.slice(0, newline)));
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
      const at = performance.now() - start;
      if (event.type === 'sources') run.sources = at;
      if (process.env.BENCH_TODO_TRACE)
        console.log(Math.round(at), event.type, 'connectorId' in event ? event.connectorId : '');
      if (event.type === 'items') {
        if (event.items.length > 0 && Number.isNaN(run.firstItems)) run.firstItems = at;
        if (healthy.has(event.connectorId)) answered.add(event.connectorId);
        if (answered.size === healthy.size && Number.isNaN(run.healthy)) run.healthy = at;
      }
      if (event.type === 'failed' && event.connectorId === broken) run.failed = at;
      if (event.type === 'done') run.complete = at;
    }
  }
  if (Object.values(run).some(Number.isNaN)) throw new Error(`incomplete stream: ${JSON.stringify(run)}`);
  return run;
}

export async function runTodoBench(): Promise<Record<string, number>> {
  const fast = await startSimulators({
    users: DEMO_USERS,
    latencyMs: { zimbra: FAST_MS, nextcloud: FAST_MS, matrix: FAST_MS },
  });
  const slow = await startSimulators({ users: DEMO_USERS, latencyMs: { nextcloud: SLOW_MS } });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pleiade-bench-todo-'));
  const database = process.env.DATABASE_URL
    ? await createScratchDatabase(process.env.DATABASE_URL, 'pleiade_bench_todo')
    : undefined;
  const running = await startPleiade(
    loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DEV_IDP_PORT: '0',
      EMBEDDED_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ...(database ? { DATABASE_URL: database.url } : {}),
    }),
    createLogger('silent'),
  );
  const base = running.url;
  try {
    const operator = await signIn(base, 'operateur');
    const agent = await signIn(base, 'agent');
    const create = async (body: Record<string, unknown>) =>
      (
        (await call(operator, `${base}/api/admin/connectors`, {
          method: 'POST',
          headers: MUTATION,
          body: JSON.stringify({ allowPrivateNetworks: ['127.0.0.1/32'], ...body }),
        })) as { id: string }
      ).id;
    const personal = async (connectorId: string, secret: string) =>
      call(agent, `${base}/api/me/connectors/${connectorId}/credential`, {
        method: 'PUT',
        headers: MUTATION,
        body: JSON.stringify({ secret }),
      });
    const preauthKey = fast.credentials.zimbra.preauthKeys['demo-a.pleiade.test'];
    const appPassword = fast.credentials.nextcloud.agent?.appPassword ?? '';
    const matrixToken = fast.credentials.matrix.agent?.accessToken ?? '';
    const healthy = new Set<string>();
    for (const n of [1, 2]) {
      healthy.add(
        await create({
          kind: 'zimbra',
          label: `Messagerie ${n}`,
          baseUrl: fast.urls.zimbra,
          authMode: 'zimbra_preauth',
          secrets: { preauthKey },
        }),
      );
      const nextcloud = await create({
        kind: 'nextcloud',
        label: `Nextcloud ${n}`,
        baseUrl: fast.urls.nextcloud,
        authMode: 'personal_secret',
      });
      await personal(nextcloud, appPassword);
      healthy.add(nextcloud);
      const matrix = await create({
        kind: 'matrix',
        label: `Discussions ${n}`,
        baseUrl: fast.urls.matrix,
        authMode: 'personal_secret',
      });
      await personal(matrix, matrixToken);
      healthy.add(matrix);
    }
    const slowId = await create({
      kind: 'nextcloud',
      label: 'Nextcloud lent',
      baseUrl: slow.urls.nextcloud,
      authMode: 'personal_secret',
    });
    await personal(slowId, slow.credentials.nextcloud.agent?.appPassword ?? '');
    const broken = await create({
      kind: 'nextcloud',
      label: 'Nextcloud en panne',
      baseUrl: 'http://127.0.0.1:9',
      authMode: 'service_account',
      secrets: { username: 'svc', password: 'svc-password' },
    });

    // The fastest source, straight: one Nextcloud notifications call.
    const direct: number[] = [];
    const authorization = `Basic ${Buffer.from(`agent:${appPassword}`).toString('base64')}`;
    for (let i = 0; i < 20; i += 1) {
      const start = performance.now();
      const response = await fetch(
        `${fast.urls.nextcloud}/ocs/v2.php/apps/notifications/api/v2/notifications?format=json`,
        {
          headers: { authorization, 'OCS-APIRequest': 'true', accept: 'application/json' },
        },
      );
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`direct Nextcloud call: ${response.status}`);
      direct.push(performance.now() - start);
    }

    const url = `${base}/api/todo/stream?refresh=1`;
    await timedStream(agent, url, healthy, broken); // warm-up: sockets, JIT, token caches
    const runs: Run[] = [];
    for (let i = 0; i < ITERATIONS; i += 1) runs.push(await timedStream(agent, url, healthy, broken));
    const fastest = p50(direct);
    const firstItems = p50(runs.map((run) => run.firstItems));
    return {
      todo_sources: healthy.size + 2,
      todo_fastest_source_direct_p50_ms: fastest,
      todo_sources_line_p50_ms: p50(runs.map((run) => run.sources)),
      todo_first_items_p50_ms: firstItems,
      todo_first_items_overhead_ms: Number((firstItems - fastest).toFixed(1)),
      todo_healthy_complete_p50_ms: p50(runs.map((run) => run.healthy)),
      todo_failed_source_p50_ms: p50(runs.map((run) => run.failed)),
      todo_complete_p50_ms: p50(runs.map((run) => run.complete)),
    };
  } finally {
    await running.close();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
    await fast.close();
    await slow.close();
  }
}

// `pnpm --filter @pleiade/bench exec tsx todo.ts`: this scenario alone (pnpm bench runs it with the
// others); its figures replace theirs in bench/results/latest.json, the other metrics kept.
if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await runTodoBench();
  console.table(results);
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results/latest.json');
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>) : {};
  writeFileSync(file, `${JSON.stringify({ ...previous, ...results }, null, 2)}\n`);
}
