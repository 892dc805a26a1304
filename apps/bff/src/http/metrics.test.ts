import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UpstreamClient } from '../connectors/upstream-client.js';
import { freePort } from '../net.js';
import { Metrics } from './metrics.js';

describe('Metrics of upstream calls and circuits', () => {
  it('counts a refused call as unreachable, then an open circuit as circuit_open, per kind', async () => {
    const metrics = new Metrics();
    // A loopback port where nothing listens: every call is refused.
    const client = new UpstreamClient({
      instanceId: 'glpi-1',
      baseUrl: `http://127.0.0.1:${await freePort()}/`,
      allowPrivateNetworks: ['127.0.0.1/32'],
      resilience: { retries: 0, breakerThreshold: 1, halfOpenAfterMs: 60_000 },
      observe: (outcome, seconds) => metrics.observeUpstream('glpi', outcome, seconds),
    });
    metrics.attach({
      cacheStats: () => ({ hit: 3, stale: 1, miss: 4 }),
      circuits: () => [
        { kind: 'glpi', circuit: client.resilience.circuit },
        { kind: 'zimbra', circuit: 'closed' },
      ],
    });
    const read = () => client.read({ path: '/status', schema: z.unknown() });
    expect((await read()).status).toBe('unreachable');
    expect((await read()).status).toBe('circuit_open');
    const text = (await metrics.scrape()).body;
    client.close();

    expect(text).toContain('pleiade_upstream_request_duration_seconds_count{kind="glpi",outcome="unreachable"} 1');
    expect(text).toContain('pleiade_upstream_request_duration_seconds_count{kind="glpi",outcome="circuit_open"} 1');
    expect(text).toContain('pleiade_circuit_breaker_state{kind="glpi",state="open"} 1');
    expect(text).toContain('pleiade_circuit_breaker_state{kind="glpi",state="closed"} 0');
    expect(text).toContain('pleiade_circuit_breaker_state{kind="zimbra",state="closed"} 1');
    expect(text).toContain('pleiade_widget_cache_lookups_total{result="hit"} 3');
    expect(text).toContain('pleiade_widget_cache_lookups_total{result="stale"} 1');
    expect(text).toContain('pleiade_widget_cache_lookups_total{result="miss"} 4');
    expect(text).toContain('pleiade_widget_cache_hit_ratio 0.5');
  });

  it('keeps each app’s series apart (one registry per Metrics)', async () => {
    const first = new Metrics();
    const second = new Metrics();
    first.observeUpstream('matrix', 'ok', 0.02);
    expect((await first.scrape()).body).toContain(
      'pleiade_upstream_request_duration_seconds_count{kind="matrix",outcome="ok"} 1',
    );
    expect((await second.scrape()).body).not.toContain('kind="matrix"');
  });
});
