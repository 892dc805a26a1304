import { randomUUID } from 'node:crypto';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, boardSchema, connectorSchema, type Board } from '@pleiade/contracts';
import { CSRF_HEADER } from '../../src/http/guards.js';
import { signIn, TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/*
 * Property-based fuzzing of every route that changes something: random bodies (hostile strings,
 * numbers past every bound, nested junk, truncated or non-JSON bytes), random headers (content
 * types, charsets, content encodings the body has or has not, CSRF headers present or not) and
 * random path parameters. The one property: never a 5xx, and every API refusal is the usual error
 * body. A failure prints the shrunk request and the seed to replay it (FUZZ_SEED=…).
 */

/** Runs per route; their sum is the tier's size (at least 10,000, checked below). */
const RUNS = {
  createConnector: 1_400,
  updateConnector: 1_400,
  deleteConnector: 400,
  testConnector: 400,
  setCredential: 1_400,
  revokeCredential: 400,
  startVisio: 900,
  saveBoard: 2_500,
  logout: 400,
  backChannelLogout: 300,
  callback: 300,
  frontChannelLogout: 300,
} as const;
const TOTAL_RUNS = Object.values(RUNS).reduce((sum, runs) => sum + runs, 0);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

let pleiade: TestPleiade;
const personas: Record<'agent' | 'admin' | 'elu', TestBrowser> = {} as Record<'agent' | 'admin' | 'elu', TestBrowser>;
const anonymous = () => new TestBrowser();
let board: Board;
const known = { connectors: [] as string[], personal: '', visioWidget: '' };
let requests = 0;
const statuses = new Map<number, number>();

beforeAll(async () => {
  pleiade = await startTestPleiade({ AUTH_RATE_LIMIT_PER_MINUTE: '1000000' });
  personas.agent = await signIn(pleiade.url, 'agent');
  personas.admin = await signIn(pleiade.url, 'admin');
  personas.elu = await signIn(pleiade.url, 'elu');
  const create = async (body: Record<string, unknown>) => {
    const response = await api(personas.admin, `${pleiade.url}/api/admin/connectors`, 'POST', body);
    expect(response.status).toBe(201);
    return connectorSchema.parse(await response.json()).id;
  };
  known.personal = await create({
    kind: 'nextcloud',
    label: 'Nextcloud',
    baseUrl: 'https://nextcloud.fuzz.invalid/',
    authMode: 'personal_secret',
  });
  const visio = await create({
    kind: 'jitsi',
    label: 'Visio',
    baseUrl: 'https://visio.fuzz.invalid/',
    authMode: 'none',
  });
  known.connectors = [known.personal, visio];
  const current = boardSchema.parse(await (await api(personas.agent, `${pleiade.url}/api/boards/current`)).json());
  known.visioWidget = randomUUID();
  const saved = await api(personas.agent, `${pleiade.url}/api/boards/${current.id}`, 'PUT', {
    version: current.version,
    widgets: [
      ...current.widgets,
      { id: known.visioWidget, kind: 'visio', options: {}, layout: { lg: { x: 0, y: 30, w: 4, h: 4 } } },
    ],
  });
  expect(saved.status).toBe(200);
  board = boardSchema.parse(await saved.json());
}, 120_000);

afterAll(async () => {
  await pleiade?.stop();
});

// ---------------------------------------------------------------------------------------------
// What a hostile client sends

/** Strings that have broken servers: NUL, lone surrogates, huge, traversal, markup, bidi. */
const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 24 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\ud800',
      '\udc00x',
      'x\ud83d',
      '\ud83d\ude00',
      '\u202eevil',
      '../../etc/passwd',
      '%00',
      '%E0%A4%A',
      '<script>alert(1)</script>',
      'javascript:alert(1)',
      'x'.repeat(5_000),
      'null',
      '__proto__',
      'constructor',
      'https://169.254.169.254/',
      'http://127.0.0.1:9/',
      'http://[::ffff:0:7f00:1]/',
      'https://visio.fuzz.invalid/',
      '10.0.0.0/8',
      '0.0.0.0/0',
    ),
  },
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 1, 2 ** 53, -(2 ** 53), 1e308, 5e-324, -0, 0.5, 65_536),
);

/** Any JSON value made of the above, a few levels deep. */
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

/** A field of a well-formed body: its right kind of value most of the time, anything otherwise. */
const field = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: hostileValue });
const optionalField = <T>(good: fc.Arbitrary<T>) => fc.option(field(good), { nil: undefined, freq: 3 });

/** Drops undefined fields and sometimes adds an unknown one. */
const shaped = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.tuple(fc.record(fields), fc.option(fc.tuple(hostileText, hostileValue), { freq: 5 })).map(([record, extra]) => {
    const body: Record<string, unknown> = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
    if (extra) body[extra[0]] = extra[1];
    return body;
  });

const toBytes = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');

/** The body on the wire: the shaped JSON mostly, else other JSON, raw text, raw bytes, or cut short. */
const wireBody = (body: fc.Arbitrary<unknown>): fc.Arbitrary<Buffer> =>
  fc.oneof(
    { weight: 8, arbitrary: body.map(toBytes) },
    { weight: 1, arbitrary: hostileValue.map(toBytes) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((text) => Buffer.from(text, 'utf8')) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 120 }).map((bytes) => Buffer.from(bytes)) },
    {
      weight: 1,
      arbitrary: body.map(toBytes).chain((bytes) => fc.nat(bytes.length).map((cut) => bytes.subarray(0, cut))),
    },
  );

interface Envelope {
  contentType: string | null;
  contentEncoding: string | null;
  /** Whether the body is really compressed as announced. */
  encoded: boolean;
  csrf: string | null;
  fetchSite: string | null;
  origin: string | null;
}

const envelope: fc.Arbitrary<Envelope> = fc.record({
  contentType: fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'application/json; charset=utf-8',
        'application/json; charset=UTF-16',
        'application/json; charset=latin1',
        'application/json; charset=x-bogus',
        'application/vnd.api+json',
        'application/json, text/plain',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        '*/*',
        ';;;',
      ),
    },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  contentEncoding: fc.oneof(
    { weight: 8, arbitrary: fc.constant(null) },
    { weight: 3, arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-bogus', 'gzip, deflate', 'GZIP') },
  ),
  encoded: fc.boolean(),
  csrf: fc.oneof(
    { weight: 10, arbitrary: fc.constant('pleiade') },
    { weight: 1, arbitrary: fc.constantFrom(null, 'Pleiade', '') },
  ),
  fetchSite: fc.oneof(
    { weight: 10, arbitrary: fc.constant('same-origin') },
    { weight: 1, arbitrary: fc.constantFrom(null, 'cross-site', 'same-site', 'none') },
  ),
  origin: fc.oneof(
    { weight: 10, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom('null', 'https://evil.example') },
  ),
});

function compress(body: Buffer, encoding: string | null, encoded: boolean): Buffer {
  if (!encoded || !encoding) return body;
  const name = encoding.toLowerCase();
  if (name === 'gzip') return gzipSync(body);
  if (name === 'deflate') return deflateSync(body);
  if (name === 'br') return brotliCompressSync(body);
  return body;
}

function safeEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80'; // a lone surrogate, as UTF-8 bytes would carry it
  }
}

/** A path parameter: a real id mostly, else any uuid, hostile text, or broken percent-encoding. */
const pathId = (real: () => readonly string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.nat().map((index) => real()[index % real().length] ?? randomUUID()) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: hostileText.map(safeEncode) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '%',
        '%E0%A4%A',
        '%ZZ',
        '%00',
        '%C0%80',
        '%2e%2e',
        'current',
        '%2F',
        ';',
        'a'.repeat(3_000),
      ),
    },
  );

type Persona = 'agent' | 'admin' | 'elu' | 'anonymous';
const persona = (usual: Persona) =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(usual) },
    { weight: 1, arbitrary: fc.constantFrom<Persona>('agent', 'admin', 'elu', 'anonymous') },
  );

interface FuzzRequest {
  method: string;
  path: string;
  persona: Persona;
  envelope: Envelope;
  body?: Buffer;
}

// ---------------------------------------------------------------------------------------------
// Sending, and the property

async function send(request: FuzzRequest): Promise<{ status: number; text: string; contentType: string }> {
  const browser = request.persona === 'anonymous' ? anonymous() : personas[request.persona];
  const headers: Record<string, string> = { accept: 'application/json' };
  const { envelope: e } = request;
  if (e.contentType !== null) headers['content-type'] = e.contentType;
  if (e.contentEncoding !== null) headers['content-encoding'] = e.contentEncoding;
  if (e.csrf !== null) headers[CSRF_HEADER] = e.csrf;
  if (e.fetchSite !== null) headers['sec-fetch-site'] = e.fetchSite;
  if (e.origin !== null) headers.origin = e.origin;
  const body =
    request.body !== undefined && request.method !== 'GET'
      ? compress(request.body, e.contentEncoding, e.encoded)
      : undefined;
  const response = await browser.request(`${pleiade.url}${request.path}`, {
    method: request.method,
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  requests += 1;
  statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  return {
    status: response.status,
    text: await response.text(),
    contentType: response.headers.get('content-type') ?? '',
  };
}

type Answer = Awaited<ReturnType<typeof send>>;

/** The property every request must keep: no 5xx; an API refusal is the usual JSON error body. */
async function holds(request: FuzzRequest): Promise<Answer> {
  const answer = await send(request);
  const where = `${request.method} ${request.path} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, where).toBeLessThan(500);
  if (request.path.startsWith('/api/') && answer.status >= 400) {
    expect(answer.contentType, where).toContain('application/json');
    const parsed = apiErrorBodySchema.safeParse(JSON.parse(answer.text));
    expect(parsed.success, where).toBe(true);
  }
  return answer;
}

async function fuzz(runs: number, requests: fc.Arbitrary<FuzzRequest>, after?: (answer: Answer) => void) {
  await fc.assert(
    fc.asyncProperty(requests, async (request) => {
      // Not `after?.(await holds(…))`: optional chaining would skip the request when there is no `after`.
      const answer = await holds(request);
      if (after) after(answer);
    }),
    { numRuns: runs, ...(seed !== undefined ? { seed } : {}), verbose: 1 },
  );
}

// ---------------------------------------------------------------------------------------------
// Bodies of each route

const connectorKind = fc.constantFrom('nextcloud', 'zimbra', 'matrix', 'imap', 'caldav', 'jitsi', 'fax');
const authMode = fc.constantFrom(
  'oidc_token',
  'token_exchange',
  'zimbra_preauth',
  'personal_secret',
  'service_account',
  'none',
  'basic',
);
const baseUrl = fc.oneof(
  fc.constantFrom(
    'https://cloud.fuzz.invalid/',
    'https://mail.fuzz.invalid/service',
    'http://127.0.0.1:9/',
    'http://localhost/',
    'http://[::7f00:1]/',
    'http://169.254.169.254/',
    'https://user:pw@fuzz.invalid/',
    'https://fuzz.invalid/?q=1',
    'ftp://fuzz.invalid/',
  ),
  fc.webUrl(),
);
const connectorOptions = fc.oneof(
  fc.record(
    {
      port: field(fc.integer({ min: -1, max: 70_000 })),
      tls: field(fc.constantFrom('implicit', 'starttls', 'none')),
      host: field(fc.constantFrom('imap.fuzz.invalid', '10.0.0.1', '[::1]', '')),
      calendarPath: field(fc.constantFrom('/{login}/agenda/', '/../x', 'relative')),
      serverName: field(fc.constantFrom('mairie.fr', '')),
      jwtAppId: field(fc.string()),
      tokenExchangeAudience: field(fc.string()),
    },
    { requiredKeys: [] },
  ),
  hostileValue,
);
const secrets = fc.dictionary(
  fc.oneof(fc.constantFrom('password', 'username', 'preauthKey', 'jwtSecret', 'asToken'), hostileText),
  fc.oneof(hostileText, fc.constant(null), hostileValue),
  { maxKeys: 3 },
);
const networks = fc.array(
  fc.oneof(hostileText, fc.constantFrom('10.0.0.0/8', '0.0.0.0/0', '::/0', 'fd00::/8', 'intranet.local')),
  {
    maxLength: 3,
  },
);
const connectorFields = {
  kind: field(connectorKind),
  label: field(hostileText),
  baseUrl: field(baseUrl),
  authMode: field(authMode),
  options: optionalField(connectorOptions),
  secrets: optionalField(secrets),
  allowPrivateNetworks: optionalField(networks),
  enabled: optionalField(fc.boolean()),
};

const layout = fc.record(
  {
    lg: field(
      fc.record({
        x: field(fc.integer({ min: -2, max: 40 })),
        y: field(fc.integer({ min: -2, max: 2_000 })),
        w: field(fc.integer({ min: 0, max: 40 })),
        h: field(fc.integer({ min: 0, max: 40 })),
      }),
    ),
    md: optionalField(fc.record({ x: fc.nat(12), y: fc.nat(100), w: fc.nat(12), h: fc.nat(12) })),
  },
  { requiredKeys: [] },
);
const widgetKind = fc.constantFrom(
  'welcome',
  'app-launcher',
  'notes',
  'mail',
  'agenda',
  'visio',
  'chat',
  'nextcloud-files',
  'nextcloud-notifications',
  'nextcloud-dashboard',
  'unknown',
);
const widget = fc.oneof(
  { weight: 2, arbitrary: fc.nat().map((index): unknown => board.widgets[index % board.widgets.length]) },
  {
    weight: 6,
    arbitrary: shaped({
      id: field(fc.oneof(fc.uuid(), hostileText)),
      kind: field(widgetKind),
      options: optionalField(
        fc.record(
          { text: field(hostileText), connectorId: field(fc.uuid()), title: field(hostileText) },
          { requiredKeys: [] },
        ),
      ),
      layout: field(layout),
    }),
  },
  { weight: 1, arbitrary: hostileValue },
);
/** The board's version now (followed through successful saves), or a stale or absurd one. */
const version = fc.oneof(
  { weight: 4, arbitrary: fc.constant('current') },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: hostileValue },
);

// ---------------------------------------------------------------------------------------------

describe('fuzzing the mutating routes (fast-check)', () => {
  it(`POST /api/admin/connectors: ${RUNS.createConnector} random creations, never a 5xx`, async () => {
    await fuzz(
      RUNS.createConnector,
      fc.record({
        method: fc.constant('POST'),
        path: fc.constant('/api/admin/connectors'),
        persona: persona('admin'),
        envelope,
        body: wireBody(shaped(connectorFields)),
      }),
    );
  });

  it(`PUT /api/admin/connectors/:id: ${RUNS.updateConnector} random updates, never a 5xx`, async () => {
    const updatable: Record<string, fc.Arbitrary<unknown>> = { ...connectorFields };
    delete updatable.kind;
    await fuzz(
      RUNS.updateConnector,
      fc.record({
        method: fc.constant('PUT'),
        path: pathId(() => known.connectors).map((id) => `/api/admin/connectors/${id}`),
        persona: persona('admin'),
        envelope,
        body: wireBody(
          shaped(
            Object.fromEntries(
              Object.entries(updatable).map(([name, arb]) => [name, fc.option(arb, { nil: undefined })]),
            ),
          ),
        ),
      }),
    );
  });

  it(`POST /api/admin/connectors/:id/test: ${RUNS.testConnector} random tests, never a 5xx`, async () => {
    await fuzz(
      RUNS.testConnector,
      fc.record({
        method: fc.constant('POST'),
        path: pathId(() => known.connectors).map((id) => `/api/admin/connectors/${id}/test`),
        persona: persona('admin'),
        envelope,
        body: wireBody(hostileValue),
      }),
    );
  });

  it(`PUT /api/me/connectors/:id/credential: ${RUNS.setCredential} random credentials, never a 5xx`, async () => {
    await fuzz(
      RUNS.setCredential,
      fc.record({
        method: fc.constant('PUT'),
        path: pathId(() => [known.personal]).map((id) => `/api/me/connectors/${id}/credential`),
        persona: persona('agent'),
        envelope,
        body: wireBody(shaped({ secret: field(hostileText), username: optionalField(hostileText) })),
      }),
    );
  });

  it(`DELETE /api/me/connectors/:id/credential: ${RUNS.revokeCredential} random revocations, never a 5xx`, async () => {
    await fuzz(
      RUNS.revokeCredential,
      fc.record({
        method: fc.constant('DELETE'),
        path: pathId(() => [known.personal]).map((id) => `/api/me/connectors/${id}/credential`),
        persona: persona('agent'),
        envelope,
        body: fc.option(wireBody(hostileValue), { nil: undefined }),
      }),
    );
  });

  it(`POST /api/widgets/:id/visio: ${RUNS.startVisio} random visio starts, never a 5xx`, async () => {
    await fuzz(
      RUNS.startVisio,
      fc.record({
        method: fc.constant('POST'),
        path: pathId(() => [known.visioWidget]).map((id) => `/api/widgets/${id}/visio`),
        persona: persona('agent'),
        envelope,
        body: wireBody(
          shaped({ roomName: optionalField(fc.oneof(hostileText, fc.constantFrom('conseil-municipal', 'ab'))) }),
        ),
      }),
    );
  });

  it(`PUT /api/boards/:id: ${RUNS.saveBoard} random saves, never a 5xx`, async () => {
    await fuzz(
      RUNS.saveBoard,
      fc.record({
        method: fc.constant('PUT'),
        path: pathId(() => [board.id]).map((id) => `/api/boards/${id}`),
        persona: persona('agent'),
        envelope,
        body: wireBody(
          shaped({
            version: field(version).map((value) => (value === 'current' ? board.version : value)),
            widgets: field(fc.array(widget, { maxLength: 6 })),
          }),
        ),
      }),
      // Follows the board through accepted saves, so later ones can be at its current version.
      (answer) => {
        if (answer.status === 200) board = boardSchema.parse(JSON.parse(answer.text));
      },
    );
  });

  it(`DELETE /api/admin/connectors/:id: ${RUNS.deleteConnector} random deletions, never a 5xx`, async () => {
    // Last among the connector routes: a deletion that hits a real one ends its part in the others.
    await fuzz(
      RUNS.deleteConnector,
      fc.record({
        method: fc.constant('DELETE'),
        path: pathId(() => known.connectors).map((id) => `/api/admin/connectors/${id}`),
        persona: persona('admin'),
        envelope,
        body: fc.option(wireBody(hostileValue), { nil: undefined }),
      }),
    );
  });

  it(`POST /auth/logout: ${RUNS.logout} random sign-outs (forged cookies), never a 5xx`, async () => {
    await fuzz(
      RUNS.logout,
      fc.record({
        method: fc.constant('POST'),
        path: fc.constant('/auth/logout'),
        persona: fc.constant<Persona>('anonymous'),
        envelope,
        body: fc.option(wireBody(hostileValue), { nil: undefined }),
      }),
    );
  });

  const jwtLike = fc
    .tuple(hostileValue, hostileValue, hostileText)
    .map(([header, payload, signature]) =>
      [JSON.stringify(header) ?? '', JSON.stringify(payload) ?? '', signature]
        .map((part) => Buffer.from(part, 'utf8').toString('base64url'))
        .join('.'),
    );

  it(`POST /auth/backchannel-logout: ${RUNS.backChannelLogout} random logout tokens, never a 5xx`, async () => {
    await fuzz(
      RUNS.backChannelLogout,
      fc.record({
        method: fc.constant('POST'),
        path: fc.constant('/auth/backchannel-logout'),
        persona: fc.constant<Persona>('anonymous'),
        envelope: envelope.map((e) => ({ ...e, contentType: 'application/x-www-form-urlencoded' })),
        body: fc
          .oneof(jwtLike, hostileText)
          .map((token) => Buffer.from(new URLSearchParams({ logout_token: token }).toString(), 'utf8')),
      }),
    );
  });

  it(`GET /auth/callback: ${RUNS.callback} random answers of a provider, never a 5xx`, async () => {
    await fuzz(
      RUNS.callback,
      fc
        .record({
          code: hostileText,
          state: hostileText,
          iss: hostileText,
          error: fc.option(hostileText, { nil: undefined }),
        })
        .map((query) => ({
          method: 'GET',
          path: `/auth/callback?${Object.entries(query)
            .filter(([, value]) => value !== undefined)
            .map(([name, value]) => `${name}=${safeEncode(value ?? '')}`)
            .join('&')}`,
          persona: 'anonymous' as const,
          envelope: {
            contentType: null,
            contentEncoding: null,
            encoded: false,
            csrf: null,
            fetchSite: null,
            origin: null,
          },
        })),
    );
  });

  it(`GET /auth/frontchannel-logout: ${RUNS.frontChannelLogout} random logout requests, never a 5xx`, async () => {
    await fuzz(
      RUNS.frontChannelLogout,
      fc.record({ iss: hostileText, sid: hostileText }).map((query) => ({
        method: 'GET',
        path: `/auth/frontchannel-logout?iss=${safeEncode(query.iss)}&sid=${safeEncode(query.sid)}`,
        persona: 'anonymous' as const,
        envelope: {
          contentType: null,
          contentEncoding: null,
          encoded: false,
          csrf: null,
          fetchSite: null,
          origin: null,
        },
      })),
    );
  });

  it(`sent at least 10,000 requests in all (${TOTAL_RUNS} planned), and the product still serves`, async () => {
    expect(TOTAL_RUNS).toBeGreaterThanOrEqual(10_000);
    expect(requests).toBeGreaterThanOrEqual(10_000);
    // Some were accepted: the fuzzer reached the handlers, not only the guards.
    expect(
      [...statuses.entries()].filter(([status]) => status < 300).reduce((sum, [, n]) => sum + n, 0),
    ).toBeGreaterThan(0);
    process.stdout.write(`fuzz: ${requests} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`);
    expect((await fetch(`${pleiade.url}/healthz`)).status).toBe(200);
    const current = boardSchema.parse(await (await api(personas.agent, `${pleiade.url}/api/boards/current`)).json());
    const saved = await api(personas.agent, `${pleiade.url}/api/boards/${current.id}`, 'PUT', {
      version: current.version,
      widgets: current.widgets,
    });
    expect(saved.status).toBe(200);
  });
});
