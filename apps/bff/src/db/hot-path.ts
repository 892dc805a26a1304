import type { LoadedPrincipal } from '../auth/principal.js';
import { HotCache } from './hot-cache.js';
import type { Invalidations } from './invalidation.js';

/**
 * The request path's process caches, one per kind of value, all dropped by the same invalidation
 * messages. Without `invalidations` (tests that build the app alone) nothing is kept: every
 * request reads the database, as before.
 */
export interface HotPath {
  invalidations: Invalidations | undefined;
  /** userId → the person and their collectivité (null: no such user). */
  principals: HotCache<LoadedPrincipal | null>;
  /** What a widget read needs of the widget (service.ts), per person and widget. */
  widgets: HotCache<unknown>;
  /** collectivité → its enabled connectors, parsed, their secrets opened once (service.ts). */
  connectors: HotCache<unknown>;
  /** (person, connector) → the person's own secret, opened once (personal-credentials.ts). */
  credentials: HotCache<unknown>;
  /** sha-256 of a session id → the stored session, as JSON (http/session-store.ts). */
  sessions: HotCache<string>;
}

export function createHotPath(invalidations: Invalidations | undefined): HotPath {
  return {
    invalidations,
    principals: new HotCache(invalidations, { max: 20_000 }),
    widgets: new HotCache(invalidations, { max: 100_000 }),
    connectors: new HotCache(invalidations, { max: 5_000 }),
    credentials: new HotCache(invalidations, { max: 50_000 }),
    sessions: new HotCache(invalidations, { max: 20_000 }),
  };
}

export const principalTags = (userId: string, principal: LoadedPrincipal | null): string[] =>
  principal ? [`user:${userId}`, `collectivite:${principal.collectiviteId}`] : [`user:${userId}`];
