import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulators, type Simulators } from '../index.js';
import { basic, expectKeys } from '../test-support.js';

// Field names from libriciel/iparapheur-v5-api-php docs/Model/StandardApiPageImpl*.md and
// FolderRepresentation.php (attributeMap), Keycloak's token response as checked by
// megalis-bretagne/parapheur-v5 src/test/resources/lib/ip5/api/schemas/auth/post_200.json.
const PAGE_FIELDS = [
  'content',
  'pageable',
  'totalElements',
  'totalPages',
  'last',
  'first',
  'size',
  'number',
  'numberOfElements',
  'sort',
  'empty',
];
const TOKEN_FIELDS = [
  'access_token',
  'expires_in',
  'refresh_expires_in',
  'refresh_token',
  'token_type',
  'not-before-policy',
  'session_state',
  'scope',
];
const ELU_DESK = '7d3e0a42-1c5b-4f6a-8e9d-0b1c2d3e4f01';
const TENANT_A = '5b0c1f6e-8f3d-4a51-9d0e-1a2b3c4d5e01';
const TENANT_B = '5b0c1f6e-8f3d-4a51-9d0e-1a2b3c4d5e02';

let sims: Simulators;
beforeAll(async () => {
  sims = await startSimulators();
});
afterAll(() => sims.close());
afterEach(() => {
  sims.setFault('iparapheur', 'none');
  sims.setFault('iparapheur4', 'none');
});

type Json = Record<string, unknown>;

async function tokenRequest(form: Record<string, string>) {
  return fetch(`${sims.urls.iparapheur}${sims.credentials.iparapheur.tokenPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
}

async function login(username: string): Promise<Json> {
  const account = sims.credentials.iparapheur.accounts[username]!;
  const res = await tokenRequest({
    grant_type: 'password',
    client_id: sims.credentials.iparapheur.clientId,
    username: account.username,
    password: account.password,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Json;
}

async function api(path: string, token: string) {
  return fetch(`${sims.urls.iparapheur}/api/standard/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

async function page(path: string, token: string) {
  const res = await api(path, token);
  expect(res.status, path).toBe(200);
  return (await res.json()) as {
    content: Json[];
    totalElements: number;
    totalPages: number;
    size: number;
    number: number;
  };
}

describe('i-Parapheur 5 — Keycloak token endpoint', () => {
  it('issues a bearer token for the password grant of client ipcore-web', async () => {
    const body = await login('elu');
    expectKeys(body, TOKEN_FIELDS);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 300, 'not-before-policy': 0 });
    expect(String(body.access_token).split('.')).toHaveLength(3);
  });

  it('answers as Keycloak to wrong credentials, clients and grants', async () => {
    const clientId = sims.credentials.iparapheur.clientId;
    const wrong = await tokenRequest({ grant_type: 'password', client_id: clientId, username: 'elu', password: 'x' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
    const client = await tokenRequest({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: 'elu',
      password: 'x',
    });
    expect(client.status).toBe(401);
    expect(((await client.json()) as Json).error).toBe('invalid_client');
    const missing = await tokenRequest({ client_id: clientId });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Missing form parameter: grant_type',
    });
    const grant = await tokenRequest({ grant_type: 'client_credentials', client_id: clientId });
    expect(grant.status).toBe(400);
    expect(((await grant.json()) as Json).error).toBe('unsupported_grant_type');
  });

  it('refreshes once per refresh token', async () => {
    const first = await login('agent');
    const form = {
      grant_type: 'refresh_token',
      client_id: sims.credentials.iparapheur.clientId,
      refresh_token: String(first.refresh_token),
    };
    const refreshed = await tokenRequest(form);
    expect(refreshed.status).toBe(200);
    const again = await tokenRequest(form);
    expect(again.status).toBe(400);
    expect(((await again.json()) as Json).error).toBe('invalid_grant');
  });
});

describe('i-Parapheur 5 — standard API', () => {
  it('wants a valid bearer token', async () => {
    const none = await fetch(`${sims.urls.iparapheur}/api/standard/v1/tenant`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const bad = await api('/tenant', 'not-a-token');
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
  });

  it('refuses a token after its lifetime', async () => {
    const token = String((await login('elu')).access_token);
    expect((await api('/tenant', token)).status).toBe(200);
    sims.expireIparapheurTokens();
    const expired = await api('/tenant', token);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('lists the tenants and desks of the current user only', async () => {
    const elu = String((await login('elu')).access_token);
    const tenants = await page('/tenant', elu);
    expectKeys(tenants, PAGE_FIELDS);
    expect(tenants.content).toEqual([{ id: TENANT_A, name: 'Commune de démonstration A' }]);
    const desks = await page(`/tenant/${TENANT_A}/desk`, elu);
    expect(desks.content).toEqual([{ id: ELU_DESK, name: 'Signature du maire', tenantId: TENANT_A }]);
    // The other collectivité's tenant and another person's desk are refused.
    expect((await api(`/tenant/${TENANT_B}/desk`, elu)).status).toBe(403);
    const agentB = String((await login('agent-b')).access_token);
    expect((await page('/tenant', agentB)).content.map((t) => t.id)).toEqual([TENANT_B]);
    const agent = String((await login('agent')).access_token);
    const agentDesks = await page(`/tenant/${TENANT_A}/desk?sort=NAME,asc`, agent);
    expect(agentDesks.content.map((d) => d.name)).toEqual(['Direction générale des services', 'Service des finances']);
    expect((await api(`/tenant/${TENANT_A}/desk/${ELU_DESK}/PENDING`, agent)).status).toBe(403);
  });

  it('lists the folders of a desk by state with Spring paging', async () => {
    const elu = String((await login('elu')).access_token);
    const pending = await page(`/tenant/${TENANT_A}/desk/${ELU_DESK}/PENDING`, elu);
    expect(pending.totalElements).toBe(3);
    expect(pending.size).toBe(10);
    expectKeys(pending.content[0], ['id', 'name', 'dueDate', 'metadata']);
    const late = await page(`/tenant/${TENANT_A}/desk/${ELU_DESK}/LATE`, elu);
    expect(late.content.map((f) => f.name)).toEqual(['Arrêté de voirie — Rue des Écoles, travaux de réseau']);
    expect(String(late.content[0]?.dueDate)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/);

    const one = await page(`/tenant/${TENANT_A}/desk/${ELU_DESK}/PENDING?size=1&page=1`, elu);
    expect(one).toMatchObject({ totalElements: 3, totalPages: 3, size: 1, number: 1 });
    expect(one.content).toHaveLength(1);
    // Spring's defaults replace what it cannot use.
    expect((await page(`/tenant/${TENANT_A}/desk/${ELU_DESK}/PENDING?size=0&page=-2`, elu)).size).toBe(10);
    expect((await page(`/tenant/${TENANT_A}/desk/${ELU_DESK}/PENDING?size=abc`, elu)).number).toBe(0);
    expect((await page(`/tenant/${TENANT_A}/desk/${ELU_DESK}/PENDING?size=5000`, elu)).size).toBe(2000);

    const byDue = await page(`/tenant/${TENANT_A}/desk/${ELU_DESK}/PENDING?sort=LATE_DATE,asc`, elu);
    expect(byDue.content.map((f) => f.dueDate === null)).toEqual([false, false, true]);
    expect(byDue.content[0]?.name).toMatch(/^Arrêté de voirie/);
  });

  it('refuses unknown states and sort properties with a Spring error body', async () => {
    const elu = String((await login('elu')).access_token);
    const state = await api(`/tenant/${TENANT_A}/desk/${ELU_DESK}/TODO`, elu);
    expect(state.status).toBe(400);
    expectKeys(await state.json(), ['timestamp', 'status', 'error', 'message', 'path']);
    const sort = await api(`/tenant/${TENANT_A}/desk/${ELU_DESK}/PENDING?sort=dueDate,asc`, elu);
    expect(sort.status).toBe(400);
  });

  it('answers 500 pages when told to fail', async () => {
    sims.setFault('iparapheur', 'http500');
    expect((await fetch(`${sims.urls.iparapheur}/api/standard/v1/tenant`)).status).toBe(500);
  });
});

describe('i-Parapheur 4 — JSON API of the clients', () => {
  const v4 = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${sims.urls.iparapheur4}${path}`, { headers });
  const creds = (username: string) => {
    const account = sims.credentials.iparapheur.accounts[username]!;
    return basic(account.username, account.password);
  };

  it('gives an Alfresco ticket at /parapheur/api/login and refuses wrong passwords with 403', async () => {
    const account = sims.credentials.iparapheur.accounts.elu!;
    const res = await fetch(`${sims.urls.iparapheur4}/parapheur/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: account.username, password: account.password }),
    });
    expect(res.status).toBe(200);
    const ticket = ((await res.json()) as { data: { ticket: string } }).data.ticket;
    expect(ticket).toMatch(/^TICKET_[0-9a-f]+$/);
    const bureaux = await v4(`/parapheur/bureaux?alf_ticket=${ticket}`);
    expect(bureaux.status).toBe(200);

    const wrong = await fetch(`${sims.urls.iparapheur4}/parapheur/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'elu', password: 'x' }),
    });
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { status: { code: number } }).status.code).toBe(403);
  });

  it('wants credentials (401 with a Basic challenge)', async () => {
    const res = await v4('/parapheur/bureaux');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
  });

  it('lists the bureaux of the user with their counters', async () => {
    const res = await v4('/parapheur/bureaux', creds('elu'));
    const bureaux = (await res.json()) as Json[];
    expect(bureaux).toHaveLength(1);
    expect(bureaux[0]).toMatchObject({
      id: ELU_DESK,
      name: 'Signature du maire',
      'a-traiter': 3,
      'en-retard': 1,
      'a-archiver': 1,
      'en-preparation': 0,
    });
    const agentB = (await (await v4('/parapheur/bureaux', creds('agent-b'))).json()) as Json[];
    expect(agentB.map((b) => b.name)).toEqual(['Administration générale']);
  });

  it('lists the dossiers of a bureau, a-traiter by default, with total and dates in milliseconds', async () => {
    const res = await v4(
      `/parapheur/dossiers?bureau=${ELU_DESK}&page=0&pageSize=2&asc=true&sort=cm:created`,
      creds('elu'),
    );
    expect(res.status).toBe(200);
    const dossiers = (await res.json()) as Json[];
    expect(dossiers).toHaveLength(2);
    expect(dossiers[0]).toMatchObject({
      total: 3,
      skipped: 0,
      banetteName: 'Dossiers à traiter',
      actionDemandee: 'SIGNATURE',
    });
    expect(typeof dossiers[0]?.dateEmission).toBe('number');
    const late = (await (
      await v4(`/parapheur/dossiers?bureau=${ELU_DESK}&corbeilleName=en-retard`, creds('elu'))
    ).json()) as Json[];
    expect(late).toHaveLength(1);
    expect(late[0]?.dateLimite as number).toBeLessThan(Date.now());
    // Another person's bureau, and a missing bureau parameter.
    expect((await v4(`/parapheur/dossiers?bureau=${ELU_DESK}`, creds('agent'))).status).toBe(403);
    expect((await v4('/parapheur/dossiers', creds('elu'))).status).toBe(500);
  });

  it('validates CAS service tickets at the CAS server', async () => {
    const validations: string[] = [];
    const cas = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://cas');
      validations.push(url.searchParams.get('service') ?? '');
      const ok = url.searchParams.get('ticket') === 'ST-1-elu';
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        ok
          ? "<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'><cas:authenticationSuccess><cas:user>elu</cas:user></cas:authenticationSuccess></cas:serviceResponse>"
          : "<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'><cas:authenticationFailure code='INVALID_TICKET'>non</cas:authenticationFailure></cas:serviceResponse>",
      );
    });
    await new Promise<void>((resolve) => cas.listen(0, '127.0.0.1', resolve));
    const casUrl = `http://127.0.0.1:${(cas.address() as AddressInfo).port}/cas/serviceValidate`;
    const withCas = await startSimulators({ iparapheur4CasServiceValidateUrl: casUrl });
    try {
      const ok = await fetch(`${withCas.urls.iparapheur4}/parapheur/bureaux?ticket=ST-1-elu`);
      expect(ok.status).toBe(200);
      expect(validations[0]).toBe(`${withCas.urls.iparapheur4}/parapheur/bureaux`);
      expect((await fetch(`${withCas.urls.iparapheur4}/parapheur/bureaux?ticket=ST-2-x`)).status).toBe(401);
    } finally {
      await withCas.close();
      cas.close();
    }
  });
});
