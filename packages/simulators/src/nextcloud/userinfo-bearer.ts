// Bearer validation against an OpenID provider's userinfo endpoint, as Nextcloud's user_oidc does
// with `userinfo_bearer_validation` (nextcloud/user_oidc lib/User/Validator/UserInfoValidator.php:
// the token is sent to userinfo and the configured uid claim names the Nextcloud user).
import { createHash } from 'node:crypto';

export interface UserinfoBearerOptions {
  userinfoUrl: string;
  /** Claim naming the Nextcloud user (user_oidc's "mapping-uid" setting). */
  uidClaim: string;
  /** How long an answer (accepted or refused) is reused for the same token. */
  cacheMs: number;
  now: () => Date;
  /** Request timeout, so that a hung provider gives a 401 instead of a hung Nextcloud. */
  timeoutMs?: number;
}

export interface UserinfoBearerResolver {
  (token: string): Promise<string | undefined>;
  /** Requests sent to the userinfo endpoint so far (to check the cache in tests). */
  readonly calls: number;
}

export function createUserinfoBearerResolver(options: UserinfoBearerOptions): UserinfoBearerResolver {
  // Keyed by a hash: the tokens themselves are not kept in memory longer than needed.
  const cache = new Map<string, { uid: string | undefined; until: number }>();
  let calls = 0;

  /** `final: false` when the provider could not answer: that refusal is not cached. */
  async function lookUp(token: string): Promise<{ uid: string | undefined; final: boolean }> {
    calls += 1;
    try {
      const res = await fetch(options.userinfoUrl, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
      });
      if (!res.ok) return { uid: undefined, final: res.status === 401 || res.status === 403 };
      const claims = (await res.json()) as unknown;
      const uid =
        typeof claims === 'object' && claims !== null
          ? (claims as Record<string, unknown>)[options.uidClaim]
          : undefined;
      return { uid: typeof uid === 'string' && uid !== '' ? uid : undefined, final: true };
    } catch {
      return { uid: undefined, final: false };
    }
  }

  const resolve = async (token: string) => {
    const key = createHash('sha256').update(token).digest('base64url');
    const now = options.now().getTime();
    const hit = cache.get(key);
    if (hit && hit.until > now) return hit.uid;
    const { uid, final } = await lookUp(token);
    if (final) {
      if (cache.size >= 1000) cache.clear();
      cache.set(key, { uid, until: now + options.cacheMs });
    }
    return uid;
  };
  return Object.defineProperty(resolve, 'calls', { get: () => calls }) as UserinfoBearerResolver;
}
