import type { Express } from 'express';

/** One route of the app: method, full pattern (mount paths joined) and Express's route object. */
export interface RouteEntry {
  /** Upper-case method; `ALL` for `router.all()`. */
  method: string;
  /** `/api/boards/:boardId`; a regular-expression route appears as its source. */
  path: string;
  route: object;
}

/*
 * Shapes of `router` 2.x (Express 5's router), read without typings: `app.router.stack` is a list of
 * layers; `router.get(path, …)` makes a layer with `route` (`path`, `methods`); `router.use(path,
 * router)` a layer with `handle` = the router and, since router 2.3, `rawPath` = the mount path.
 * The same walk as test/support/routes.ts, kept here for what the app itself needs (metrics labels).
 */
interface RouteLike {
  path: unknown;
  methods: Record<string, boolean | undefined>;
}
interface LayerLike {
  rawPath?: unknown;
  route?: RouteLike;
  handle?: unknown;
}

function isRouter(handle: unknown): handle is { stack: LayerLike[] } {
  return typeof handle === 'function' && Array.isArray((handle as { stack?: unknown }).stack);
}

function patterns(path: unknown): string[] {
  if (typeof path === 'string') return [path];
  if (path instanceof RegExp) return [String(path)];
  if (Array.isArray(path)) return path.flatMap(patterns);
  return [];
}

function join(prefix: string, path: string): string {
  if (path === '/' || path === '') return prefix === '' ? '/' : prefix;
  if (prefix === '' || prefix === '/') return path;
  return `${prefix}${path}`;
}

function walk(stack: LayerLike[], prefix: string, entries: RouteEntry[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const route = layer.route;
      const methods = Object.entries(route.methods)
        .filter(([, enabled]) => enabled)
        .map(([method]) => (method === '_all' ? 'ALL' : method.toUpperCase()));
      for (const path of patterns(route.path)) {
        for (const method of methods) entries.push({ method, path: join(prefix, path), route });
      }
    } else if (isRouter(layer.handle)) {
      for (const mount of patterns(layer.rawPath ?? '')) walk(layer.handle.stack, join(prefix, mount), entries);
    }
  }
}

/** Every route of an Express 5 app, in registration order. */
export function listAppRoutes(app: Express): RouteEntry[] {
  const router = (app as unknown as { router?: { stack?: LayerLike[] } }).router;
  const entries: RouteEntry[] = [];
  if (router?.stack) walk(router.stack, '', entries);
  return entries;
}

/** Each route object's full pattern (the first one, for a route mounted at several paths). */
export function routePatterns(app: Express): WeakMap<object, string> {
  const map = new WeakMap<object, string>();
  for (const entry of listAppRoutes(app)) if (!map.has(entry.route)) map.set(entry.route, entry.path);
  return map;
}
