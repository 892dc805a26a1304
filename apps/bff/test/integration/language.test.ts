import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BOARD_NAMES, boardListSchema, meSchema } from '@pleiade/contracts';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/**
 * The interface language a person chooses (issue 13, point 2): kept for them, on any device, until
 * they choose again; nobody else's changes; anything but a known language refused in French. What
 * the BFF names for the person (their first board) follows the language their interface shows.
 */

let pleiade: TestPleiade;
let agent: TestBrowser;
let elu: TestBrowser;

beforeAll(async () => {
  pleiade = await startTestPleiade();
  agent = await signIn(pleiade.url, 'agent');
  elu = await signIn(pleiade.url, 'elu');
});
afterAll(async () => {
  await pleiade?.stop();
});

const languageOf = async (browser: TestBrowser) =>
  meSchema.parse(await (await api(browser, `${pleiade.url}/api/me`)).json()).language;
const choose = (browser: TestBrowser, body: unknown) => api(browser, `${pleiade.url}/api/me/language`, 'PUT', body);

describe('PUT /api/me/language', () => {
  it('is none until the person chooses, then theirs alone, on a new sign-in too', async () => {
    expect(await languageOf(agent)).toBeNull();
    expect((await choose(agent, { language: 'en' })).status).toBe(204);
    expect(await languageOf(agent)).toBe('en');
    expect(await languageOf(elu)).toBeNull();
    // Another device: a new session of the same person.
    const elsewhere = await signIn(pleiade.url, 'agent');
    expect(await languageOf(elsewhere)).toBe('en');
    expect((await choose(elsewhere, { language: 'fr' })).status).toBe(204);
    expect(await languageOf(agent)).toBe('fr');
  });

  it.each([
    ['an unknown language', { language: 'de' }],
    ['a language tag rather than a language', { language: 'en-GB' }],
    ['no language', {}],
    ['null', { language: null }],
    ['another field', { language: 'en', userId: '00000000-0000-4000-8000-000000000000' }],
  ])('refuses %s with a French validation error, and keeps the choice', async (_what, body) => {
    const response = await choose(elu, { language: 'en' });
    expect(response.status).toBe(204);
    const refused = await choose(elu, body);
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toMatch(/[éèà]|requête|invalide/i);
    expect(await languageOf(elu)).toBe('en');
  });

  it('is refused to someone signed out', async () => {
    const response = await fetch(`${pleiade.url}/api/me/language`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'pleiade', origin: pleiade.url },
      body: JSON.stringify({ language: 'en' }),
    });
    expect(response.status).toBe(401);
  });
});

describe('the first board, named in the language of the person’s interface', () => {
  /** GET /api/boards from a browser that asks for `acceptLanguage`: their board list, the first visit creating their board. */
  const boardNames = async (browser: TestBrowser, acceptLanguage: string) => {
    const response = await browser.request(`${pleiade.url}/api/boards`, {
      headers: { accept: 'application/json', 'accept-language': acceptLanguage },
    });
    expect(response.status).toBe(200);
    return boardListSchema.parse(await response.json()).boards.map((board) => board.name);
  };

  it('follows the browser while the person has chosen nothing', async () => {
    expect(await boardNames(await signIn(pleiade.url, 'admin'), 'en-GB,en;q=0.9')).toEqual([DEFAULT_BOARD_NAMES.en]);
    // Neither French nor English asked for: French.
    expect(await boardNames(await signIn(pleiade.url, 'admin-b'), 'de-DE,de;q=0.9')).toEqual([DEFAULT_BOARD_NAMES.fr]);
  });

  it('follows the person’s choice over the browser, and stays as created once they switch', async () => {
    const person = await signIn(pleiade.url, 'agent-b');
    expect((await choose(person, { language: 'fr' })).status).toBe(204);
    expect(await boardNames(person, 'en-GB')).toEqual([DEFAULT_BOARD_NAMES.fr]);
    expect((await choose(person, { language: 'en' })).status).toBe(204);
    // Theirs now, like any name they could have typed: not renamed behind their back.
    expect(await boardNames(person, 'en-GB')).toEqual([DEFAULT_BOARD_NAMES.fr]);
  });
});
