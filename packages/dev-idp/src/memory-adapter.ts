import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

// The models revoked together when their grant is (logout, refresh token reuse…).
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

/**
 * In-memory storage for one IdP instance. oidc-provider ships one too, but using it prints a
 * "you MUST change it" warning at every start, and its store is capped at 1000 entries, so a long
 * end-to-end run could lose sessions.
 */
export function createMemoryAdapter(): AdapterFactory {
  const entries = new Map<string, Entry>();
  const sessionByUid = new Map<string, string>();
  const byUserCode = new Map<string, string>();
  const keysByGrant = new Map<string, Set<string>>();
  let lastSweep = Date.now();

  const live = (key: string): AdapterPayload | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry?.payload;
  };

  // Expired entries are otherwise only dropped when read again, which most never are.
  const sweep = () => {
    const now = Date.now();
    if (now - lastSweep < 60_000) return;
    lastSweep = now;
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    for (const index of [sessionByUid, byUserCode]) {
      for (const [k, key] of index) if (!entries.has(key)) index.delete(k);
    }
    for (const [grantId, keys] of keysByGrant) {
      for (const key of keys) if (!entries.has(key)) keys.delete(key);
      if (keys.size === 0) keysByGrant.delete(grantId);
    }
  };

  return (model: string): Adapter => {
    const keyFor = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        sweep();
        const key = keyFor(id);
        const expiresAt = expiresIn === undefined ? Infinity : Date.now() + expiresIn * 1000;
        entries.set(key, { payload, expiresAt });
        if (model === 'Session' && typeof payload.uid === 'string') sessionByUid.set(payload.uid, key);
        if (payload.userCode) byUserCode.set(payload.userCode, key);
        if (GRANTABLE.has(model) && payload.grantId) {
          const keys = keysByGrant.get(payload.grantId) ?? new Set<string>();
          keysByGrant.set(payload.grantId, keys.add(key));
        }
      },
      async find(id) {
        return live(keyFor(id));
      },
      async findByUid(uid) {
        const key = sessionByUid.get(uid);
        return key === undefined ? undefined : live(key);
      },
      async findByUserCode(userCode) {
        const key = byUserCode.get(userCode);
        return key === undefined ? undefined : live(key);
      },
      async consume(id) {
        const payload = live(keyFor(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        entries.delete(keyFor(id));
      },
      async revokeByGrantId(grantId) {
        for (const key of keysByGrant.get(grantId) ?? []) entries.delete(key);
        keysByGrant.delete(grantId);
      },
    };
  };
}
