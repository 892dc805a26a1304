import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulators, type Simulators } from '../index.js';
import { expectKeys, timed } from '../test-support.js';

// Field names from matrix-org/matrix-spec data/api/client-server/sync.yaml and whoami.yaml.
const SYNC_FIELDS = [
  'next_batch',
  'rooms',
  'presence',
  'account_data',
  'to_device',
  'device_lists',
  'device_one_time_keys_count',
];
const JOINED_ROOM_FIELDS = [
  'summary',
  'state',
  'timeline',
  'ephemeral',
  'account_data',
  'unread_notifications',
  'unread_thread_notifications',
];

let sims: Simulators;

beforeAll(async () => {
  sims = await startSimulators();
});
afterAll(() => sims.close());
afterEach(() => sims.setFault('matrix', 'none'));

const token = (username: string) => sims.credentials.matrix[username]!.accessToken;

function get(path: string, accessToken?: string, signal?: AbortSignal) {
  return fetch(`${sims.urls.matrix}${path}`, {
    headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
    signal,
  });
}

const minimalFilter = encodeURIComponent(
  JSON.stringify({ room: { timeline: { limit: 1 }, state: { lazy_load_members: true } }, presence: { types: [] } }),
);

interface JoinedRoom {
  state: { events: { type: string; state_key: string; content: { name?: string } }[] };
  timeline: { events: { type: string }[] };
  unread_notifications: { notification_count: number; highlight_count: number };
}
interface SyncBody {
  next_batch: string;
  rooms: { join: Record<string, JoinedRoom> };
}

describe('Matrix client-server API', () => {
  it('whoami identifies the token owner', async () => {
    const res = await get('/_matrix/client/v3/account/whoami', token('agent'));
    expect(res.status).toBe(200);
    const body = await res.json();
    expectKeys(body, ['user_id', 'device_id', 'is_guest']);
    expect(body).toMatchObject({ user_id: '@agent:demo-a.pleiade.test', is_guest: false });
  });

  it('sync (inline filter, timeout=0) returns unread counts and room names per joined room', async () => {
    const res = await get(`/_matrix/client/v3/sync?filter=${minimalFilter}&timeout=0`, token('agent'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as SyncBody;
    expectKeys(body, SYNC_FIELDS);
    expectKeys(body.rooms, ['join', 'invite', 'leave', 'knock']);
    const accueil = body.rooms.join['!accueil:demo-a.pleiade.test']!;
    expectKeys(accueil, JOINED_ROOM_FIELDS);
    expectKeys(accueil.unread_notifications, ['notification_count', 'highlight_count']);
    expect(accueil.unread_notifications).toEqual({ notification_count: 4, highlight_count: 1 });
    const name = accueil.state.events.find((e) => e.type === 'm.room.name' && e.state_key === '');
    expect(name?.content.name).toBe('Équipe accueil');
  });

  it('sync with since=next_batch returns no room update', async () => {
    const first = (await (await get('/_matrix/client/v3/sync?timeout=0', token('agent'))).json()) as SyncBody;
    const res = await get(`/_matrix/client/v3/sync?since=${first.next_batch}&timeout=0`, token('agent'));
    const body = (await res.json()) as SyncBody;
    expect(body.rooms.join).toEqual({});
  });

  it('sync accepts a filter id created with POST /user/{userId}/filter, and refuses unknown ones', async () => {
    const userId = encodeURIComponent(sims.credentials.matrix.agent!.userId);
    const created = await fetch(`${sims.urls.matrix}/_matrix/client/v3/user/${userId}/filter`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token('agent')}`, 'Content-Type': 'application/json' },
      body: decodeURIComponent(minimalFilter),
    });
    const { filter_id } = (await created.json()) as { filter_id: string };
    expect((await get(`/_matrix/client/v3/sync?filter=${filter_id}&timeout=0`, token('agent'))).status).toBe(200);
    expect((await get(`/_matrix/client/v3/sync?filter=${filter_id}&timeout=0`, token('agent-b'))).status).toBe(400);
  });

  it('applies the filter as the server does: a room left out of state types has no name', async () => {
    const sync = async (filter: object) =>
      (await (
        await get(
          `/_matrix/client/v3/sync?filter=${encodeURIComponent(JSON.stringify(filter))}&timeout=0`,
          token('agent'),
        )
      ).json()) as SyncBody;
    const accueil = '!accueil:demo-a.pleiade.test';
    // Without m.room.name among the state types, clients get no name (and must fall back).
    const noName = await sync({ room: { state: { types: ['m.room.canonical_alias'] } } });
    expect(noName.rooms.join[accueil]?.state.events).toEqual([]);
    // Wildcards, and not_types winning over types.
    const wildcard = await sync({ room: { state: { types: ['m.room.*'], not_types: ['m.room.topic'] } } });
    expect(wildcard.rooms.join[accueil]?.state.events.map((e) => e.type)).toEqual(['m.room.name']);
    // Room lists, and a timeline kept to the types asked for.
    const one = await sync({ room: { rooms: [accueil], timeline: { types: ['m.room.encrypted'] } } });
    expect(Object.keys(one.rooms.join)).toEqual([accueil]);
    expect(one.rooms.join[accueil]?.timeline.events).toEqual([]);
  });

  it('refuses what Synapse refuses: a filter off the schema, a bad timeout, presence or full_state', async () => {
    const status = async (query: string) => {
      const res = await get(`/_matrix/client/v3/sync?${query}`, token('agent'));
      return [res.status, ((await res.json()) as { errcode?: string }).errcode];
    };
    const bad = encodeURIComponent(JSON.stringify({ room: { timeline: { limit: 'un' } } }));
    expect(await status(`filter=${bad}`)).toEqual([400, 'M_BAD_JSON']);
    expect(await status('filter=%7Bnot-json')).toEqual([400, 'M_NOT_JSON']);
    expect(await status('timeout=soon')).toEqual([400, 'M_INVALID_PARAM']);
    expect(await status('timeout=-1')).toEqual([400, 'M_INVALID_PARAM']);
    expect(await status('set_presence=away')).toEqual([400, 'M_INVALID_PARAM']);
    expect(await status('full_state=yes')).toEqual([400, 'M_INVALID_PARAM']);
  });

  it('waits the timeout when nothing is new, and full_state gives every room again', async () => {
    const first = (await (await get('/_matrix/client/v3/sync?timeout=0', token('agent'))).json()) as SyncBody;
    const { ms } = await timed(() =>
      get(`/_matrix/client/v3/sync?since=${first.next_batch}&timeout=300`, token('agent')),
    );
    expect(ms).toBeGreaterThanOrEqual(280);
    const full = (await (
      await get(`/_matrix/client/v3/sync?since=${first.next_batch}&full_state=true&timeout=0`, token('agent'))
    ).json()) as SyncBody;
    expect(Object.keys(full.rooms.join).length).toBeGreaterThan(0);
  });

  it('refuses an unknown token (401 M_UNKNOWN_TOKEN) and a missing one (401 M_MISSING_TOKEN)', async () => {
    const bad = await get('/_matrix/client/v3/sync?timeout=0', 'syt_not_a_token');
    expect(bad.status).toBe(401);
    const badBody = await bad.json();
    expectKeys(badBody, ['errcode', 'error', 'soft_logout']);
    expect(badBody).toMatchObject({ errcode: 'M_UNKNOWN_TOKEN', soft_logout: false });
    const missing = await get('/_matrix/client/v3/account/whoami');
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ errcode: 'M_MISSING_TOKEN' });
  });

  it("never returns another user's rooms", async () => {
    const body = (await (await get('/_matrix/client/v3/sync?timeout=0', token('agent-b'))).json()) as SyncBody;
    expect(Object.keys(body.rooms.join)).toEqual(['!technique:demo-b.pleiade.test']);
  });
});

describe('Matrix simulator controls', () => {
  it('adds the configured latency', async () => {
    const slow = await startSimulators({ latencyMs: { matrix: 150 } });
    try {
      const { ms } = await timed(() => fetch(`${slow.urls.matrix}/_matrix/client/v3/account/whoami`));
      expect(ms).toBeGreaterThanOrEqual(140);
    } finally {
      await slow.close();
    }
  });

  it('fault modes: hang, http500, garbage', async () => {
    const path = '/_matrix/client/v3/sync?timeout=0';
    sims.setFault('matrix', 'hang');
    await expect(get(path, token('agent'), AbortSignal.timeout(200))).rejects.toThrow(/timeout|aborted/i);
    sims.setFault('matrix', 'http500');
    expect((await get(path, token('agent'))).status).toBe(500);
    sims.setFault('matrix', 'garbage');
    await expect((await get(path, token('agent'))).json()).rejects.toThrow(SyntaxError);
  });

  it('counts requests', async () => {
    sims.resetCounts();
    await get('/_matrix/client/v3/sync?timeout=0', token('agent'));
    expect(sims.requestCount('matrix')).toBe(1);
  });
});
