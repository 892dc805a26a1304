/**
 * Real servers for the multi-process scenarios (cluster.ts, soak.ts): BFF processes started from
 * the built product (apps/bff/dist/main.js, as `npm start` in production) and HAProxy from Debian
 * (/usr/sbin/haproxy) in front of them. Ports from BENCH_PORT_BASE (4300: balancer, then BFFs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 4300);
const HAPROXY = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';

async function waitFor(url: string, timeoutMs: number, ok = (status: number) => status === 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (ok(response.status)) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface BffProcess {
  port: number;
  url: string;
  pid(): number;
  /** SIGTERM (graceful: drain, then close) and wait for the exit; answers how long it took. */
  stop(): Promise<number>;
  start(): Promise<void>;
}

/** One BFF process on `port`; `env` its environment (DATABASE_URL, REDIS_URL, OIDC_*…). */
export async function startBff(port: number, env: Record<string, string>): Promise<BffProcess> {
  let child: ChildProcess | undefined;
  let stderr = '';
  const url = `http://127.0.0.1:${port}`;
  const bff: BffProcess = {
    port,
    url,
    pid: () => child?.pid ?? -1,
    async start() {
      stderr = '';
      // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": a CPU profile of each BFF process.
      const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
      child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'apps/bff/dist/main.js')], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
      const exited = new Promise<never>((_, reject) =>
        child?.once('exit', (code) => reject(new Error(`BFF on ${port} exited (${code}): ${stderr}`))),
      );
      await Promise.race([waitFor(`${url}/readyz`, 60_000), exited]);
    },
    async stop() {
      const running = child;
      if (!running || running.exitCode !== null) return 0;
      const started = performance.now();
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill('SIGTERM');
      await exited;
      return performance.now() - started;
    },
  };
  await bff.start();
  return bff;
}

/** Resident memory of a process (kB → MB), from /proc. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** CPU time a process has used so far (user + system, ms), from /proc (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export interface Balancer {
  url: string;
  /** Whether HAProxy's health checks have the server in the pool (its statistics, CSV). */
  serverUp(name: string): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * HAProxy in front of `servers`: round robin, health checks on /readyz every 500 ms (a stopping or
 * starting instance leaves the pool), and a request whose connection was refused or closed
 * unanswered is sent again to the other instance (retry-on + redispatch): a rolling restart loses
 * nothing the client sent.
 */
export async function startHaproxy(
  port: number,
  servers: { name: string; port: number }[],
  dir: string,
): Promise<Balancer> {
  const config = path.join(dir, 'haproxy.cfg');
  writeFileSync(
    config,
    [
      'global',
      '  maxconn 4000',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 60s',
      '  timeout server 60s',
      // Longer than any pause of the load generator: it never reuses a socket HAProxy is closing.
      '  timeout http-keep-alive 75s',
      '  timeout check 3s',
      '  option redispatch 1',
      '  retries 3',
      '  retry-on conn-failure empty-response response-timeout 503',
      'frontend stats',
      `  bind 127.0.0.1:${port + 3}`,
      '  stats enable',
      '  stats uri /stats',
      'frontend pleiade',
      `  bind 127.0.0.1:${port}`,
      '  option forwardfor',
      '  default_backend bff',
      'backend bff',
      '  balance roundrobin',
      '  option httpchk GET /readyz',
      '  http-check expect status 200',
      ...servers.map(
        (server) => `  server ${server.name} 127.0.0.1:${server.port} check inter 500 fall 2 rise 2 maxconn 64`,
      ),
      '',
    ].join('\n'),
  );
  const child = spawn(HAPROXY, ['-f', config, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  await Promise.race([
    waitFor(`${url}/readyz`, 15_000),
    new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`haproxy exited (${code}): ${stderr}`))),
    ),
  ]);
  return {
    url,
    async serverUp(name) {
      const csv = await (await fetch(`http://127.0.0.1:${port + 3}/stats;csv`)).text();
      const [header = '', ...rows] = csv.split('\n');
      const columns = header.replace(/^# /, '').split(',');
      const status = columns.indexOf('status');
      return rows.some((row) => {
        const cells = row.split(',');
        return cells[0] === 'bff' && cells[1] === name && cells[status] === 'UP';
      });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
