import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, startSimulators, type Simulators } from '../index.js';
import { expectKeys, timed } from '../test-support.js';

// Field names as documented in nextcloud/notifications docs/ocs-endpoint-v2.md ("Notification Element").
const NOTIFICATION_FIELDS = [
  'notification_id',
  'app',
  'user',
  'datetime',
  'object_type',
  'object_id',
  'subject',
  'subjectRich',
  'subjectRichParameters',
  'message',
  'messageRich',
  'messageRichParameters',
  'link',
  'icon',
  'shouldNotify',
  'actions',
];
const ACTION_FIELDS = ['label', 'link', 'type', 'primary'];
// nextcloud/server apps/dashboard/lib/ResponseDefinitions.php (DashboardWidgetItem).
const WIDGET_ITEM_FIELDS = ['subtitle', 'title', 'link', 'iconUrl', 'overlayIconUrl', 'sinceId'];

let sims: Simulators;

beforeAll(async () => {
  sims = await startSimulators();
});
afterAll(() => sims.close());
afterEach(() => sims.setFault('nextcloud', 'none'));

function basic(user: string, password: string) {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function ocsHeaders(username = 'agent'): Record<string, string> {
  const c = sims.credentials.nextcloud[username];
  if (!c) throw new Error(`no credentials for ${username}`);
  return { 'OCS-APIRequest': 'true', Accept: 'application/json', Authorization: basic(c.user, c.appPassword) };
}

const notificationsUrl = () => `${sims.urls.nextcloud}/ocs/v2.php/apps/notifications/api/v2/notifications`;

interface OcsBody<T> {
  ocs: { meta: { status: string; statuscode: number; message: string }; data: T };
}

describe('Nextcloud notifications (OCS v2)', () => {
  it('lists the user notifications in the documented OCS envelope', async () => {
    const res = await fetch(notificationsUrl(), { headers: ocsHeaders() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('etag')).toBeTruthy();
    const body = (await res.json()) as OcsBody<Record<string, unknown>[]>;
    expectKeys(body, ['ocs']);
    expect(Object.keys(body.ocs).sort()).toEqual(['data', 'meta']);
    expect(body.ocs.meta).toMatchObject({ status: 'ok', statuscode: 200 });
    expect(body.ocs.data.length).toBeGreaterThan(0);
    for (const n of body.ocs.data) {
      expectKeys(n, NOTIFICATION_FIELDS);
      expect(typeof n.notification_id).toBe('number');
      expect(n.user).toBe('agent');
      expect(n.datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
      expect(typeof n.object_id).toBe('string');
      expect(n.link).toMatch(new RegExp(`^${sims.urls.nextcloud}/`));
      for (const a of n.actions as unknown[]) expectKeys(a, ACTION_FIELDS);
    }
    expect(body.ocs.data.map((n) => n.subject)).toContain('Nouveau fichier partagé : Budget 2027.xlsx');
  });

  it('accepts format=json instead of the Accept header, and a bearer token instead of Basic', async () => {
    const c = sims.credentials.nextcloud.agent!;
    const res = await fetch(`${notificationsUrl()}?format=json`, {
      headers: { 'OCS-APIRequest': 'true', Authorization: `Bearer ${c.bearerToken}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as OcsBody<{ user: string }[]>;
    expect(body.ocs.data.every((n) => n.user === 'agent')).toBe(true);
  });

  it('answers XML when JSON is not asked for (OCS default)', async () => {
    const { Accept: _accept, ...headers } = ocsHeaders();
    const res = await fetch(notificationsUrl(), { headers });
    expect(res.headers.get('content-type')).toContain('application/xml');
    expect(await res.text()).toContain('<statuscode>200</statuscode>');
  });

  it('answers 304 with an empty body when If-None-Match matches the ETag', async () => {
    const first = await fetch(notificationsUrl(), { headers: ocsHeaders() });
    const etag = first.headers.get('etag')!;
    const second = await fetch(notificationsUrl(), { headers: { ...ocsHeaders(), 'If-None-Match': etag } });
    expect(second.status).toBe(304);
    expect(await second.text()).toBe('');
  });

  it('refuses a wrong app password or unknown bearer with 401 and OCS status 997', async () => {
    for (const authorization of [basic('agent', 'wrong'), 'Bearer not-a-token', undefined]) {
      const headers: Record<string, string> = { 'OCS-APIRequest': 'true', Accept: 'application/json' };
      if (authorization) headers.Authorization = authorization;
      const res = await fetch(notificationsUrl(), { headers });
      expect(res.status).toBe(401);
      const body = (await res.json()) as OcsBody<unknown>;
      expect(body.ocs.meta).toMatchObject({ status: 'failure', statuscode: 997 });
      expect(body.ocs.data).toEqual([]);
    }
  });

  it('refuses a request without OCS-APIRequest: true (412 CSRF check failed)', async () => {
    const { 'OCS-APIRequest': _h, ...headers } = ocsHeaders();
    const res = await fetch(notificationsUrl(), { headers });
    expect(res.status).toBe(412);
    expect(await res.json()).toEqual({ message: 'CSRF check failed' });
  });

  it("never shows another user's notifications", async () => {
    const a = (await (await fetch(notificationsUrl(), { headers: ocsHeaders('agent') })).json()) as OcsBody<
      { notification_id: number; user: string }[]
    >;
    const b = (await (await fetch(notificationsUrl(), { headers: ocsHeaders('agent-b') })).json()) as OcsBody<
      { notification_id: number; user: string }[]
    >;
    expect(b.ocs.data.every((n) => n.user === 'agent-b')).toBe(true);
    const idsA = new Set(a.ocs.data.map((n) => n.notification_id));
    expect(b.ocs.data.some((n) => idsA.has(n.notification_id))).toBe(false);
  });
});

describe('Nextcloud dashboard widget items', () => {
  const itemsUrl = (version: 'v1' | 'v2', query: string) =>
    `${sims.urls.nextcloud}/ocs/v2.php/apps/dashboard/api/${version}/widget-items?${query}`;

  it('v1: maps each requested widget id to a list of documented items, honouring limit', async () => {
    const res = await fetch(itemsUrl('v1', 'widgets[]=recommendations&widgets[]=spreed&limit=1'), {
      headers: ocsHeaders(),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as OcsBody<Record<string, Record<string, unknown>[]>>;
    expect(Object.keys(body.ocs.data).sort()).toEqual(['recommendations', 'spreed']);
    const first = body.ocs.data.recommendations?.[0];
    expectKeys(first, WIDGET_ITEM_FIELDS);
    expect(first?.title).toBe('Budget 2027.xlsx');
    expect(typeof first?.sinceId).toBe('string');
    expect(body.ocs.data.recommendations).toHaveLength(1);
  });

  it('v1: sinceIds[<widget>] returns only newer items', async () => {
    const all = (await (
      await fetch(itemsUrl('v1', 'widgets[]=recommendations'), { headers: ocsHeaders() })
    ).json()) as OcsBody<Record<string, { sinceId: string }[]>>;
    const older = all.ocs.data.recommendations?.[1]?.sinceId;
    const res = await fetch(itemsUrl('v1', `widgets[]=recommendations&sinceIds[recommendations]=${older}`), {
      headers: ocsHeaders(),
    });
    const body = (await res.json()) as OcsBody<Record<string, unknown[]>>;
    expect(body.ocs.data.recommendations).toHaveLength(1);
  });

  it('v2: wraps items with emptyContentMessage and halfEmptyContentMessage', async () => {
    const res = await fetch(itemsUrl('v2', 'widgets[]=recommendations'), { headers: ocsHeaders() });
    const body = (await res.json()) as OcsBody<Record<string, unknown>>;
    expectKeys(body.ocs.data.recommendations, ['items', 'emptyContentMessage', 'halfEmptyContentMessage']);
  });

  it('answers as Nextcloud when parameters are missing or odd: the default layout, limit 7, PHP integers', async () => {
    type Items = OcsBody<Record<string, unknown[]>>;
    const read = async (query: string) =>
      ((await (await fetch(itemsUrl('v1', query), { headers: ocsHeaders() })).json()) as Items).ocs.data;
    // No widget named: those of the default layout (recommendations, spreed, mail, calendar) the user has.
    expect(Object.keys(await read('')).sort()).toEqual(['calendar', 'recommendations', 'spreed']);
    // An unknown widget is left out, not an error.
    expect(await read('widgets[]=inconnu')).toEqual([]);
    const counts = async (limit: string) =>
      (await read(`widgets[]=recommendations&limit=${limit}`)).recommendations?.length;
    const all = (await read('widgets[]=recommendations')).recommendations?.length ?? 0;
    expect(all).toBeLessThanOrEqual(7);
    // settype('abc', 'int') is 0: no item; '1x' is 1; a negative limit drops the last ones (array_slice).
    expect(await counts('abc')).toBe(0);
    expect(await counts('1x')).toBe(1);
    expect(await counts('-1')).toBe(all - 1);
  });

  it('leaves a widget out of the default layout unless it is named', async () => {
    const agent = DEMO_USERS.find((user) => user.username === 'agent');
    if (!agent) throw new Error('agent');
    const activity = {
      title: 'Activité',
      subtitle: '',
      linkPath: '/apps/activity',
      iconPath: '/a.svg',
      overlayIconPath: '',
      minutesAgo: 5,
    };
    const own = await startSimulators({
      users: [
        {
          ...agent,
          nextcloud: { ...agent.nextcloud, widgetItems: { ...agent.nextcloud.widgetItems, activity: [activity] } },
        },
      ],
    });
    try {
      const c = own.credentials.nextcloud.agent;
      const headers = {
        'OCS-APIRequest': 'true',
        Accept: 'application/json',
        Authorization: basic(c?.user ?? '', c?.appPassword ?? ''),
      };
      const url = (query: string) => `${own.urls.nextcloud}/ocs/v2.php/apps/dashboard/api/v1/widget-items?${query}`;
      const ids = async (query: string) =>
        Object.keys(((await (await fetch(url(query), { headers })).json()) as OcsBody<object>).ocs.data).sort();
      expect(await ids('')).toEqual(['calendar', 'recommendations', 'spreed']);
      expect(await ids('widgets[]=activity')).toEqual(['activity']);
    } finally {
      await own.close();
    }
  });

  it('answers in the first format the Accept header names that it can give, XML by default', async () => {
    const headers = (accept: string) => ({ ...ocsHeaders(), Accept: accept });
    const typeOf = async (accept: string) =>
      (await fetch(itemsUrl('v1', 'widgets[]=spreed'), { headers: headers(accept) })).headers.get('content-type');
    expect(await typeOf('application/xml, application/json')).toContain('xml');
    expect(await typeOf('text/html, application/json')).toContain('json');
    expect(await typeOf('*/*')).toContain('xml');
  });

  it("only returns the user's own widgets", async () => {
    const res = await fetch(itemsUrl('v1', 'widgets[]=recommendations&widgets[]=spreed'), {
      headers: ocsHeaders('agent-b'),
    });
    const body = (await res.json()) as OcsBody<Record<string, { title: string }[]>>;
    expect(Object.keys(body.ocs.data)).toEqual(['recommendations']);
    expect(body.ocs.data.recommendations?.map((i) => i.title)).toEqual(['Planning déneigement.xlsx']);
  });
});

describe('Nextcloud recent files (WebDAV SEARCH)', () => {
  const searchBody = (uid: string, limit = 100) => `<?xml version="1.0" encoding="UTF-8"?>
<d:searchrequest xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns"
  xmlns:ns="https://github.com/icewind1991/SearchDAV/ns">
  <d:basicsearch>
    <d:select><d:prop><d:displayname/><d:getcontenttype/><d:getlastmodified/><oc:size/><oc:fileid/></d:prop></d:select>
    <d:from><d:scope><d:href>/files/${uid}</d:href><d:depth>infinity</d:depth></d:scope></d:from>
    <d:where><d:gt><d:prop><d:getlastmodified/></d:prop><d:literal>1700000000</d:literal></d:gt></d:where>
    <d:orderby><d:order><d:prop><d:getlastmodified/></d:prop><d:descending/></d:order></d:orderby>
    <d:limit><d:nresults>${limit}</d:nresults><ns:firstresult>0</ns:firstresult></d:limit>
  </d:basicsearch>
</d:searchrequest>`;

  const dav = (username: string, uid: string, limit?: number) =>
    fetch(`${sims.urls.nextcloud}/remote.php/dav/`, {
      method: 'SEARCH',
      headers: { 'Content-Type': 'text/xml', Authorization: ocsHeaders(username).Authorization! },
      body: searchBody(uid, limit),
    });

  it('answers 207 multistatus with the files, newest first, limited by nresults', async () => {
    const res = await dav('agent', 'agent', 2);
    expect(res.status).toBe(207);
    const xml = await res.text();
    expect(xml).toContain('<d:multistatus');
    const hrefs = [...xml.matchAll(/<d:href>([^<]+)<\/d:href>/g)].map((m) => decodeURIComponent(m[1]!));
    expect(hrefs).toEqual([
      '/remote.php/dav/files/agent/Partagés/Budget 2027.xlsx',
      '/remote.php/dav/files/agent/Documents/Compte rendu conseil municipal.docx',
    ]);
    for (const prop of ['d:displayname', 'd:getcontenttype', 'd:getlastmodified', 'oc:size', 'oc:fileid']) {
      expect(xml).toContain(`<${prop}>`);
    }
    expect(xml).toContain('<d:status>HTTP/1.1 200 OK</d:status>');
  });

  const query = (where: string, more = '') => `<?xml version="1.0"?>
<d:searchrequest xmlns:d="DAV:"><d:basicsearch>
  <d:select><d:prop><d:displayname/></d:prop></d:select>
  <d:from><d:scope><d:href>/files/agent</d:href><d:depth>infinity</d:depth></d:scope></d:from>
  ${where}${more}
</d:basicsearch></d:searchrequest>`;
  const names = async (body: string) => {
    const res = await fetch(`${sims.urls.nextcloud}/remote.php/dav/`, {
      method: 'SEARCH',
      headers: { 'Content-Type': 'text/xml', Authorization: ocsHeaders('agent').Authorization! },
      body,
    });
    if (res.status !== 207) return res.status;
    return [...(await res.text()).matchAll(/<d:displayname>([^<]+)</g)].map((m) => m[1]);
  };

  it('evaluates the query as Nextcloud does: where, orderby, no limit when none is given', async () => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const recent = `<d:where><d:gt><d:prop><d:getlastmodified/></d:prop><d:literal>${nowSeconds - 86_400}</d:literal></d:gt></d:where>`;
    const newestFirst =
      '<d:orderby><d:order><d:prop><d:getlastmodified/></d:prop><d:descending/></d:order></d:orderby>';
    // Only the files of the last day, newest first.
    expect(await names(query(recent, newestFirst))).toEqual([
      'Budget 2027.xlsx',
      'Compte rendu conseil municipal.docx',
    ]);
    // Oldest first when asked; every file without a where; no cut without nresults.
    const oldestFirst = newestFirst.replace('<d:descending/>', '<d:ascending/>');
    const all = await names(query('', oldestFirst));
    expect(Array.isArray(all) && all.length).toBeGreaterThan(2);
    expect(Array.isArray(all) && all.at(-1)).toBe('Budget 2027.xlsx');
    // A date literal Nextcloud cannot read counts as 0: everything is newer.
    const unreadable = recent.replace(String(nowSeconds - 86_400), 'hier');
    expect(await names(query(unreadable))).toHaveLength(Array.isArray(all) ? all.length : 0);
  });

  it('refuses a query it cannot evaluate (400), never answering everything instead', async () => {
    expect(await names(query('<d:where><d:unknown-op/></d:where>'))).toBe(400);
    expect(
      await names(query('<d:where><d:gt><d:prop><d:owner/></d:prop><d:literal>1</d:literal></d:gt></d:where>')),
    ).toBe(400);
    expect(await names('<d:searchrequest xmlns:d="DAV:"><d:propfind/></d:searchrequest>')).toBe(400);
  });

  it("refuses another user's scope (404) and bad credentials (401 + WWW-Authenticate)", async () => {
    expect((await dav('agent-b', 'agent')).status).toBe(404);
    const res = await fetch(`${sims.urls.nextcloud}/remote.php/dav/`, {
      method: 'SEARCH',
      headers: { 'Content-Type': 'text/xml', Authorization: basic('agent', 'wrong') },
      body: searchBody('agent'),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect(await res.text()).toContain('Sabre\\DAV\\Exception\\NotAuthenticated');
  });
});

describe('Nextcloud simulator controls', () => {
  it('adds the configured latency', async () => {
    const slow = await startSimulators({ latencyMs: { nextcloud: 150 } });
    try {
      const { result, ms } = await timed(() => fetch(`${slow.urls.nextcloud}/ocs/v2.php/x`));
      expect(result.status).toBe(401);
      expect(ms).toBeGreaterThanOrEqual(140);
    } finally {
      await slow.close();
    }
  });

  it('fault hang: no answer until the client gives up', async () => {
    sims.setFault('nextcloud', 'hang');
    await expect(
      fetch(notificationsUrl(), { headers: ocsHeaders(), signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow(/timeout|aborted/i);
  });

  it('fault http500 and garbage', async () => {
    sims.setFault('nextcloud', 'http500');
    expect((await fetch(notificationsUrl(), { headers: ocsHeaders() })).status).toBe(500);
    sims.setFault('nextcloud', 'garbage');
    const res = await fetch(notificationsUrl(), { headers: ocsHeaders() });
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it('counts requests, including refused ones', async () => {
    sims.resetCounts();
    await fetch(notificationsUrl(), { headers: ocsHeaders() });
    await fetch(notificationsUrl());
    expect(sims.requestCount('nextcloud')).toBe(2);
    expect(sims.requestCount('zimbra')).toBe(0);
  });
});
