/**
 * `pnpm bench -- --scenario=lb`: two BFF processes behind HAProxy, sharing PostgreSQL and Redis
 * (issue #12, point 3), on loopback:
 *   - lb_one_instance_rps: cached widget reads a second one BFF process answers (directly, 32
 *     requests in flight), lb_two_instances_rps: the same through HAProxy to both, lb_scaling its ratio;
 *   - a rolling restart under a fixed load (LB_RPS through HAProxy, cached reads and /api/me of
 *     several signed-in people): each instance in turn gets SIGTERM (drain, close), starts again
 *     and rejoins; lb_rolling_failed counts every request not answered 200 with its data
 *     (lost, refused, 401 of a lost session, 5xx), lb_rolling_sessions_lost the people signed
 *     out afterwards.
 * Needs DATABASE_URL (a fresh database is made there) and REDIS_URL (default: 127.0.0.1:6379).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase } from '@pleiade/bff';
import { DEMO_USERS, startSimulators } from '@pleiade/simulators';
import { startFakeOp } from '../apps/bff/test/support/fake-op.ts';
import { signInBenchPerson } from './sign-in.ts';
import { cloneUser, createNextcloudConnector, placeNotificationsWidget } from './bench-api.ts';
import { benchInstallation } from './in-process.ts';
import { ceilingInWorker, failureCount, rateInWorker, type Target } from './load.ts';
import { cpuMs, PORT_BASE, startBff, startHaproxy } from './processes.ts';

const PEOPLE = 10;
const CEILING_CONNECTIONS = Number(process.env.BENCH_CEILING_CONNECTIONS ?? 32);
const CEILING_SECONDS = Number(process.env.BENCH_CEILING_SECONDS ?? 6);
const LB_RPS = Number(process.env.BENCH_LB_RPS ?? 100);

export async function runClusterBench(): Promise<Record<string, number>> {
  const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const people = Array.from({ length: PEOPLE }, (_, i) => cloneUser(DEMO_USERS[0]!, `lb${i + 1}`));
  const sims = await startSimulators({ users: people, latencyMs: 0 });
  const op = await startFakeOp();
  const database = await createScratchDatabase(databaseUrl, 'pleiade_bench_lb');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pleiade-bench-lb-'));
  const lbPort = PORT_BASE;
  const env = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    PUBLIC_URL: `http://localhost:${lbPort}`,
    TRUST_PROXY: '1',
    SESSION_SECRET: randomBytes(48).toString('base64url'),
    CONNECTOR_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    ...benchInstallation(op),
    EMBEDDED_DATA_DIR: dir,
  };
  const first = await startBff(lbPort + 1, env);
  const second = await startBff(lbPort + 2, env).catch(async (error: unknown) => {
    await first.stop();
    throw error;
  });
  const balancer = await startHaproxy(
    lbPort,
    [
      { name: 'a', port: first.port },
      { name: 'b', port: second.port },
    ],
    dir,
  ).catch(async (error: unknown) => {
    await first.stop();
    await second.stop();
    throw error;
  });
  const base = `http://localhost:${lbPort}`;
  try {
    const signInAs = (username: string, groups: string[]) => signInBenchPerson(op, base, 'bench', username, groups);
    const operator = await signInAs('operateur-banc', ['agents', 'operateurs-banc']);
    const connectorId = await createNextcloudConnector(operator, base, sims.urls.nextcloud);
    const targets: Target[] = [];
    const cookies: string[] = [];
    for (const person of people) {
      const browser = await signInAs(person.username, ['agents']);
      const widgetId = await placeNotificationsWidget(browser, base, connectorId, person);
      const cookie = browser.jar.header(base);
      cookies.push(cookie);
      const headers = { cookie, accept: 'application/json' };
      targets.push({ url: `/api/widgets/${widgetId}/data`, headers }, { url: '/api/me', headers });
    }
    const at = (origin: string, only?: (target: Target) => boolean) =>
      targets.filter(only ?? (() => true)).map((target) => ({ ...target, url: origin + target.url }));
    const reads = (target: Target) => target.url.includes('/api/widgets/');

    // Fill the caches of both instances and the data cache (Redis).
    await rateInWorker(at(balancer.url), 200, 2);
    const ceiling = async (list: Target[]) => {
      await ceilingInWorker(list, CEILING_CONNECTIONS, 1);
      const outcome = await ceilingInWorker(list, CEILING_CONNECTIONS, CEILING_SECONDS);
      if (failureCount(outcome) > 0) throw new Error(`ceiling: ${JSON.stringify(outcome.failures)}`);
      return { rps: Math.round(outcome.ok / outcome.seconds), answered: outcome.ok };
    };
    // CPU time the instance spends per cached read: what the ceiling would be with a CPU of its own,
    // whatever else the machine runs meanwhile.
    const cpuBefore = cpuMs(first.pid());
    const single = await ceiling(at(first.url, reads));
    const cpuPerRead = (cpuMs(first.pid()) - cpuBefore) / single.answered;
    const one = single.rps;
    const two = (await ceiling(at(balancer.url, reads))).rps;

    // Rolling restart under load: SIGTERM one instance, start it again, wait until HAProxy sends it
    // requests again (2 checks at 500 ms), then the other.
    const seconds = Number(process.env.BENCH_LB_SECONDS ?? 45);
    const load = rateInWorker(at(balancer.url), LB_RPS, seconds);
    const restarts: number[] = [];
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    for (const [name, instance] of [
      ['a', first],
      ['b', second],
    ] as const) {
      const started = performance.now();
      await instance.stop();
      await instance.start();
      // Back in HAProxy's pool (two health checks passed) before the other one stops.
      const deadline = Date.now() + 30_000;
      while (!(await balancer.serverUp(name))) {
        if (Date.now() > deadline) throw new Error(`instance ${name} not back in the pool within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      restarts.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const outcome = await load;
    let sessionsLost = 0;
    for (const cookie of cookies) {
      const response = await fetch(`${balancer.url}/api/me`, { headers: { cookie } });
      await response.arrayBuffer();
      if (response.status !== 200) sessionsLost += 1;
    }
    console.log('rolling restart outcome', { ok: outcome.ok, failures: outcome.failures });
    return {
      lb_ceiling_connections: CEILING_CONNECTIONS,
      lb_one_instance_rps: one,
      lb_two_instances_rps: two,
      lb_scaling: Number((two / one).toFixed(2)),
      lb_cpu_ms_per_cached_read: Number(cpuPerRead.toFixed(3)),
      lb_rolling_rps: LB_RPS,
      lb_rolling_requests: outcome.ok + failureCount(outcome),
      lb_rolling_failed: failureCount(outcome),
      lb_rolling_retried_on_closed_socket: outcome.retried,
      lb_rolling_restart_ms: Math.round(Math.max(...restarts)),
      lb_rolling_sessions_lost: sessionsLost,
    };
  } finally {
    await balancer.stop();
    await first.stop();
    await second.stop();
    await op.close();
    await sims.close();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  }
}
