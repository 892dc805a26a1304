/**
 * `pnpm bench -- --scenario=soak` (issue #12, point 4): SOAK_PEOPLE (2,000) people signed in to one
 * BFF process (the built product, sessions in PostgreSQL), each reading their dashboard — the
 * board, their mail and agenda (Zimbra, per person) and a Nextcloud dashboard widget shared by the
 * collectivité — every SOAK_PERIOD_S (60 s, as the widgets refresh), for SOAK_SECONDS (600), loopback, upstreams at 20 ms.
 * The process's resident memory is sampled every 5 s: soak_memory_growth_pct compares the mean of
 * the last minute with the mean of the minute after the warm-up (SOAK_WARMUP_S, 120 s). Every
 * request not answered 200 with its data counts in soak_failed; a GET sent again because the BFF had
 * just closed the kept-alive socket it left on (as a browser does) in soak_retried_on_closed_socket.
 * Needs DATABASE_URL (a fresh database is made there).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase } from '@pleiade/bff';
import { DEMO_USERS, startSimulators } from '@pleiade/simulators';
import { startFakeOp } from '../apps/bff/test/support/fake-op.ts';
import { signInBenchPerson } from './sign-in.ts';
import { call, cloneUser, MUTATION } from './bench-api.ts';
import { benchInstallation } from './in-process.ts';
import { failureCount, rateInWorker, type Target } from './load.ts';
import { PORT_BASE, rssMb, startBff } from './processes.ts';

const PEOPLE = Number(process.env.SOAK_PEOPLE ?? 2_000);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const PERIOD_S = Number(process.env.SOAK_PERIOD_S ?? 60);
const WARMUP_S = Number(process.env.SOAK_WARMUP_S ?? 120);
const SAMPLE_MS = 5_000;

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Number((sorted[index] ?? NaN).toFixed(2));
}

export async function runSoakBench(): Promise<Record<string, number>> {
  const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const people = Array.from({ length: PEOPLE }, (_, i) => cloneUser(DEMO_USERS[0]!, `soak${i + 1}`));
  const sims = await startSimulators({ users: people, latencyMs: 20 });
  const op = await startFakeOp();
  // Its tokens come without a refresh token: they must outlive the sign-ins and the run, or every
  // session ends (401 SESSION_EXPIRED) 270 s after its sign-in, as it should with such a provider.
  op.accessTokenSeconds = 4 * 3600;
  const database = await createScratchDatabase(databaseUrl, 'pleiade_bench_soak');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pleiade-bench-soak-'));
  const port = PORT_BASE + 10;
  const base = `http://localhost:${port}`;
  const bff = await startBff(port, {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    PUBLIC_URL: base,
    SESSION_SECRET: randomBytes(48).toString('base64url'),
    CONNECTOR_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    ...benchInstallation(op),
    EMBEDDED_DATA_DIR: dir,
  });
  try {
    const signInAs = (username: string, groups: string[]) => signInBenchPerson(op, base, 'soak', username, groups);
    const operator = await signInAs('operateur-banc', ['agents', 'operateurs-banc']);
    const create = async (body: Record<string, unknown>) =>
      (
        (await call(operator, `${base}/api/admin/connectors`, {
          method: 'POST',
          headers: MUTATION,
          body: JSON.stringify({ allowPrivateNetworks: ['127.0.0.1/32'], ...body }),
        })) as { id: string }
      ).id;
    const zimbra = await create({
      kind: 'zimbra',
      label: 'Messagerie',
      baseUrl: sims.urls.zimbra,
      authMode: 'zimbra_preauth',
      secrets: { preauthKey: sims.credentials.zimbra.preauthKeys['demo-a.pleiade.test']! },
    });
    const shared = await create({
      kind: 'nextcloud',
      label: 'Nextcloud (compte de service)',
      baseUrl: sims.urls.nextcloud,
      authMode: 'service_account',
      secrets: { username: people[0]!.username, password: people[0]!.nextcloud.appPassword },
    });

    const signInStarted = performance.now();
    const targets: Target[] = [];
    for (const person of people) {
      const browser = await signInAs(person.username, ['agents']);
      const board = (await call(browser, `${base}/api/boards/current`)) as { id: string; version: number };
      const widgets = [
        { kind: 'mail', options: { connectorId: zimbra } },
        { kind: 'agenda', options: { connectorId: zimbra } },
        { kind: 'nextcloud-dashboard', options: { connectorId: shared, dashboardWidget: 'recommendations' } },
      ].map((widget, i) => ({ id: randomUUID(), layout: { lg: { x: i * 4, y: 0, w: 4, h: 4 } }, ...widget }));
      await call(browser, `${base}/api/boards/${board.id}`, {
        method: 'PUT',
        headers: MUTATION,
        body: JSON.stringify({ version: board.version, widgets }),
      });
      const headers = { cookie: browser.jar.header(base), accept: 'application/json' };
      targets.push({ url: `${base}/api/boards/current`, headers });
      for (const widget of widgets) targets.push({ url: `${base}/api/widgets/${widget.id}/data`, headers });
    }
    const signInSeconds = (performance.now() - signInStarted) / 1000;
    // Interleaved: consecutive requests come from different people, as at nine o'clock.
    const perPerson = 4;
    const interleaved: Target[] = [];
    for (let slot = 0; slot < perPerson; slot += 1)
      for (let person = 0; person < PEOPLE; person += 1) interleaved.push(targets[person * perPerson + slot]!);
    const rps = Math.round((PEOPLE * perPerson) / PERIOD_S);

    const samples: { at: number; rss: number }[] = [];
    const started = performance.now();
    const sampler = setInterval(() => {
      samples.push({ at: (performance.now() - started) / 1000, rss: rssMb(bff.pid()) });
    }, SAMPLE_MS);
    const outcome = await rateInWorker(interleaved, rps, SECONDS);
    clearInterval(sampler);
    const warm = samples.filter((sample) => sample.at >= WARMUP_S && sample.at < WARMUP_S + 60).map((s) => s.rss);
    const end = samples.filter((sample) => sample.at >= SECONDS - 60).map((s) => s.rss);
    console.log('soak outcome', {
      ok: outcome.ok,
      failures: outcome.failures,
      samples: samples.map((s) => s.rss.toFixed(1)).join(' '),
    });
    return {
      soak_people: PEOPLE,
      soak_seconds: SECONDS,
      soak_rps: rps,
      soak_sign_in_seconds: Number(signInSeconds.toFixed(1)),
      soak_requests: outcome.ok + failureCount(outcome),
      soak_failed: failureCount(outcome),
      soak_retried_on_closed_socket: outcome.retried,
      soak_p50_ms: percentile(outcome.latencies, 50),
      soak_p99_ms: percentile(outcome.latencies, 99),
      soak_rss_after_warmup_mb: Number(mean(warm).toFixed(1)),
      soak_rss_end_mb: Number(mean(end).toFixed(1)),
      soak_rss_max_mb: Number(Math.max(...samples.map((s) => s.rss)).toFixed(1)),
      soak_memory_growth_pct: Number((((mean(end) - mean(warm)) / mean(warm)) * 100).toFixed(1)),
    };
  } finally {
    await bff.stop();
    await op.close();
    await sims.close();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  }
}
