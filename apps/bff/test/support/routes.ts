import { startTestPleiade, type TestPleiade } from './pleiade.js';

/** One route of the app: an HTTP method and the full path pattern as registered (mount paths joined). */
export interface AppRoute {
  /** Upper-case method; `ALL` for `router.all()` / `route.all()`. */
  method: string;
  /** `/api/boards/:boardId`; a regular expression route appears as its source, e.g. `/^\/(?!api\/).*\/`. */
  path: string;
}

/*
 * The shapes below are those of `router` 2.x (Express 5's router), read without its (absent) typings:
 * - `app.router.stack` is a list of layers;
 * - a layer made by `router.get(path, …)` / `router.route(path)` has `layer.route` (`route.path`,
 *   `route.methods` = { get: true, … });
 * - a layer made by `router.use(path, fn)` has `layer.handle = fn` and, since router 2.3,
 *   `layer.rawPath` = the path given to `use()` (before 2.3 the mount path was only kept inside a
 *   compiled matcher, which is why `rawPath` is required below rather than guessed).
 */
interface RouteLike {
  path: unknown;
  methods: Record<string, boolean | undefined>;
}
interface LayerLike {
  name?: string;
  rawPath?: unknown;
  route?: RouteLike;
  handle?: unknown;
}
interface RouterLike {
  stack: LayerLike[];
}
interface ExpressAppLike {
  router: RouterLike;
}

function isRouter(handle: unknown): handle is RouterLike {
  return typeof handle === 'function' && Array.isArray((handle as { stack?: unknown }).stack);
}

function isExpressApp(listener: unknown): listener is ExpressAppLike {
  return (
    typeof listener === 'function' &&
    typeof (listener as { handle?: unknown }).handle === 'function' &&
    typeof (listener as { set?: unknown }).set === 'function' &&
    'router' in listener
  );
}

function patterns(path: unknown, where: string): string[] {
  if (typeof path === 'string') return [path];
  if (path instanceof RegExp) return [String(path)];
  if (Array.isArray(path)) return path.flatMap((item) => patterns(item, where));
  throw new Error(`cannot read the path of ${where} (got ${typeof path}); has the router's layer shape changed?`);
}

function join(prefix: string, path: string): string {
  if (path === '/' || path === '') return prefix === '' ? '/' : prefix;
  if (prefix === '' || prefix === '/') return path;
  return `${prefix}${path}`;
}

function walk(stack: LayerLike[], prefix: string, routes: AppRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const methods = Object.entries(layer.route.methods)
        .filter(([, enabled]) => enabled)
        .map(([method]) => (method === '_all' ? 'ALL' : method.toUpperCase()));
      for (const path of patterns(layer.route.path, 'a route')) {
        for (const method of methods) routes.push({ method, path: join(prefix, path) });
      }
    } else if (isRouter(layer.handle)) {
      if (layer.rawPath === undefined) {
        throw new Error(
          'a mounted router has no `rawPath`: this version of `router` does not keep mount paths; list routes another way',
        );
      }
      for (const mount of patterns(layer.rawPath, 'a mounted router'))
        walk(layer.handle.stack, join(prefix, mount), routes);
    } else if (layer.name === 'mounted_app') {
      // app.use(path, otherExpressApp) hides the sub-app in a closure: its routes cannot be listed.
      throw new Error('an Express sub-application is mounted: its routes cannot be listed; mount a Router instead');
    }
  }
}

/** Every route of an Express 5 app, in registration order, by walking its router stack. */
export function listRoutes(app: unknown): AppRoute[] {
  if (!isExpressApp(app)) throw new Error('not an Express application');
  const routes: AppRoute[] = [];
  walk(app.router.stack, '', routes);
  const seen = new Set<string>();
  return routes.filter((route) => {
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * startTestPleiade(), also returning the Express app that serves requests: startPleiade() does not
 * expose it, so the HTTP servers created while it starts are recorded and the app is read from the
 * BFF server's `request` listeners (the demo IdP's server is Koa, not Express, and is skipped).
 */
export async function startTestPleiadeWithApp(
  extraEnv: Record<string, string> = {},
): Promise<{ pleiade: TestPleiade; app: ExpressAppLike }> {
  const pleiade = await startTestPleiade(extraEnv);
  if (!isExpressApp(pleiade.running.app)) {
    await pleiade.stop();
    throw new Error('startPleiade() did not expose an Express app');
  }
  return { pleiade, app: pleiade.running.app };
}
