import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminAnnouncementListSchema,
  adminAnnouncementSchema,
  apiErrorBodySchema,
  auditLogSchema,
  myAnnouncementsSchema,
  type AdminAnnouncement,
  type AnnouncementInput,
} from '@pleiade/contracts';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/**
 * Banners and announcements (issue 11, point 3) through the API: each reaches exactly its audience
 * — never another collectivité, another group, before its start or after its end — a closed banner
 * stays closed for that person only, and every change is in the audit log.
 */

let pleiade: TestPleiade;
let agent: TestBrowser;
let elu: TestBrowser;
let admin: TestBrowser;
let agentB: TestBrowser;
let adminB: TestBrowser;

async function call(browser: TestBrowser, path: string, method = 'GET', body?: unknown) {
  const response = await api(browser, `${pleiade.url}${path}`, method, body);
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const HOUR = 3_600_000;
const from = (ms: number) => new Date(Date.now() + ms).toISOString();

async function publish(browser: TestBrowser, input: Partial<AnnouncementInput> & { title: string }) {
  const { status, body } = await call(browser, '/api/admin/announcements', 'POST', {
    severity: 'information',
    placement: 'widget',
    startsAt: from(-HOUR),
    ...input,
  });
  expect(status, JSON.stringify(body)).toBe(201);
  return adminAnnouncementSchema.parse(body);
}

async function seen(browser: TestBrowser) {
  const { status, body } = await call(browser, '/api/announcements');
  expect(status).toBe(200);
  const mine = myAnnouncementsSchema.parse(body);
  return {
    banners: mine.banners.map((a) => a.title).sort(),
    announcements: mine.announcements.map((a) => a.title).sort(),
  };
}

async function refusal(pending: ReturnType<typeof call>) {
  const { status, body } = await pending;
  const { code, message } = apiErrorBodySchema.parse(body).error;
  return { status, code, message };
}

beforeAll(async () => {
  pleiade = await startTestPleiade();
  [agent, elu, admin, agentB, adminB] = (await Promise.all(
    ['agent', 'elu', 'admin', 'agent-b', 'admin-b'].map((username) => signIn(pleiade.url, username)),
  )) as [TestBrowser, TestBrowser, TestBrowser, TestBrowser, TestBrowser];
});
afterAll(async () => {
  await pleiade?.stop();
});

describe('announcements reach exactly their audience', () => {
  let urgent: AdminAnnouncement;
  let toAgents: AdminAnnouncement;

  beforeAll(async () => {
    urgent = await publish(admin, {
      title: 'A bandeau élus',
      placement: 'banner',
      severity: 'urgent',
      audience: ['elus'],
    });
    await publish(admin, { title: 'A bandeau tous', placement: 'banner', endsAt: from(HOUR) });
    toAgents = await publish(admin, { title: 'A annonce agents', audience: ['agents'], severity: 'important' });
    await publish(admin, { title: 'A pas encore', placement: 'banner', startsAt: from(HOUR), endsAt: from(2 * HOUR) });
    await publish(admin, { title: 'A terminée', startsAt: from(-2 * HOUR), endsAt: from(-1000) });
    await publish(admin, { title: 'A groupe inconnu', audience: ['commission-travaux'] });
    await publish(adminB, { title: 'B annonce agents', audience: ['agents'], placement: 'banner' });
  });

  it('shows each person theirs, and nothing of another group, collectivité, or outside the window', async () => {
    expect(await seen(agent)).toEqual({ banners: ['A bandeau tous'], announcements: ['A annonce agents'] });
    expect(await seen(elu)).toEqual({ banners: ['A bandeau tous', 'A bandeau élus'], announcements: [] });
    // The administrator is in the agents group; administering gives no more than that.
    expect(await seen(admin)).toEqual({ banners: ['A bandeau tous'], announcements: ['A annonce agents'] });
    expect(await seen(agentB)).toEqual({ banners: ['B annonce agents'], announcements: [] });
  });

  it('gives the most urgent banner first, with its severity', async () => {
    const { body } = await call(elu, '/api/announcements');
    const { banners } = myAnnouncementsSchema.parse(body);
    expect(banners.map((banner) => [banner.title, banner.severity])).toEqual([
      ['A bandeau élus', 'urgent'],
      ['A bandeau tous', 'information'],
    ]);
    expect(Object.keys(banners[0] ?? {})).not.toContain('audience');
  });

  it('keeps a closed banner closed for that person only', async () => {
    const { body } = await call(elu, '/api/announcements');
    const everyone = myAnnouncementsSchema.parse(body).banners.find((banner) => banner.title === 'A bandeau tous');
    expect((await call(elu, `/api/announcements/${everyone?.id}/dismiss`, 'POST', {})).status).toBe(204);
    expect((await call(elu, `/api/announcements/${everyone?.id}/dismiss`, 'POST', {})).status).toBe(204);
    expect((await seen(elu)).banners).toEqual(['A bandeau élus']);
    expect((await seen(agent)).banners).toEqual(['A bandeau tous']);
    const list = adminAnnouncementListSchema.parse((await call(admin, '/api/admin/announcements')).body);
    expect(list.announcements.find((a) => a.id === everyone?.id)?.dismissals).toBe(1);
  });

  it('lets nobody close what is not theirs to see, nor an entry of the widget', async () => {
    const missing = { status: 404, code: 'NOT_FOUND', message: 'Annonce introuvable.' };
    expect(await refusal(call(agentB, `/api/announcements/${urgent.id}/dismiss`, 'POST', {}))).toEqual(missing);
    expect(await refusal(call(agent, `/api/announcements/${urgent.id}/dismiss`, 'POST', {}))).toEqual(missing);
    expect(await refusal(call(agent, `/api/announcements/${toAgents.id}/dismiss`, 'POST', {}))).toMatchObject({
      status: 400,
      message: 'Seul un bandeau peut être fermé.',
    });
  });

  it('follows a change of audience or window at once', async () => {
    const { id, updatedAt: _u, updatedBy: _b, dismissals: _d, ...rest } = toAgents;
    const moved = await call(admin, `/api/admin/announcements/${id}`, 'PUT', { ...rest, audience: ['elus'] });
    expect(moved.status).toBe(200);
    expect((await seen(agent)).announcements).toEqual([]);
    expect((await seen(elu)).announcements).toEqual(['A annonce agents']);
    const ended = await call(admin, `/api/admin/announcements/${id}`, 'PUT', {
      ...rest,
      audience: ['elus'],
      startsAt: from(-2 * HOUR),
      endsAt: from(-HOUR),
    });
    expect(ended.status).toBe(200);
    expect((await seen(elu)).announcements).toEqual([]);
  });
});

describe('the administration of announcements', () => {
  it('lists the collectivité’s own only', async () => {
    const listOf = async (browser: TestBrowser) =>
      adminAnnouncementListSchema.parse((await call(browser, '/api/admin/announcements')).body).announcements;
    const titles = (await listOf(admin)).map((a) => a.title);
    expect(titles).toContain('A pas encore');
    expect(titles.some((title) => title.startsWith('B '))).toBe(false);
    expect((await listOf(adminB)).every((a) => a.title.startsWith('B '))).toBe(true);
  });

  it('refuses agents and élus, and conceals another collectivité’s announcements', async () => {
    const created = await publish(admin, { title: 'A à garder' });
    const input = { title: 'Piraté', severity: 'urgent', placement: 'banner', startsAt: from(0) };
    const forbidden = { status: 403, code: 'FORBIDDEN', message: 'Réservé aux administrateurs de la collectivité.' };
    expect(await refusal(call(agent, '/api/admin/announcements', 'POST', input))).toEqual(forbidden);
    expect(await refusal(call(elu, `/api/admin/announcements/${created.id}`, 'DELETE'))).toEqual(forbidden);
    const missing = { status: 404, code: 'NOT_FOUND', message: 'Annonce introuvable.' };
    expect(await refusal(call(adminB, `/api/admin/announcements/${created.id}`, 'PUT', input))).toEqual(missing);
    expect(await refusal(call(adminB, `/api/admin/announcements/${created.id}`, 'DELETE'))).toEqual(missing);
    expect((await seen(agent)).announcements).toContain('A à garder');
  });

  it('refuses a bad announcement with French messages', async () => {
    const bad = await refusal(
      call(admin, '/api/admin/announcements', 'POST', {
        title: 'Fenêtre à l’envers',
        severity: 'information',
        placement: 'banner',
        startsAt: from(HOUR),
        endsAt: from(0),
      }),
    );
    expect(bad).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    const { body } = await call(admin, '/api/admin/announcements', 'POST', { title: 'x', severity: 'rouge' });
    expect(JSON.stringify(body)).toContain('Gravité attendue');
    expect((await call(admin, '/api/admin/announcements/pas-un-id', 'DELETE')).status).toBe(400);
  });

  it('writes every creation, change and deletion to the audit log, with who did it', async () => {
    const created = await publish(admin, { title: 'A journal' });
    const { id, updatedAt: _u, updatedBy: _b, dismissals: _d, ...rest } = created;
    expect(
      (await call(admin, `/api/admin/announcements/${id}`, 'PUT', { ...rest, title: 'A journal modifié' })).status,
    ).toBe(200);
    expect((await call(admin, `/api/admin/announcements/${id}`, 'DELETE')).status).toBe(204);
    const { events } = auditLogSchema.parse((await call(admin, '/api/admin/audit-log')).body);
    expect(events.slice(0, 3).map((event) => [event.action, event.board.name, event.board.id])).toEqual([
      ['announcement.deleted', 'A journal modifié', null],
      ['announcement.updated', 'A journal modifié', null],
      ['announcement.created', 'A journal', null],
    ]);
    expect(events[0]?.actorName).toMatch(/\S/);
    const other = auditLogSchema.parse((await call(adminB, '/api/admin/audit-log')).body);
    expect(other.events.some((event) => event.board.name.startsWith('A '))).toBe(false);
  });
});
