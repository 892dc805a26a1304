/**
 * Closed-loop load generators in worker threads (their timers and sockets do not share the event
 * loop of what they measure): `ceilingInWorker` keeps `connections` requests in flight for
 * `seconds` and counts the answers, `rateInWorker` sends at a fixed rate across many URLs and
 * cookies (one per signed-in person). Both count every failure by its cause; none is hidden.
 */
import { Worker } from 'node:worker_threads';

export interface Target {
  url: string;
  headers: Record<string, string>;
}

export interface LoadOutcome {
  ok: number;
  /** "HTTP 502", "widget error", "ECONNRESET"… → how many. */
  failures: Record<string, number>;
  /**
   * GETs sent again, once, because the server closed the kept-alive socket they left on (Node's
   * `request.reusedSocket` race with the server's keep-alive timeout); a second failure counts.
   */
  retried: number;
  latencies: number[];
  seconds: number;
}

const WORKER = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { targets, mode, connections, seconds, rps, widgetOk } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(connections || 0, 256) });
const failures = {};
const latencies = [];
let ok = 0;
let retried = 0;
const fail = (cause) => { failures[cause] = (failures[cause] || 0) + 1; };
const get = (target, sent = performance.now(), retry = true) => new Promise((resolve) => {
  const req = http.get(target.url, { agent, headers: target.headers }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => (body += chunk));
    res.on('end', () => {
      if (res.statusCode !== 200) fail('HTTP ' + res.statusCode + ' ' + body.slice(0, 80));
      else if (widgetOk && target.url.includes('/api/widgets/') && JSON.parse(body).status !== 'ok') fail('widget ' + JSON.parse(body).status);
      else { ok += 1; latencies.push(performance.now() - sent); }
      resolve();
    });
    res.on('error', (error) => { fail(error.code || 'response error'); resolve(); });
  });
  req.on('error', (error) => {
    // A kept-alive socket the server closed as the request left on it: a browser (or HAProxy) sends
    // the GET again on a new connection, so does this client, once, and counts it.
    if (retry && req.reusedSocket && error.code === 'ECONNRESET') {
      retried += 1;
      get(target, sent, false).then(resolve);
      return;
    }
    fail(error.code || 'request error');
    resolve();
  });
});
(async () => {
  const started = performance.now();
  const end = started + seconds * 1000;
  let next = 0;
  const pick = () => targets[next++ % targets.length];
  if (mode === 'ceiling') {
    await Promise.all(Array.from({ length: connections }, async () => {
      while (performance.now() < end) await get(pick());
    }));
  } else {
    const pending = [];
    const total = Math.round(rps * seconds);
    for (let i = 0; i < total; i += 1) {
      const wait = started + (i * 1000) / rps - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(get(pick()));
    }
    await Promise.all(pending);
  }
  agent.destroy();
  parentPort.postMessage({ ok, failures, retried, latencies, seconds: (performance.now() - started) / 1000 });
})();
`;

function run(workerData: Record<string, unknown>): Promise<LoadOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData });
    worker.once('message', (outcome: LoadOutcome) => resolve(outcome));
    worker.once('error', reject);
  });
}

/** As many answers as `connections` requests kept in flight get in `seconds`. */
export function ceilingInWorker(targets: Target[], connections: number, seconds: number, widgetOk = true) {
  return run({ targets, mode: 'ceiling', connections, seconds, widgetOk });
}

/** `rps` requests a second for `seconds`, round-robin over `targets`. */
export function rateInWorker(targets: Target[], rps: number, seconds: number, widgetOk = true) {
  return run({ targets, mode: 'rate', rps, seconds, widgetOk });
}

export function failureCount(outcome: LoadOutcome): number {
  return Object.values(outcome.failures).reduce((sum, count) => sum + count, 0);
}
