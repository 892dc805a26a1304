import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, boardSchema, type Board } from '@pleiade/contracts';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '../../src/http/guards.js';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/*
 * What an outside probe sent to the mutating routes and got a 500 for. Each must be a 4xx with the
 * usual error body, and change nothing. (test/fuzz/ sends ten thousand more of the kind.)
 */

let pleiade: TestPleiade;
let agent: TestBrowser;
let admin: TestBrowser;

beforeAll(async () => {
  pleiade = await startTestPleiade();
  agent = await signIn(pleiade.url, 'agent');
  admin = await signIn(pleiade.url, 'admin');
});
afterAll(async () => {
  await pleiade?.stop();
});

async function currentBoard(browser: TestBrowser): Promise<Board> {
  const response = await api(browser, `${pleiade.url}/api/boards/current`);
  return boardSchema.parse(await response.json());
}

/** A raw request with the headers the SPA sends, and whatever body and extra headers the test wants. */
async function raw(
  browser: TestBrowser,
  method: string,
  path: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
) {
  const response = await browser.request(`${pleiade.url}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      [CSRF_HEADER]: CSRF_HEADER_VALUE,
      ...headers,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, text };
}

function expectClientError(answer: { status: number; text: string }, label: string) {
  expect(answer.status, `${label}: ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, `${label}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
  const body = apiErrorBodySchema.parse(JSON.parse(answer.text));
  expect(body.error.code).not.toBe('INTERNAL');
  expect(body.error.message).not.toMatch(/[a-z]+Error|prisma|postgres|invalid byte/i);
  return body.error;
}

describe('hostile input to the mutating routes', () => {
  it('refuses a Content-Encoding the body does not have (415 or 400), and a body that lies about it', async () => {
    const board = await currentBoard(agent);
    const json = JSON.stringify({ version: board.version, widgets: board.widgets });
    for (const [label, encoding, body] of [
      ['gzip announced, plain JSON sent', 'gzip', json],
      ['deflate announced, plain JSON sent', 'deflate', json],
      ['br announced, plain JSON sent', 'br', json],
      ['an unknown encoding', 'x-pleiade', json],
      ['gzip announced, a truncated gzip stream sent', 'gzip', gzipSync(json).subarray(0, 20)],
    ] as const) {
      expectClientError(
        await raw(agent, 'PUT', `/api/boards/${board.id}`, body, { 'content-encoding': encoding }),
        label,
      );
    }
    expect(await currentBoard(agent)).toEqual(board);
  });

  it('refuses a NUL character in any text field (400 with the field path), and stores nothing', async () => {
    const board = await currentBoard(agent);
    const notes = board.widgets.find((widget) => widget.kind === 'notes');
    const withNul = board.widgets.map((widget) =>
      widget === notes ? { ...widget, options: { text: 'avant\u0000après' } } : widget,
    );
    const saved = await raw(
      agent,
      'PUT',
      `/api/boards/${board.id}`,
      JSON.stringify({ version: board.version, widgets: notes ? withNul : [...board.widgets, { id: 'x\u0000' }] }),
    );
    const error = expectClientError(saved, 'NUL in a board');
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.[0]?.path).toMatch(/^body\.widgets\.\d+\./);
    const connector = await raw(
      admin,
      'POST',
      '/api/admin/connectors',
      JSON.stringify({ kind: 'jitsi', label: 'Visio\u0000', baseUrl: 'https://visio.invalid/', authMode: 'none' }),
    );
    expect(expectClientError(connector, 'NUL in a label').details).toEqual([
      { path: 'body.label', message: expect.any(String) as string },
    ]);
    expect(await currentBoard(agent)).toEqual(board);
  });

  it('refuses lone surrogates in JSON strings (400 with the field path), and stores nothing', async () => {
    const board = await currentBoard(agent);
    const index = board.widgets.findIndex((widget) => widget.kind === 'notes');
    expect(index, 'the default board has a notes widget').toBeGreaterThanOrEqual(0);
    // JSON.stringify escapes a lone surrogate as \ud800: exactly what a hostile client sends.
    const withText = (text: string) =>
      JSON.stringify({
        version: board.version,
        widgets: board.widgets.map((widget, at) => (at === index ? { ...widget, options: { text } } : widget)),
      });
    for (const [label, text] of [
      ['a lone high surrogate', 'note \ud800'],
      ['a lone low surrogate', '\udc00'],
      ['a reversed pair', '\udc00\ud800'],
    ] as const) {
      const error = expectClientError(
        await raw(agent, 'PUT', `/api/boards/${board.id}`, withText(JSON.parse(`"${text}"`) as string)),
        label,
      );
      expect(error.details).toEqual([
        { path: `body.widgets.${index}.options.text`, message: expect.stringContaining('Unicode') as string },
      ]);
    }
    const label = await raw(
      admin,
      'POST',
      '/api/admin/connectors',
      '{"kind":"jitsi","label":"Visio \\udc00","baseUrl":"https://v.invalid/","authMode":"none"}',
    );
    expect(expectClientError(label, 'a lone surrogate in a label').details?.[0]?.path).toBe('body.label');
    expect(await currentBoard(agent)).toEqual(board);
  });

  it('refuses a board version beyond what a version can be (400, not a database error)', async () => {
    const board = await currentBoard(agent);
    for (const version of [2 ** 31, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER, 1e300]) {
      const answer = await raw(
        agent,
        'PUT',
        `/api/boards/${board.id}`,
        JSON.stringify({ version, widgets: board.widgets }),
      );
      const error = expectClientError(answer, String(version));
      expect(new Set(error.details?.map((detail) => detail.path))).toEqual(new Set(['body.version']));
    }
    expect(await currentBoard(agent)).toEqual(board);
  });

  it('refuses a path parameter that is not valid percent-encoding (400), on every method', async () => {
    for (const [method, path] of [
      ['PUT', '/api/boards/%E0%A4%A'],
      ['PUT', '/api/admin/connectors/%ZZ'],
      ['DELETE', '/api/admin/connectors/%'],
      ['POST', '/api/admin/connectors/%C0%80/test'],
      ['PUT', '/api/me/connectors/%ff/credential'],
      ['POST', '/api/widgets/%E0%A4%A/visio'],
      ['GET', '/api/widgets/%E0%A4%A/data'],
    ] as const) {
      const answer =
        method === 'GET'
          ? await admin.request(`${pleiade.url}${path}`, { headers: { accept: 'application/json' } })
          : undefined;
      expectClientError(
        answer ? { status: answer.status, text: await answer.text() } : await raw(admin, method, path, '{}'),
        `${method} ${path}`,
      );
    }
  });

  it('ends no session, and answers without a 5xx, when a front-channel logout names one with NUL', async () => {
    for (const query of ['sid=%00', 'sid=a%00b', 'sid=%ED%A0%80', `iss=x&sid=%00`]) {
      const response = await fetch(`${pleiade.url}/auth/frontchannel-logout?${query}`);
      expect(response.status, query).toBeLessThan(500);
    }
    expect((await api(agent, `${pleiade.url}/api/me`)).status).toBe(200);
  });
});
