import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulatorPki, startSimulators, type SimulatorPki, type Simulators } from '../index.js';
import { basic, expectKeys, tlsGet } from '../test-support.js';
import { parisDateTime } from '../http.js';

// Shapes from libriciel/s2low tests (ActesApiControllerTest): list_actes gives strings,
// number_actes integers; transactions carry id, subject, number, date, nature_descr,
// classification, type.
const TRANSACTION_FIELDS = ['id', 'subject', 'number', 'date', 'nature_descr', 'classification', 'type'];

let sims: Simulators;
let rogue: SimulatorPki;
beforeAll(async () => {
  [sims, rogue] = await Promise.all([
    startSimulators(),
    createSimulatorPki({ clients: ['intrus'], caName: 'Autre autorité' }),
  ]);
});
afterAll(() => sims.close());

const account = (collectivite: string) => sims.credentials.s2low.accounts[collectivite]!;
const asAuthority = (collectivite: string, path: string, headers: Record<string, string> = {}) => {
  const { cert, key } = account(collectivite);
  return tlsGet(`${sims.urls.s2low}${path}`, { ca: sims.credentials.s2low.ca, cert, key }, headers);
};

describe('S2low — TLS client certificate', () => {
  it('ends the handshake without a client certificate or with one from another CA', async () => {
    const ca = sims.credentials.s2low.ca;
    await expect(tlsGet(`${sims.urls.s2low}/modules/actes/api/actes_status.php`, { ca })).rejects.toThrow();
    const intrus = rogue.clients.intrus!;
    await expect(tlsGet(`${sims.urls.s2low}/modules/actes/api/actes_status.php`, { ca, ...intrus })).rejects.toThrow();
    expect(sims.requestCount('s2low')).toBe(0);
  });

  it('is verified by the client: the server certificate chains to the simulator CA only', async () => {
    const { cert, key } = account('demo-a');
    await expect(
      tlsGet(`${sims.urls.s2low}/modules/actes/api/actes_status.php`, { ca: rogue.ca.cert, cert, key }),
    ).rejects.toThrow();
  });

  it('answers KO (ISO-8859-1) with api=1, or redirects, when no account has the certificate', async () => {
    const tls = { ca: sims.credentials.s2low.ca, ...sims.credentials.s2low.unregisteredClient };
    const ko = await tlsGet(`${sims.urls.s2low}/modules/actes/api/list_actes.php?api=1`, tls);
    expect(ko.status).toBe(200);
    expect(ko.body.toString('latin1')).toBe("KO\nLe certificat n'est pas valide : aucun compte trouvé\n");
    const redirect = await tlsGet(`${sims.urls.s2low}/modules/actes/api/list_actes.php`, tls);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toBe(`${sims.urls.s2low}/connexion-status`);
  });

  it('checks the login and password sent with the certificate', async () => {
    const { login, password } = account('demo-a');
    const ok = await asAuthority('demo-a', '/modules/actes/api/number_actes.php?status_id=4', basic(login, password));
    expect(JSON.parse(ok.text)).toMatchObject({ authority_id: 1 });
    const wrong = await asAuthority('demo-a', '/modules/actes/api/number_actes.php?api=1', basic(login, 'x'));
    expect(wrong.text.startsWith('KO\n')).toBe(true);
    // Another authority's login with this certificate finds no account either.
    const other = account('demo-b');
    const crossed = await asAuthority(
      'demo-a',
      '/modules/actes/api/number_actes.php?api=1',
      basic(other.login, other.password),
    );
    expect(crossed.text.startsWith('KO\n')).toBe(true);
  });
});

describe('S2low — ACTES API', () => {
  it('lists statuses as PHP encodes them (text/html, escaped unicode)', async () => {
    const res = await asAuthority('demo-a', '/modules/actes/api/actes_status.php');
    expect(res.headers['content-type']).toBe('text/html; charset=UTF-8');
    expect(res.text).toContain('"4":"Acquittement re\\u00e7u"');
    expect(JSON.parse(res.text)).toMatchObject({ '-1': 'Erreur', '3': 'Transmis', '4': 'Acquittement reçu' });
  });

  it('counts transactions by current status with integers, status 0 when none is given', async () => {
    expect(JSON.parse((await asAuthority('demo-a', '/modules/actes/api/number_actes.php?status_id=-1')).text)).toEqual({
      status_id: -1,
      authority_id: 1,
      nb_transactions: 2,
    });
    expect(JSON.parse((await asAuthority('demo-a', '/modules/actes/api/number_actes.php')).text)).toEqual({
      status_id: 0,
      authority_id: 1,
      nb_transactions: 0,
    });
  });

  it('lists the authority’s transactions of a status as strings, newest id first', async () => {
    const res = await asAuthority('demo-a', '/modules/actes/api/list_actes.php?status_id=-1');
    const body = JSON.parse(res.text) as { transactions: Record<string, string>[] } & Record<string, unknown>;
    expectKeys(body, ['status_id', 'authority_id', 'offset', 'limit', 'transactions']);
    expect(body).toMatchObject({ status_id: '-1', authority_id: '1', offset: '0', limit: '100' });
    expect(body.transactions.map((t) => t.id)).toEqual(['105', '103']);
    expectKeys(body.transactions[0], TRANSACTION_FIELDS);
    expect(body.transactions[0]).toMatchObject({ type: '1', nature_descr: 'Actes individuels', classification: '4.1' });
    expect(body.transactions[0]?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The other authority's error never shows up here, and the other way round.
    const b = JSON.parse((await asAuthority('demo-b', '/modules/actes/api/list_actes.php?status_id=-1')).text) as {
      transactions: { id: string }[];
    };
    expect(b.transactions.map((t) => t.id)).toEqual(['202']);
  });

  it('takes the defaults for empty or "0" values, as Recuperateur does', async () => {
    const zero = JSON.parse(
      (await asAuthority('demo-a', '/modules/actes/api/list_actes.php?status_id=4&limit=0')).text,
    );
    expect(zero.limit).toBe('100');
    expect(zero.transactions).toHaveLength(3);
    const one = JSON.parse(
      (await asAuthority('demo-a', '/modules/actes/api/list_actes.php?status_id=4&limit=1&offset=1')).text,
    );
    expect(one.transactions.map((t: { id: string }) => t.id)).toEqual(['104']);
  });

  it('selects by the date of the status change with min_date and max_date', async () => {
    const now = new Date();
    const since = (days: number) => parisDateTime(new Date(now.getTime() - days * 86_400_000)).slice(0, 10);
    const tomorrow = parisDateTime(new Date(now.getTime() + 86_400_000)).slice(0, 10);
    const list = async (query: string) =>
      (
        JSON.parse((await asAuthority('demo-a', `/modules/actes/api/list_actes.php?${query}`)).text) as {
          transactions: { id: string }[];
        }
      ).transactions.map((t) => t.id);
    // Acknowledged in the last 30 days: 104 (today) and 101 (9 days ago), not 106 (40 days ago).
    expect(await list(`status_id=4&min_date=${since(30)}&max_date=${tomorrow}`)).toEqual(['104', '101']);
    expect(await list(`status_id=4&min_date=${since(30)}&max_date=${since(5)}`)).toEqual(['101']);
    // An unreadable date is an uncaught PHP exception.
    expect((await asAuthority('demo-a', '/modules/actes/api/list_actes.php?status_id=4&min_date=hier')).status).toBe(
      500,
    );
  });

  it('echoes an error before the list for an unknown type_acte (not one JSON document)', async () => {
    const res = await asAuthority('demo-a', '/modules/actes/api/list_actes.php?status_id=3&type_acte=99_OUPS');
    expect(res.text).toMatch(/^\{"error":"Code invalide : valeur parmi 99_DE, .* 99_OUPS fourni"\}\{"status_id"/);
    expect(() => JSON.parse(res.text)).toThrow();
    const filtered = JSON.parse(
      (await asAuthority('demo-a', '/modules/actes/api/list_actes.php?status_id=4&type_acte=99_BF')).text,
    );
    expect(filtered.transactions.map((t: { id: string }) => t.id)).toEqual(['104']);
  });

  it('answers Apache’s 404 elsewhere', async () => {
    const res = await asAuthority('demo-a', '/modules/actes/api/inconnu.php');
    expect(res.status).toBe(404);
  });
});
