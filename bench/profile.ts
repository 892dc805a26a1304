/**
 * `pnpm bench -- --scenario=profile [--path=/api/me]`: where one instance's CPU goes on the request
 * path. One person with a Nextcloud notifications widget (cached read) signs in; the load generator
 * (its own thread) keeps PROFILE_CONNECTIONS requests in flight (or sends PROFILE_RPS a second) on
 * `path` for PROFILE_SECONDS while V8's sampling profiler runs on the thread that serves them. Prints the self time by package and
 * the heaviest functions, writes the profile to bench/results/profile.cpuprofile (open it in
 * Chrome's DevTools), and prints the requests a second measured under the profiler (not comparable
 * with the ceiling figures: sampling costs a few percent). With `--alloc`, the memory allocated per
 * request by allocation site instead.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_USERS, startSimulators } from '@pleiade/simulators';
import { startFakeOp } from '../apps/bff/test/support/fake-op.ts';
import { createNextcloudConnector, placeNotificationsWidget } from './bench-api.ts';
import { startInProcess } from './in-process.ts';
import { ceilingInWorker, failureCount, rateInWorker, type Target } from './load.ts';
import { signInBenchPerson } from './sign-in.ts';

const CONNECTIONS = Number(process.env.PROFILE_CONNECTIONS ?? 32);
/** Set: a fixed rate of requests a second instead of CONNECTIONS kept in flight. */
const RPS = Number(process.env.PROFILE_RPS ?? 0);
const SECONDS = Number(process.env.PROFILE_SECONDS ?? 8);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** "pkg" for node_modules/.pnpm/…/node_modules/pkg/…, "node:<module>" for Node's own, else the file. */
function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return url;
  const inModules = url.lastIndexOf('/node_modules/');
  if (inModules >= 0) {
    const rest = url.slice(inModules + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('file:')) return path.relative(ROOT, fileURLToPath(url));
  return url.startsWith('/') ? path.relative(ROOT, url) : url;
}

function summarise(profile: CpuProfile): void {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((sum, us) => sum + us, 0);
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byNode.get(id)!.callFrame;
    add(byOwner, ownerOf(url, functionName), us);
    add(byFunction, `${functionName || '(anonymous)'} ${ownerOf(url, functionName)}:${lineNumber + 1}`, us);
  }
  const table = (map: Map<string, number>, count: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, us]) => ({ name, percent: Number(((100 * us) / total).toFixed(1)) }));
  console.table(table(byOwner, 25));
  console.table(table(byFunction, 40));
}

/** The load while profiling: CONNECTIONS in flight, or PROFILE_RPS requests a second. */
const loadFor = (load: Target[], seconds: number) =>
  RPS > 0 ? rateInWorker(load, RPS, seconds) : ceilingInWorker(load, CONNECTIONS, seconds);

interface SamplingNode {
  callFrame: ProfileNode['callFrame'];
  selfSize: number;
  children: SamplingNode[];
}

/**
 * `--alloc`: what a request allocates, by allocation site, with V8's sampling heap profiler keeping
 * the objects the garbage collector already freed (every allocation, not what survives) — the
 * young-generation collections, and so the pauses, follow these bytes.
 */
async function allocationProfile(inspector: Session, load: Target[]) {
  await inspector.post('HeapProfiler.enable');
  await inspector.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  const outcome = await loadFor(load, SECONDS);
  const { profile } = (await inspector.post('HeapProfiler.stopSampling')) as unknown as {
    profile: { head: SamplingNode };
  };
  const bySite = new Map<string, number>();
  const walk = (node: SamplingNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const site = `${functionName || '(anonymous)'} ${ownerOf(url, functionName)}:${lineNumber + 1}`;
    bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    node.children.forEach(walk);
  };
  walk(profile.head);
  const kbPerRequest = (bytes: number) => Number((bytes / outcome.ok / 1024).toFixed(2));
  const total = [...bySite.values()].reduce((sum, bytes) => sum + bytes, 0);
  console.table(
    [...bySite]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30)
      .map(([site, bytes]) => ({ site, kb_per_request: kbPerRequest(bytes) })),
  );
  console.log(`${kbPerRequest(total)} KB allocated per request (${outcome.ok} requests)`);
}

export async function runProfileBench(): Promise<Record<string, number>> {
  const target = process.argv.find((arg) => arg.startsWith('--path='))?.slice('--path='.length);
  const user = { ...DEMO_USERS[0]!, username: 'profil', email: 'profil@demo-a.pleiade.test' };
  const sims = await startSimulators({ users: [user], latencyMs: 0 });
  const op = await startFakeOp();
  const running = await startInProcess(op, 'pleiade-profile');
  const base = running.url;
  try {
    const admin = await signInBenchPerson(op, base, 'profil', 'operateur-banc', ['agents', 'operateurs-banc']);
    const connectorId = await createNextcloudConnector(admin, base, sims.urls.nextcloud);
    const person = await signInBenchPerson(op, base, 'profil', user.username, ['agents']);
    const widgetId = await placeNotificationsWidget(person, base, connectorId, user);
    const url = base + (target ?? `/api/widgets/${widgetId}/data`);
    const load = [{ url, headers: { cookie: person.jar.header(base), accept: 'application/json' } }];
    await ceilingInWorker(load, CONNECTIONS, 2); // warm-up: JIT, caches, sockets
    const inspector = new Session();
    inspector.connect();
    if (process.argv.includes('--alloc')) {
      await allocationProfile(inspector, load);
      inspector.disconnect();
      return {};
    }
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
    await inspector.post('Profiler.start');
    const outcome = await loadFor(load, SECONDS);
    const { profile } = (await inspector.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    inspector.disconnect();
    if (failureCount(outcome) > 0) throw new Error(`profile load failed: ${JSON.stringify(outcome.failures)}`);
    writeFileSync(path.join(ROOT, 'bench/results/profile.cpuprofile'), JSON.stringify(profile));
    summarise(profile);
    const rps = Math.round(outcome.ok / outcome.seconds);
    const how = RPS > 0 ? `at ${RPS} requests/s` : `${CONNECTIONS} in flight`;
    console.log(`${url.slice(base.length)}: ${rps} answers/s under the profiler, ${how}`);
    return {};
  } finally {
    await running.close();
    await op.close();
    await sims.close();
  }
}
