import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, boardSchema, sharedBoardSchema, type Board, type SharedBoard } from '@pleiade/contracts';
import { CSRF_HEADER } from '../../src/http/guards.js';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/*
 * Property-based fuzzing of the routes that change boards the collectivité prepares: publishing a
 * version, creating, importing a document, restoring, deleting, merging or resetting a copy. Hostile
 * bodies and path parameters; the property: never a 5xx, and every refusal is the usual error body.
 * FUZZ_SEED=… replays a failure.
 */

const RUNS = { create: 300, publish: 900, importDocument: 900, restore: 200, apply: 300, remove: 100 } as const;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

let pleiade: TestPleiade;
let admin: TestBrowser;
let agent: TestBrowser;
let template: SharedBoard;
let copy: Board;

async function json<T>(parser: { parse(value: unknown): T }, response: Promise<Response>, status = 200): Promise<T> {
  const answer = await response;
  const text = await answer.text();
  expect(answer.status, text.slice(0, 300)).toBe(status);
  return parser.parse(JSON.parse(text));
}

beforeAll(async () => {
  pleiade = await startTestPleiade();
  admin = await signIn(pleiade.url, 'admin');
  agent = await signIn(pleiade.url, 'agent');
  const url = `${pleiade.url}/api/admin/boards`;
  template = await json(
    sharedBoardSchema,
    api(admin, url, 'POST', { kind: 'template', name: 'Fuzz', audience: ['agents'] }),
    201,
  );
  const publish = (widgets: unknown[]) =>
    json(
      sharedBoardSchema,
      api(admin, `${url}/${template.id}`, 'PUT', {
        version: template.version,
        name: template.name,
        audience: template.audience,
        priority: template.priority,
        widgets,
      }),
    );
  const welcome = { id: randomUUID(), kind: 'welcome', options: {}, layout: { lg: { x: 0, y: 0, w: 4, h: 3 } } };
  template = await publish([{ ...welcome, locked: true, audience: [] }]);
  copy = await json(boardSchema, api(agent, `${pleiade.url}/api/boards/current`));
  template = await publish([
    { ...welcome, locked: true, audience: [] },
    {
      id: randomUUID(),
      kind: 'notes',
      options: { text: 'v3' },
      layout: { lg: { x: 4, y: 0, w: 4, h: 4 } },
      locked: false,
      audience: ['x'],
    },
  ]);
  copy = await json(boardSchema, api(agent, `${pleiade.url}/api/boards/${copy.id}`));
}, 120_000);

afterAll(async () => {
  await pleiade?.stop();
});

const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.constantFrom('', '\u0000', '\ud800', '__proto__', 'constructor', 'x'.repeat(5_000), '<script>', ',', 'elus, dgs'),
);
const hostileNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-1, 0, 1, 2 ** 31, 1e308, -0, 0.5));
const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileText,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileText, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const field = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: hostileValue });

const gridItem = fc.record({
  x: field(fc.integer({ min: -2, max: 14 })),
  y: field(fc.integer({ min: -2, max: 600 })),
  w: field(fc.integer({ min: 0, max: 14 })),
  h: field(fc.integer({ min: 0, max: 20 })),
});
const widget = fc.record(
  {
    // A fresh id, or the id of a widget the template holds (read when the run draws it).
    id: field(
      fc.oneof(
        fc.uuid(),
        fc.constant(null).map(() => template.widgets[0]?.id ?? randomUUID()),
      ),
    ),
    kind: field(fc.constantFrom('welcome', 'notes', 'mail', 'agenda', 'app-launcher', 'meteo')),
    options: field(fc.record({ text: field(hostileText) }, { requiredKeys: [] })),
    layout: field(fc.record({ lg: gridItem, md: gridItem, xs: gridItem }, { requiredKeys: [] })),
    locked: field(fc.boolean()),
    audience: field(fc.array(hostileText, { maxLength: 3 })),
    state: fc.option(fc.constant('needs_reconfiguration'), { nil: undefined, freq: 8 }),
  },
  { requiredKeys: [] },
);
const boardFields = {
  name: field(hostileText),
  audience: field(fc.array(hostileText, { maxLength: 4 })),
  priority: field(fc.integer({ min: -5, max: 200 })),
  widgets: field(fc.array(widget, { maxLength: 6 })),
};
const pathId = (real: () => string) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(null).map(() => real()) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom('%', '%00', '%E0%A4%A', 'import', 'a'.repeat(2_000)) },
  );

type Who = 'admin' | 'agent';
const accepted = new Map<string, number>();

async function holds(method: string, path: string, who: Who, body: unknown): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    [CSRF_HEADER]: 'pleiade',
    'sec-fetch-site': 'same-origin',
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await (who === 'admin' ? admin : agent).request(`${pleiade.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) ?? 'null' } : {}),
  });
  const text = await response.text();
  const where = `${method} ${path} → ${response.status} ${text.slice(0, 300)}`;
  expect(response.status, where).toBeLessThan(500);
  if (response.status >= 400) expect(apiErrorBodySchema.safeParse(JSON.parse(text)).success, where).toBe(true);
  if (response.status < 300) accepted.set(method, (accepted.get(method) ?? 0) + 1);
  return { status: response.status, text };
}

const options = (runs: number) => ({ numRuns: runs, ...(seed !== undefined ? { seed } : {}) });

describe('fuzzing the routes of boards the collectivité prepares (fast-check)', () => {
  it(`POST /api/admin/boards: ${RUNS.create} random creations, never a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ kind: field(fc.constantFrom('template', 'published', 'personal')), ...boardFields }),
          hostileValue,
        ),
        async (body) => {
          await holds('POST', '/api/admin/boards', 'admin', body);
        },
      ),
      options(RUNS.create),
    );
  });

  it(`PUT /api/admin/boards/:id: ${RUNS.publish} random publications, never a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(
        pathId(() => template.id),
        fc.record({ version: field(fc.constant('current')), ...boardFields }),
        fc.constantFrom<Who>('admin', 'admin', 'admin', 'agent'),
        async (id, body, who) => {
          const version = body.version === 'current' ? template.version : body.version;
          const answer = await holds('PUT', `/api/admin/boards/${id}`, who, { ...body, version });
          if (answer.status === 200) template = sharedBoardSchema.parse(JSON.parse(answer.text));
        },
      ),
      options(RUNS.publish),
    );
  });

  it(`POST /api/admin/board-imports: ${RUNS.importDocument} random documents, never a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record(
            {
              format: field(fc.constant('pleiade.board')),
              formatVersion: field(fc.constant(1)),
              kind: field(fc.constantFrom('template', 'published')),
              ...boardFields,
            },
            { requiredKeys: [] },
          ),
          hostileValue,
        ),
        async (document) => {
          await holds('POST', '/api/admin/board-imports', 'admin', document);
        },
      ),
      options(RUNS.importDocument),
    );
  });

  it(`POST /api/admin/boards/:id/revisions/:number/restore: ${RUNS.restore} random restores, never a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(
        pathId(() => template.id),
        fc.oneof(
          fc.integer({ min: -1, max: 30 }).map(String),
          hostileText.map((text) => encodeURIComponent(text.replace(/[\ud800-\udfff]/g, ''))),
        ),
        fc.oneof(fc.constant('current'), hostileValue),
        async (id, number, version) => {
          const body = { version: version === 'current' ? template.version : version };
          const answer = await holds('POST', `/api/admin/boards/${id}/revisions/${number}/restore`, 'admin', body);
          if (answer.status === 200) template = sharedBoardSchema.parse(JSON.parse(answer.text));
        },
      ),
      options(RUNS.restore),
    );
  });

  it(`POST /api/boards/:id/template-update/(merge|reset): ${RUNS.apply} random updates, never a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(
        pathId(() => copy.id),
        fc.constantFrom('merge', 'reset'),
        fc.oneof(fc.constant('current'), hostileValue),
        async (id, mode, version) => {
          const body = { version: version === 'current' ? copy.version : version };
          const answer = await holds('POST', `/api/boards/${id}/template-update/${mode}`, 'agent', body);
          if (answer.status === 200) copy = boardSchema.parse(JSON.parse(answer.text));
        },
      ),
      options(RUNS.apply),
    );
  });

  it(`DELETE /api/admin/boards/:id: ${RUNS.remove} random deletions, never a 5xx`, async () => {
    await fc.assert(
      fc.asyncProperty(
        pathId(() => template.id),
        async (id) => {
          await holds('DELETE', `/api/admin/boards/${id}`, 'admin', undefined);
        },
      ),
      options(RUNS.remove),
    );
    expect((await fetch(`${pleiade.url}/healthz`)).status).toBe(200);
    // Some requests got through the validation to the handlers, not only the guards.
    expect(accepted.get('POST') ?? 0).toBeGreaterThan(0);
    expect(accepted.get('PUT') ?? 0).toBeGreaterThan(0);
  });
});
