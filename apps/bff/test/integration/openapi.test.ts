import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../src/http/api-routes.js';
import { openApiPath } from '../../src/http/openapi.js';
import { listAppRoutes } from '../../src/http/route-table.js';
import { VALIDATED_SCHEMAS } from '../../src/http/validate.js';
import { listRoutes, startTestPleiadeWithApp, type AppRoute } from '../support/routes.js';
import type { TestPleiade } from '../support/pleiade.js';

/** The SPA's fallback (a regular expression answering the web app's pages): not part of the API. */
const SPA_FALLBACK = String.raw`/^\/(?!api\/|auth\/).*/`;

let pleiade: TestPleiade;
let app: Parameters<typeof listRoutes>[0];
let routes: AppRoute[];
let document: {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: object }>>;
};

beforeAll(async () => {
  const started = await startTestPleiadeWithApp();
  pleiade = started.pleiade;
  app = started.app;
  routes = listRoutes(app).filter((route) => route.path !== SPA_FALLBACK);
  const response = await fetch(`${pleiade.url}/api/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  document = (await response.json()) as typeof document;
});
afterAll(async () => {
  await pleiade?.stop();
});

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function operations(): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => HTTP_METHODS.has(key))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, served without a session', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every route of the app, and only those', () => {
    expect(routes.length).toBeGreaterThan(30);
    const described = operations().sort();
    const registered = routes.map((route) => `${route.method} ${openApiPath(route.path)}`).sort();
    // Names what is missing on either side: a route without its line in src/http/api-routes.ts, or a line without a route.
    expect(registered.filter((key) => !described.includes(key))).toEqual([]);
    expect(described.filter((key) => !registered.includes(key))).toEqual([]);
    expect(described).toEqual(registered);
  });

  it('describes each route with the very contracts its validated() checks', () => {
    let checked = 0;
    for (const entry of listAppRoutes(app as never)) {
      const layers = (entry.route as { stack: { method?: string; handle: { [VALIDATED_SCHEMAS]?: object } }[] }).stack;
      for (const layer of layers) {
        const schemas = layer.handle[VALIDATED_SCHEMAS] as { params?: unknown; body?: unknown } | undefined;
        if (!schemas || layer.method?.toUpperCase() !== entry.method) continue;
        const description = API_ROUTES.find((item) => item.method === entry.method && item.path === entry.path);
        const where = `${entry.method} ${entry.path}`;
        expect(description, where).toBeDefined();
        expect(description?.params === schemas.params, `${where}: params`).toBe(true);
        expect(description?.body === schemas.body, `${where}: body`).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('names every path parameter, and gives the API routes their JSON error answer', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries(item)) {
        const inPath = (operation.parameters ?? []).filter((param) => param.in === 'path').map((param) => param.name);
        expect(inPath.sort(), `${method} ${path}`).toEqual([...names].sort());
        if (path.startsWith('/api/') && path !== '/api/openapi.json') {
          expect(Object.keys(operation.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['4XX', '5XX']));
        }
      }
    }
  });

  it('carries the contracts’ JSON Schemas, widgets included, with every reference resolved', () => {
    const text = JSON.stringify(document);
    const board = JSON.stringify(document.paths['/api/boards/{boardId}']?.get?.responses);
    expect(board).toContain('"widgets":{"type":"array","items":{"$ref":"#/components/schemas/BoardWidget"}}');
    const schemas = (document as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas;
    for (const kind of ['mail', 'nextcloud-dashboard', 'notes']) {
      expect(JSON.stringify(schemas.BoardWidget)).toContain(`"const":"${kind}"`);
      expect(JSON.stringify(schemas.SharedWidgetInput)).toContain(`"const":"${kind}"`);
    }
    expect(JSON.stringify(schemas.SharedWidget)).toContain('"locked"');
    const connector = JSON.stringify(document.paths['/api/admin/connectors']?.post);
    expect(connector).toContain('"baseUrl"');
    expect(connector).toContain('"zimbra"');
    // Nothing described as "anything" where a contract exists (a transform JSON Schema cannot express).
    expect(text).not.toContain('"items":{}');
    for (const [, target] of text.matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)) {
      expect(schemas, `$ref ${target}`).toHaveProperty(target ?? '');
    }
  });
});
