import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BUSINESS, startSimulators, withHostileBusinessText, type Simulators } from '../index.js';
import { expectKeys } from '../test-support.js';

// Behaviour from glpi-project/glpi apirest.md and src/Api/API.php, APIRest.php (GLPI 10).
let sims: Simulators;
let api: string;

beforeAll(async () => {
  sims = await startSimulators();
  api = `${sims.urls.glpi}/apirest.php`;
});
afterAll(() => sims.close());
afterEach(() => sims.setFault('glpi', 'none'));

type Json = Record<string, unknown>;

async function call(path: string, headers: Record<string, string> = {}, init: RequestInit = {}) {
  const res = await fetch(`${api}${path}`, { ...init, headers: { 'Content-Type': 'application/json', ...headers } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

const appToken = () => ({ 'App-Token': sims.credentials.glpi.appToken ?? '' });

async function sessionFor(username: string): Promise<string> {
  const { status, json } = await call('/initSession', {
    ...appToken(),
    Authorization: `user_token ${sims.credentials.glpi.userTokens[username] ?? ''}`,
  });
  expect(status).toBe(200);
  return (json as { session_token: string }).session_token;
}

async function technicalSession(collectivite: 'demo-a' | 'demo-b'): Promise<string> {
  const { login, password } = sims.credentials.glpi.technicalAccounts[collectivite];
  const { status, json } = await call('/initSession', {
    ...appToken(),
    Authorization: `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`,
  });
  expect(status).toBe(200);
  return (json as { session_token: string }).session_token;
}

function search(token: string, query: string) {
  return call(`/search/Ticket?${query}`, { ...appToken(), 'Session-Token': token });
}

const ids = (json: unknown) => ((json as { data?: Json[] }).data ?? []).map((row) => row['2']);

const MY_OPEN = [
  'criteria[0][field]=4&criteria[0][searchtype]=equals&criteria[0][value]=myself',
  'criteria[1][link]=AND&criteria[1][field]=12&criteria[1][searchtype]=equals&criteria[1][value]=notold',
  'forcedisplay[0]=2&forcedisplay[1]=1&forcedisplay[2]=12&forcedisplay[3]=3&forcedisplay[4]=15',
].join('&');

describe('GLPI initSession and sessions', () => {
  it('opens a session with a user_token and the App-Token', async () => {
    const token = await sessionFor('agent');
    expect(token).toMatch(/^[0-9a-f]{40}$/);
    expect(sims.glpiOpenSessions()).toBeGreaterThan(0);
  });

  it('opens a session with a technical account in HTTP Basic', async () => {
    expect(await technicalSession('demo-a')).toMatch(/^[0-9a-f]{40}$/);
  });

  it.each([
    ['no App-Token', {}, 400, 'ERROR_APP_TOKEN_PARAMETERS_MISSING', 'missing parameter app_token'],
    [
      'a wrong App-Token',
      { 'App-Token': 'nope' },
      400,
      'ERROR_WRONG_APP_TOKEN_PARAMETER',
      'parameter app_token seems wrong',
    ],
  ])('refuses %s before looking at the credentials', async (_label, headers, status, code, message) => {
    const res = await call('/initSession', { ...headers, Authorization: 'user_token whatever' });
    expect(res.status).toBe(status);
    expect(res.json).toEqual([code, `${message}; view documentation in your browser at ${api}/#${code}`]);
  });

  it('answers the documented errors for missing or refused credentials', async () => {
    const missing = await call('/initSession', appToken());
    expect(missing.status).toBe(400);
    expect((missing.json as string[])[0]).toBe('ERROR_LOGIN_PARAMETERS_MISSING');
    const token = await call('/initSession', { ...appToken(), Authorization: 'user_token not-a-known-token' });
    expect(token.status).toBe(401);
    expect(token.json).toEqual(['ERROR_GLPI_LOGIN_USER_TOKEN', 'parameter user_token seems invalid']);
    const basic = await call('/initSession', {
      ...appToken(),
      Authorization: `Basic ${Buffer.from('pleiade-demo-a:wrong').toString('base64')}`,
    });
    expect(basic.status).toBe(401);
    expect((basic.json as string[])[0]).toBe('ERROR_GLPI_LOGIN');
  });

  it('refuses login/password when the instance allows only tokens', async () => {
    const strict = await startSimulators({ glpiLoginWithCredentials: false, glpiAppToken: null });
    try {
      const res = await fetch(`${strict.urls.glpi}/apirest.php/initSession`, {
        headers: { Authorization: `Basic ${Buffer.from('agent:demo').toString('base64')}` },
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual([
        'ERROR_LOGIN_WITH_CREDENTIALS_DISABLED',
        'usage of initSession resource with credentials is disabled',
      ]);
      // Without an App-Token configured, a token alone opens the session.
      const ok = await fetch(`${strict.urls.glpi}/apirest.php/initSession`, {
        headers: { Authorization: `user_token ${strict.credentials.glpi.userTokens.agent ?? ''}` },
      });
      expect(ok.status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('wants a Session-Token, refuses an unknown one, and ends it at killSession', async () => {
    const missing = await call('/getActiveProfile', appToken());
    expect(missing.status).toBe(400);
    expect((missing.json as string[])[0]).toBe('ERROR_SESSION_TOKEN_MISSING');
    const token = await sessionFor('agent');
    const profile = await call('/getActiveProfile', { ...appToken(), 'Session-Token': token });
    expect(profile.json).toEqual({ active_profile: { id: 1, name: 'Self-Service', interface: 'helpdesk' } });
    const killed = await call('/killSession', { ...appToken(), 'Session-Token': token });
    expect(killed).toMatchObject({ status: 200, json: true });
    const after = await call('/getActiveProfile', { ...appToken(), 'Session-Token': token });
    expect(after.status).toBe(401);
    expect(after.json).toEqual(['ERROR_SESSION_TOKEN_INVALID', 'session_token seems invalid']);
  });

  it('ends every session on expireGlpiSessions()', async () => {
    const token = await sessionFor('agent');
    sims.expireGlpiSessions();
    expect((await search(token, '')).status).toBe(401);
    expect(sims.glpiOpenSessions()).toBe(0);
  });

  it('accepts the tokens in the query string too, and refuses a GET with a body', async () => {
    const token = await sessionFor('agent');
    const res = await fetch(
      `${api}/getActiveProfile?session_token=${token}&app_token=${sims.credentials.glpi.appToken ?? ''}`,
    );
    expect(res.status).toBe(200);
    const withBody = await call(
      '/getActiveProfile',
      { ...appToken(), 'Session-Token': token },
      { method: 'POST', body: '{}' },
    );
    expect(withBody.status).toBe(200);
    const refused = await new Promise<number>((resolve, reject) => {
      void import('node:http').then(({ request }) => {
        const req = request(
          `${api}/getActiveProfile`,
          { method: 'GET', headers: { ...appToken(), 'Session-Token': token } },
          (r) => resolve(r.statusCode ?? 0),
        );
        req.on('error', reject);
        req.end('{"a":1}');
      });
    });
    expect(refused).toBe(400);
  });
});

describe('GLPI search/Ticket', () => {
  it('without criteria uses GLPI’s default request: not solved nor closed, newest change first', async () => {
    const token = await sessionFor('agent');
    const { status, json, headers } = await search(token, '');
    expect(status).toBe(200);
    expectKeys(json, ['totalcount', 'count', 'sort', 'order', 'data', 'content-range']);
    expect(json).toMatchObject({ totalcount: 3, count: 3, sort: [19], order: ['DESC'], 'content-range': '0-2/3' });
    // The agent is requester of 1042 and 1051 and observer of 1055; 1012 is solved, 998 closed.
    expect(ids(json)).toEqual([1055, 1042, 1051]);
    expect(headers.get('content-range')).toBe('0-2/3');
    const row = (json as { data: Json[] }).data[0]!;
    expect(Object.keys(row).sort()).toEqual(['1', '12', '15', '19', '2', '3', '4', '5', '7', '80'].sort());
    expect(row).toMatchObject({ '1': 'Renouvellement du certificat du site de la mairie', '2': 1055, '12': 2, '3': 5 });
    expect(row['15']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(row['80']).toBe('Entité racine > Mairie de Demo A');
  });

  it('"my open tickets" for the person’s own session: requester = myself and status notold', async () => {
    const token = await sessionFor('agent');
    const { json } = await search(token, MY_OPEN);
    expect(ids(json)).toEqual([1042, 1051]);
    const first = (json as { data: Json[] }).data[0]!;
    expect(first).toMatchObject({
      '1': 'Imprimante du guichet état civil hors service',
      '4': 'agent',
      '12': 2,
      '3': 4,
    });
    expect(first).not.toHaveProperty('5');
  });

  it('a technical account sees every ticket of its entity: the filter on the requester is what narrows it', async () => {
    const token = await technicalSession('demo-a');
    const all = await search(
      token,
      'criteria[0][field]=12&criteria[0][searchtype]=equals&criteria[0][value]=notold&range=0-99',
    );
    expect(ids(all.json)).toEqual(expect.arrayContaining([1042, 1044, 1049, 1058]));
    expect(ids(all.json)).not.toEqual(expect.arrayContaining([2003]));
    const agentId = DEMO_BUSINESS.people.find((p) => p.username === 'agent')?.glpiUserId ?? 0;
    const mine = await search(
      token,
      `criteria[0][field]=4&criteria[0][searchtype]=equals&criteria[0][value]=${agentId}&criteria[1][link]=AND&criteria[1][field]=12&criteria[1][searchtype]=equals&criteria[1][value]=notold&sort=15&order=ASC`,
    );
    expect(ids(mine.json)).toEqual([1042, 1051]);
    // Only `sort` given: the order stays that of GLPI's default request (DESC).
    const sortedOnly = await search(
      token,
      'criteria[0][field]=4&criteria[0][searchtype]=equals&criteria[0][value]=7&sort=2',
    );
    expect(sortedOnly.json).toMatchObject({ sort: [2], order: ['DESC'] });
    expect(ids(sortedOnly.json)).toEqual([1051, 1042, 1012, 998]);
    const demoB = await technicalSession('demo-b');
    expect(ids((await search(demoB, 'range=0-99')).json).sort()).toEqual([2003, 2005, 2007]);
  });

  it('pages with range: 206 Partial Content and Content-Range, 400 past the end', async () => {
    const token = await technicalSession('demo-a');
    const page = await search(token, 'range=0-1');
    expect(page.status).toBe(206);
    expect(page.headers.get('content-range')).toMatch(/^0-1\/\d+$/);
    expect((page.json as Json).count).toBe(2);
    const past = await search(token, 'range=500-510');
    expect(past.status).toBe(400);
    expect((past.json as string[])[0]).toBe('ERROR_RANGE_EXCEED_TOTAL');
    const bad = await search(token, 'range=a-b');
    expect(bad.status).toBe(400);
    expect((bad.json as string[])[1]).toMatch(/^range must be in format : \[start-end\] with integers/);
  });

  it('answers no data key and no Content-Range header when nothing matches', async () => {
    const token = await sessionFor('elu');
    const { status, json, headers } = await search(
      token,
      'criteria[0][field]=12&criteria[0][searchtype]=equals&criteria[0][value]=old',
    );
    expect(status).toBe(200);
    expect(json).toEqual({ totalcount: 0, count: 0, sort: [19], order: ['DESC'], 'content-range': '0--1/0' });
    expect(headers.get('content-range')).toBeNull();
  });

  it('refuses unknown search option ids and incomplete criteria as GLPI does', async () => {
    const token = await sessionFor('agent');
    const unknown = await search(token, 'criteria[0][field]=999&criteria[0][searchtype]=equals&criteria[0][value]=1');
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual([
      'ERROR',
      `Bad field ID in search criteria; view documentation in your browser at ${api}/#ERROR`,
    ]);
    const malformed = await search(token, 'criteria[0][field]=12&criteria[0][value]=notold');
    expect((malformed.json as string[])[1]).toMatch(/^Malformed search criteria/);
  });

  it('evaluates OR with SQL precedence, `contains` with ^ and $ anchors, and withindexes / uid_cols', async () => {
    const token = await technicalSession('demo-a');
    const or = await search(
      token,
      'criteria[0][field]=2&criteria[0][searchtype]=equals&criteria[0][value]=1042&criteria[1][link]=OR&criteria[1][field]=2&criteria[1][searchtype]=equals&criteria[1][value]=1044&sort=2&order=ASC',
    );
    expect(ids(or.json)).toEqual([1042, 1044]);
    const anchored = await search(
      token,
      'criteria[0][field]=4&criteria[0][searchtype]=contains&criteria[0][value]=^agent$',
    );
    expect(ids(anchored.json)).toEqual(expect.arrayContaining([1042, 1051]));
    const indexed = await search(
      token,
      'criteria[0][field]=2&criteria[0][searchtype]=equals&criteria[0][value]=1042&withindexes=true&uid_cols=true',
    );
    expect(Object.keys((indexed.json as { data: Json }).data)).toEqual(['1042']);
    expect((indexed.json as { data: Record<string, Json> }).data['1042']).toHaveProperty('Ticket.name');
  });

  it('returns text HTML-encoded, as GLPI 10 stores it', async () => {
    const hostile = await startSimulators({
      business: withHostileBusinessText(DEMO_BUSINESS, ['<script>alert("x")</script>']),
    });
    try {
      const h = { 'App-Token': hostile.credentials.glpi.appToken ?? '' };
      const init = await fetch(`${hostile.urls.glpi}/apirest.php/initSession`, {
        headers: { ...h, Authorization: `user_token ${hostile.credentials.glpi.userTokens.agent ?? ''}` },
      });
      const { session_token } = (await init.json()) as { session_token: string };
      const res = await fetch(`${hostile.urls.glpi}/apirest.php/search/Ticket?${MY_OPEN}`, {
        headers: { ...h, 'Session-Token': session_token },
      });
      const title = ((await res.json()) as { data: Json[] }).data[0]?.['1'];
      expect(title).toBe(
        'Imprimante du guichet état civil hors service &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;',
      );
    } finally {
      await hostile.close();
    }
  });
});

describe('GLPI other endpoints', () => {
  it('lists Ticket search options with their uid', async () => {
    const token = await sessionFor('agent');
    const { json } = await call('/listSearchOptions/Ticket', { ...appToken(), 'Session-Token': token });
    expect((json as Record<string, Json>)['12']).toMatchObject({ field: 'status', uid: 'Ticket.status' });
    expect((json as Record<string, Json>)['4']).toMatchObject({ table: 'glpi_users', field: 'name' });
  });

  it('finds a user id by login for a technical account; a Self-Service profile may not search users', async () => {
    const tech = await technicalSession('demo-a');
    const { json } = await call(
      '/search/User?criteria[0][field]=1&criteria[0][searchtype]=contains&criteria[0][value]=^agent$&forcedisplay[0]=2',
      {
        ...appToken(),
        'Session-Token': tech,
      },
    );
    expect((json as { data: Json[] }).data).toEqual([expect.objectContaining({ '1': 'agent', '2': 7 })]);
    const self = await sessionFor('agent');
    const refused = await call('/search/User', { ...appToken(), 'Session-Token': self });
    expect(refused.status).toBe(403);
    expect((refused.json as string[])[0]).toBe('ERROR_RIGHT_MISSING');
  });

  it('reads one ticket the person may see; 403 for another’s, 404 for none, 400 for an unknown itemtype', async () => {
    const token = await sessionFor('agent');
    const h = { ...appToken(), 'Session-Token': token };
    const own = await call('/Ticket/1042', h);
    expect(own.json).toMatchObject({ id: 1042, status: 2, priority: 4, entities_id: 1 });
    expect((await call('/Ticket/1044', h)).status).toBe(403);
    expect((await call('/Ticket/99999', h)).status).toBe(404);
    const unknown = await call('/NoSuchThing', h);
    expect(unknown.status).toBe(400);
    expect((unknown.json as string[])[0]).toBe('ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM');
  });

  it('serves the login page at the ticket deep link, and counts requests', async () => {
    sims.resetCounts();
    const page = await fetch(`${sims.urls.glpi}/front/ticket.form.php?id=1042`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('GLPI');
    expect(sims.requestCount('glpi')).toBe(1);
  });

  it('honours fault modes', async () => {
    sims.setFault('glpi', 'http500');
    const res = await fetch(`${api}/initSession`, { headers: appToken() });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toContain('text/html');
  });
});
