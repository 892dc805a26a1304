import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulators, type Simulators } from '../index.js';
import { matches, parseFilter, type EntityTypeDef } from './odata.js';

// OASIS OData 4.01 Part 1 (Protocol) and JSON Format; error texts of ODataLib / ASP.NET Core OData.
let sims: Simulators;

beforeAll(async () => {
  sims = await startSimulators({ financeMaxPageSize: 50 });
});
afterAll(() => sims.close());

type Json = Record<string, unknown>;

function basic(collectivite: 'demo-a' | 'demo-b'): Record<string, string> {
  const { login, password } = sims.credentials.finance[collectivite];
  return { Authorization: `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}` };
}

async function odata(path: string, headers: Record<string, string> = basic('demo-a')) {
  const res = await fetch(`${sims.urls.finance}/odata/${path}`, { headers });
  const text = await res.text();
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  return { status: res.status, headers: res.headers, json: (isJson ? JSON.parse(text) : undefined) as Json, text };
}

const errorOf = (json: Json) => (json.error as { code: string; message: string }).message;

describe('OData finance service: resources', () => {
  it('answers the service document and CSDL $metadata', async () => {
    const root = await odata('');
    expect(root.status).toBe(200);
    expect(root.headers.get('odata-version')).toBe('4.0');
    expect(root.json['@odata.context']).toBe(`${sims.urls.finance}/odata/$metadata`);
    expect((root.json.value as Json[]).map((s) => s.name)).toEqual([
      'LignesBudgetaires',
      'SyntheseBudgetaire',
      'BonsDeCommande',
      'DemandesConges',
    ]);
    const metadata = await odata('$metadata');
    expect(metadata.headers.get('content-type')).toContain('application/xml');
    expect(metadata.text).toContain('<EntitySet Name="BonsDeCommande" EntityType="Finances.BonDeCommande"/>');
    expect(metadata.text).toContain('<Property Name="MontantTTC" Type="Edm.Decimal" Precision="15" Scale="2"/>');
  });

  it('purchase orders awaiting the approval of one person, with $select, $count and the context URL', async () => {
    const filter = encodeURIComponent("Valideur eq 'admin' and Statut eq 'EnAttenteVisa'");
    const { status, json, headers } = await odata(
      `BonsDeCommande?$filter=${filter}&$select=Numero,Objet,MontantTTC,EnRetard&$orderby=DateLimiteVisa&$count=true`,
    );
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe(
      'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8',
    );
    expect(json['@odata.context']).toBe(
      `${sims.urls.finance}/odata/$metadata#BonsDeCommande(Numero,Objet,MontantTTC,EnRetard)`,
    );
    expect(json['@odata.count']).toBe(2);
    expect(json.value).toEqual([
      {
        Numero: 'BC-2027-00415',
        Objet: 'Contrat de maintenance du logiciel d’état civil',
        MontantTTC: 8940,
        EnRetard: true,
      },
      {
        Numero: 'BC-2027-00412',
        Objet: 'Ramettes de papier recyclé pour les services',
        MontantTTC: 1284.6,
        EnRetard: false,
      },
    ]);
  });

  it('leave requests to validate by a manager, and the budget execution rate', async () => {
    const leaves = await odata(
      `DemandesConges?$filter=${encodeURIComponent("Valideur eq 'agent-b' and Statut eq 'AValider'")}&$select=AgentNom,Type,NombreJours`,
      basic('demo-b'),
    );
    expect(leaves.json.value).toEqual([
      { AgentNom: 'Théo Leroux', Type: 'Congés annuels', NombreJours: 5 },
      { AgentNom: 'Inès Roux', Type: 'RTT', NombreJours: 1 },
    ]);
    const total = await odata(
      `SyntheseBudgetaire?$filter=${encodeURIComponent("Section eq 'Total'")}&$select=TauxExecution,CreditsVotes,MontantMandate`,
    );
    const [line] = total.json.value as Json[];
    expect(line).toEqual({ TauxExecution: 47.32, CreditsVotes: 1_935_500, MontantMandate: 915_871.17 });
  });

  it('each collectivité’s account sees only its own rows; API key and Basic are both accepted', async () => {
    const a = await odata('BonsDeCommande?$select=Collectivite', {
      'X-Api-Key': sims.credentials.finance['demo-a'].apiKey,
    });
    expect(new Set((a.json.value as Json[]).map((r) => r.Collectivite))).toEqual(new Set(['demo-a']));
    const b = await odata('BonsDeCommande?$select=Collectivite', basic('demo-b'));
    expect(new Set((b.json.value as Json[]).map((r) => r.Collectivite))).toEqual(new Set(['demo-b']));
    expect((await odata("BonsDeCommande('BC-2027-00412')", basic('demo-b'))).status).toBe(404);
  });

  it('refuses calls without valid credentials: 401, WWW-Authenticate and an OData error', async () => {
    const none = await odata('BonsDeCommande', {});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Basic realm="Finances"');
    expect(none.json.error).toMatchObject({ code: 'Unauthorized' });
    expect((await odata('BonsDeCommande', { 'X-Api-Key': 'wrong' })).status).toBe(401);
  });

  it('reads one entity by key, a /$count, and 404s an unknown set', async () => {
    const one = await odata("BonsDeCommande('BC-2027-00412')?$select=Numero,Statut");
    expect(one.json).toEqual({
      '@odata.context': `${sims.urls.finance}/odata/$metadata#BonsDeCommande(Numero,Statut)/$entity`,
      Numero: 'BC-2027-00412',
      Statut: 'EnAttenteVisa',
    });
    expect((await odata('DemandesConges(5101)')).json).toMatchObject({ Id: 5101, Agent: 'agent' });
    const count = await odata(`DemandesConges/$count?$filter=${encodeURIComponent("Statut eq 'AValider'")}`);
    expect(count.text).toBe('4');
    const unknown = await odata('Factures');
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown.json)).toBe("Resource not found for the segment 'Factures'.");
  });

  it('pages on the server: Prefer odata.maxpagesize, Preference-Applied and @odata.nextLink', async () => {
    const first = await odata('LignesBudgetaires?$select=Id&$orderby=Id', {
      ...basic('demo-a'),
      Prefer: 'odata.maxpagesize=4',
    });
    expect(first.headers.get('preference-applied')).toBe('odata.maxpagesize=4');
    expect((first.json.value as Json[]).length).toBe(4);
    const next = String(first.json['@odata.nextLink']);
    expect(next).toContain('%24skip=4');
    const rest = await fetch(next, { headers: { ...basic('demo-a'), Prefer: 'odata.maxpagesize=4' } });
    const restJson = (await rest.json()) as Json;
    expect((restJson.value as Json[]).length).toBe(2);
    expect(restJson).not.toHaveProperty('@odata.nextLink');
  });

  it('writes decimals as strings with IEEE754Compatible=true, and no context with odata.metadata=none', async () => {
    const ieee = await odata('BonsDeCommande?$top=1&$select=MontantTTC', {
      ...basic('demo-a'),
      Accept: 'application/json;odata.metadata=minimal;IEEE754Compatible=true',
    });
    expect((ieee.json.value as Json[])[0]?.MontantTTC).toBe('1284.6');
    const none = await odata('BonsDeCommande?$top=1&$select=Numero&$format=application/json;odata.metadata=none');
    expect(none.json).toEqual({ value: [{ Numero: 'BC-2027-00412' }] });
    expect((await odata('BonsDeCommande?$format=xml')).status).toBe(406);
  });

  it('supports in, not, functions, parentheses and quoted quotes in $filter', async () => {
    const q = (f: string, extra = '') =>
      odata(`BonsDeCommande?$filter=${encodeURIComponent(f)}&$select=Numero${extra}`);
    const inList = await q("Statut in ('Vise','Refuse')", '&$orderby=Numero');
    expect((inList.json.value as Json[]).map((r) => r.Numero)).toEqual(['BC-2027-00390', 'BC-2027-00398']);
    const fn = await q("contains(tolower(Objet),'papier') and not (MontantTTC gt 5000)");
    expect((fn.json.value as Json[]).map((r) => r.Numero)).toEqual(['BC-2027-00412']);
    const quote = await q("Fournisseur eq 'Traiteur des Monts d''Or'");
    expect((quote.json.value as Json[]).map((r) => r.Numero)).toEqual(['BC-2027-00398']);
  });
});

describe('OData finance service: refusals as an OData server gives them', () => {
  it.each([
    ['$filter=Statut eq', 400, "Syntax error at position 9 in 'Statut eq'."],
    ["$filter=Statut eq 'x", 400, "There is an unterminated string literal at position 10 in 'Statut eq 'x'."],
    ['$filter=Inconnu eq 1', 400, "Could not find a property named 'Inconnu' on type 'Finances.BonDeCommande'."],
    [
      "$filter=MontantTTC gt 'cher'",
      400,
      "A binary operator with incompatible types was detected. Found operand types 'Edm.Decimal' and 'Edm.String' for operator kind 'GreaterThan'.",
    ],
    ['$filter=MontantTTC', 400, 'The $filter expression must evaluate to a single boolean value.'],
    [
      "$filter=substringof('a',Objet)",
      400,
      "An unknown function with name 'substringof' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.",
    ],
    ['$select=Numero,Prix', 400, "Could not find a property named 'Prix' on type 'Finances.BonDeCommande'."],
    ['$orderby=Numero up', 400, "Syntax error at position 9 in 'Numero up'."],
    [
      '$top=-1',
      400,
      "Invalid value '-1' for $top query option found. The $top query option requires a non-negative integer value.",
    ],
    [
      '$skip=deux',
      400,
      "Invalid value 'deux' for $skip query option found. The $skip query option requires a non-negative integer value.",
    ],
    ['$count=oui', 400, "'oui' is not a valid count option."],
    ['$expand=Fournisseur', 400, "Could not find a property named 'Fournisseur' on type 'Finances.BonDeCommande'."],
    ['$foo=1', 400, "The query parameter '$foo' is not supported."],
    ['$top=1&$top=2', 400, "Query option '$top' was specified more than once, but it must be specified at most once."],
    ['$search=papier', 501, "The query option '$search' is not supported by this service."],
  ])('%s → %i', async (query, status, message) => {
    const [name, ...value] = query.split('=');
    const encoded = query.includes('&') ? query : `${name ?? ''}=${encodeURIComponent(value.join('='))}`;
    const res = await odata(`BonsDeCommande?${encoded}`);
    expect(res.status).toBe(status);
    expect(errorOf(res.json)).toBe(message);
  });

  it('ignores custom query options (no $) and refuses writes', async () => {
    expect((await odata('BonsDeCommande?$top=1&source=pleiade')).status).toBe(200);
    const post = await fetch(`${sims.urls.finance}/odata/BonsDeCommande`, {
      method: 'POST',
      headers: basic('demo-a'),
      body: '{}',
    });
    expect(post.status).toBe(405);
  });
});

describe('$filter engine', () => {
  const type: EntityTypeDef = {
    name: 'T.E',
    key: 'Id',
    properties: {
      Id: 'Edm.Int32',
      A: 'Edm.Boolean',
      B: 'Edm.Boolean',
      C: 'Edm.Boolean',
      N: 'Edm.Decimal',
      D: 'Edm.Date',
    },
  };
  it('gives and precedence over or, and honours parentheses and not', () => {
    const e = { Id: 1, A: true, B: false, C: false, N: 1.5, D: '2027-03-01' };
    expect(matches(parseFilter('A eq true or B eq true and C eq true', type), e)).toBe(true);
    expect(matches(parseFilter('(A eq true or B eq true) and C eq true', type), e)).toBe(false);
    expect(matches(parseFilter('not (N lt 1) and year(D) eq 2027 and D ge 2027-01-01', type), e)).toBe(true);
    expect(matches(parseFilter('N eq null', type), e)).toBe(false);
  });
});
