import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema } from '@pleiade/contracts';
import { createLogger } from '../../src/logger.js';
import { freePort } from '../../src/net.js';
import { startPleiade, type RunningPleiade } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testLookup } from '../support/dns.js';
import { testConfig } from '../support/pleiade.js';

/*
 * The port opens before the product is ready (the demo IdP needs the address it serves). A probe
 * or a person arriving then must get an answer at once — 503 "démarrage" — never a connection that
 * hangs until the start ends (or forever, if it fails).
 */

let running: RunningPleiade | undefined;
let database: TestDatabase | undefined;
let dir: string | undefined;

afterAll(async () => {
  await running?.close();
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Probe {
  path: string;
  status: number | 'refused' | 'hung';
  retryAfter: string | null;
  body: string;
}

/** One request with a short deadline: an answer, a refused connection (not listening yet) or a hang. */
async function probe(base: string, probePath: string): Promise<Probe> {
  try {
    const response = await fetch(`${base}${probePath}`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(2_000),
    });
    return {
      path: probePath,
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: await response.text(),
    };
  } catch (error) {
    const hung = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { path: probePath, status: hung ? 'hung' : 'refused', retryAfter: null, body: '' };
  }
}

describe('a request while Pléiade starts', () => {
  it('is answered at once with 503 and Retry-After until the product is ready, never left hanging', async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'pleiade-boot-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const config = testConfig({
      DATABASE_URL: database.url,
      EMBEDDED_DATA_DIR: dir,
      PORT: String(port),
      // The demo applications lengthen the time between the port opening and the product being ready.
      DEMO_APPLICATIONS: '1',
    });
    let ready = false;
    const starting = startPleiade(config, createLogger('silent'), { lookup: testLookup }).then((started) => {
      running = started;
      ready = true;
    });
    const probes: Probe[] = [];
    const paths = ['/api/me', '/readyz', '/healthz', '/', '/auth/login'];
    for (let round = 0; !ready; round += 1) {
      probes.push(await probe(base, paths[round % paths.length] ?? '/'));
    }
    await starting;
    expect(
      probes.filter((p) => p.status === 'hung'),
      'requests left hanging while starting',
    ).toEqual([]);
    // The last ones may already be the product's own answers (ready before this loop saw it).
    const whileStarting = probes.filter(
      (p) => p.status === 503 || (p.path === '/healthz' && p.body.includes('starting')),
    );
    expect(
      whileStarting.length,
      'some requests arrived between the port opening and the product being ready',
    ).toBeGreaterThan(0);
    for (const answer of probes) {
      if (typeof answer.status === 'number')
        expect(answer.status === 503 || answer.status < 500, answer.path).toBe(true);
    }
    for (const answer of whileStarting) {
      if (answer.path === '/healthz') {
        // Alive, though not ready: a liveness probe must not kill a starting process.
        expect(answer.status, answer.path).toBe(200);
        continue;
      }
      expect(Number(answer.retryAfter), answer.path).toBeGreaterThan(0);
      if (answer.path.startsWith('/api/')) {
        const { error } = apiErrorBodySchema.parse(JSON.parse(answer.body));
        expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
        expect(error.message).toMatch(/démarre/);
      }
    }
    // Ready: the product itself answers.
    expect((await probe(base, '/readyz')).status).toBe(200);
    expect((await probe(base, '/api/me')).status).toBe(401);
  });
});
