// OData v4 finance service simulator (a collectivité's finance and HR back office, read-only).
// Follows OASIS OData 4.01 Part 1 (Protocol) and the JSON Format 4.01 specification:
// - service root `/odata/` (service document), `/odata/$metadata` (CSDL XML), entity sets
//   LignesBudgetaires, SyntheseBudgetaire, BonsDeCommande, DemandesConges; `/Set(key)`, `/Set/$count`;
// - query options $filter, $select, $orderby, $top, $skip, $count, $format; server-driven paging
//   (`@odata.nextLink`, `Prefer: odata.maxpagesize`); unknown `$` options are refused (400),
//   known but unsupported ones answer 501; custom options (without `$`) are ignored;
// - `@odata.context` (with the $select list), `@odata.count`, `value`; errors as
//   {"error":{"code","message"}} with 400/401/404/405/406/501;
// - JSON metadata levels minimal (default) and none; `IEEE754Compatible=true` writes decimals as strings.
// The entity model is a plausible French finance/HR model (no vendor publishes one): see README.md.
// Each collectivité has its own technical account and sees only its own rows.
import type { IncomingMessage } from 'node:http';
import { findPerson, fullName, type BusinessData, type Collectivite } from '../business-data.js';
import { addDays, parisDate, parisOffset, parisDateTime } from '../clock.js';
import { minutesBefore } from '../demo-data.js';
import { header, type AppHandler, type SimResponse } from '../http.js';
import {
  matches,
  ODataError,
  parseFilter,
  parseOrderBy,
  parseSelect,
  sortEntities,
  type EdmType,
  type Entity,
  type EntityTypeDef,
} from './odata.js';

export interface FinanceAccount {
  collectivite: Collectivite;
  login: string;
  password: string;
  /** Sent as `X-Api-Key` instead of Basic credentials. */
  apiKey: string;
}

export interface FinanceOptions {
  data: BusinessData;
  now: () => Date;
  accounts: FinanceAccount[];
  /** Largest page the service returns before `@odata.nextLink`. */
  maxPageSize: number;
}

const ROOT = '/odata/';
const NAMESPACE = 'Finances';

const TYPES: Readonly<Record<string, EntityTypeDef>> = {
  LignesBudgetaires: {
    name: `${NAMESPACE}.LigneBudgetaire`,
    key: 'Id',
    properties: {
      Id: 'Edm.String',
      Collectivite: 'Edm.String',
      Exercice: 'Edm.Int32',
      Section: 'Edm.String',
      Chapitre: 'Edm.String',
      LibelleChapitre: 'Edm.String',
      Article: 'Edm.String',
      Libelle: 'Edm.String',
      Service: 'Edm.String',
      CreditsVotes: 'Edm.Decimal',
      MontantEngage: 'Edm.Decimal',
      MontantMandate: 'Edm.Decimal',
      TauxExecution: 'Edm.Decimal',
      Devise: 'Edm.String',
    },
  },
  SyntheseBudgetaire: {
    name: `${NAMESPACE}.SyntheseSection`,
    key: 'Id',
    properties: {
      Id: 'Edm.String',
      Collectivite: 'Edm.String',
      Exercice: 'Edm.Int32',
      Section: 'Edm.String',
      CreditsVotes: 'Edm.Decimal',
      MontantEngage: 'Edm.Decimal',
      MontantMandate: 'Edm.Decimal',
      TauxEngagement: 'Edm.Decimal',
      TauxExecution: 'Edm.Decimal',
      DateSituation: 'Edm.Date',
    },
  },
  BonsDeCommande: {
    name: `${NAMESPACE}.BonDeCommande`,
    key: 'Numero',
    properties: {
      Numero: 'Edm.String',
      Collectivite: 'Edm.String',
      Objet: 'Edm.String',
      Fournisseur: 'Edm.String',
      MontantTTC: 'Edm.Decimal',
      Service: 'Edm.String',
      Statut: 'Edm.String',
      Valideur: 'Edm.String',
      ValideurNom: 'Edm.String',
      DateEmission: 'Edm.Date',
      DateLimiteVisa: 'Edm.Date',
      EnRetard: 'Edm.Boolean',
    },
  },
  DemandesConges: {
    name: `${NAMESPACE}.DemandeConge`,
    key: 'Id',
    properties: {
      Id: 'Edm.Int32',
      Collectivite: 'Edm.String',
      Agent: 'Edm.String',
      AgentNom: 'Edm.String',
      Type: 'Edm.String',
      DateDebut: 'Edm.Date',
      DateFin: 'Edm.Date',
      NombreJours: 'Edm.Decimal',
      Statut: 'Edm.String',
      Valideur: 'Edm.String',
      ValideurNom: 'Edm.String',
      DateDemande: 'Edm.DateTimeOffset',
    },
  },
};

const SYSTEM_OPTIONS = new Set(['$filter', '$select', '$orderby', '$top', '$skip', '$count', '$format', '$expand']);
const UNSUPPORTED_OPTIONS = new Set([
  '$search',
  '$apply',
  '$compute',
  '$index',
  '$schemaversion',
  '$levels',
  '$skiptoken',
  '$deltatoken',
  '$id',
]);

const round2 = (n: number) => Math.round(n * 100) / 100;

function error(status: number, code: string, message: string, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'odata-version': '4.0', ...headers },
    body: JSON.stringify({ error: { code, message } }),
  };
}

function nameOf(data: BusinessData, username: string): string {
  const p = findPerson(data, username);
  return p ? fullName(p) : username;
}

function entitySets(data: BusinessData, collectivite: Collectivite, now: Date): Record<string, Entity[]> {
  const today = parisDate(now);
  const lines = data.finance.budgetLines
    .filter((l) => l.collectivite === collectivite)
    .map((l): Entity => ({
      Id: l.id,
      Collectivite: l.collectivite,
      Exercice: l.exercice,
      Section: l.section,
      Chapitre: l.chapitre,
      LibelleChapitre: l.libelleChapitre,
      Article: l.article,
      Libelle: l.libelle,
      Service: l.service,
      CreditsVotes: l.creditsVotes,
      MontantEngage: l.montantEngage,
      MontantMandate: l.montantMandate,
      TauxExecution: l.creditsVotes === 0 ? 0 : round2((l.montantMandate / l.creditsVotes) * 100),
      Devise: 'EUR',
    }));
  const synthese: Entity[] = [];
  const groups = new Map<string, Entity[]>();
  for (const line of lines) {
    for (const key of [`${String(line.Exercice)}|${String(line.Section)}`, `${String(line.Exercice)}|Total`]) {
      groups.set(key, [...(groups.get(key) ?? []), line]);
    }
  }
  for (const [key, group] of groups) {
    const [exercice = '', section = ''] = key.split('|');
    const sum = (p: string) => round2(group.reduce((s, l) => s + Number(l[p] ?? 0), 0));
    const votes = sum('CreditsVotes');
    synthese.push({
      Id: `${exercice}-${section}`,
      Collectivite: collectivite,
      Exercice: Number(exercice),
      Section: section,
      CreditsVotes: votes,
      MontantEngage: sum('MontantEngage'),
      MontantMandate: sum('MontantMandate'),
      TauxEngagement: votes === 0 ? 0 : round2((sum('MontantEngage') / votes) * 100),
      TauxExecution: votes === 0 ? 0 : round2((sum('MontantMandate') / votes) * 100),
      DateSituation: today,
    });
  }
  const orders = data.finance.purchaseOrders
    .filter((o) => o.collectivite === collectivite)
    .map((o): Entity => ({
      Numero: o.numero,
      Collectivite: o.collectivite,
      Objet: o.objet,
      Fournisseur: o.fournisseur,
      MontantTTC: o.montantTTC,
      Service: o.service,
      Statut: o.statut,
      Valideur: o.valideur,
      ValideurNom: nameOf(data, o.valideur),
      DateEmission: addDays(today, -o.emisDaysAgo),
      DateLimiteVisa: addDays(today, o.limiteVisaInDays),
      EnRetard: o.statut === 'EnAttenteVisa' && o.limiteVisaInDays < 0,
    }));
  const leaves = data.finance.leaveRequests
    .filter((r) => r.collectivite === collectivite)
    .map((r): Entity => {
      const asked = minutesBefore(now, r.demandeMinutesAgo);
      return {
        Id: r.id,
        Collectivite: r.collectivite,
        Agent: r.agent,
        AgentNom: nameOf(data, r.agent),
        Type: r.type,
        DateDebut: addDays(today, r.debutInDays),
        DateFin: addDays(today, r.finInDays),
        NombreJours: r.nombreJours,
        Statut: r.statut,
        Valideur: r.valideur,
        ValideurNom: nameOf(data, r.valideur),
        DateDemande: `${parisDateTime(asked).replace(' ', 'T')}${parisOffset(asked)}`,
      };
    });
  return { LignesBudgetaires: lines, SyntheseBudgetaire: synthese, BonsDeCommande: orders, DemandesConges: leaves };
}

function metadataXml(): string {
  const types = Object.values(TYPES)
    .map((t) => {
      const props = Object.entries(t.properties)
        .map(([name, type]) => {
          const facets = type === 'Edm.Decimal' ? ' Precision="15" Scale="2"' : '';
          const nullable = name === t.key ? ' Nullable="false"' : '';
          return `        <Property Name="${name}" Type="${type}"${nullable}${facets}/>`;
        })
        .join('\n');
      return `      <EntityType Name="${t.name.slice(NAMESPACE.length + 1)}">\n        <Key><PropertyRef Name="${t.key}"/></Key>\n${props}\n      </EntityType>`;
    })
    .join('\n');
  const sets = Object.entries(TYPES)
    .map(([set, t]) => `        <EntitySet Name="${set}" EntityType="${t.name}"/>`)
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="${NAMESPACE}" xmlns="http://docs.oasis-open.org/odata/ns/edm">
${types}
      <EntityContainer Name="Conteneur">
${sets}
      </EntityContainer>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>
`;
}

interface Format {
  metadata: 'minimal' | 'none' | 'full';
  ieee754: boolean;
}

/** The JSON flavour asked for by $format or Accept; undefined when only a non-JSON format is acceptable. */
function negotiate(format: string | undefined, accept: string | undefined): Format | undefined {
  const source = format ?? accept ?? 'application/json';
  const candidates = source.split(',').map((s) => s.trim());
  for (const candidate of candidates) {
    const [mime = '', ...params] = candidate.split(';').map((s) => s.trim());
    const kind = mime.toLowerCase();
    if (kind !== 'json' && kind !== 'application/json' && kind !== '*/*' && kind !== 'application/*') continue;
    const p = Object.fromEntries(params.map((x) => x.split('=').map((y) => y.trim().toLowerCase())));
    const metadata = p['odata.metadata'] ?? p.metadata ?? 'minimal';
    if (metadata !== 'minimal' && metadata !== 'none' && metadata !== 'full') continue;
    return { metadata, ieee754: p.ieee754compatible === 'true' };
  }
  return undefined;
}

function contentType(f: Format): string {
  return `application/json;odata.metadata=${f.metadata};odata.streaming=true;IEEE754Compatible=${f.ieee754 ? 'true' : 'false'};charset=utf-8`;
}

function serialise(
  entity: Entity,
  type: EntityTypeDef,
  select: string[] | undefined,
  f: Format,
  setUrl: string,
): Entity {
  const out: Entity = {};
  if (f.metadata === 'full') {
    const key = entity[type.key];
    out['@odata.id'] = `${setUrl}(${typeof key === 'string' ? `'${key.replace(/'/g, "''")}'` : String(key)})`;
  }
  for (const [name, edm] of Object.entries(type.properties) as [string, EdmType][]) {
    if (select && !select.includes(name)) continue;
    const value = entity[name] ?? null;
    out[name] = f.ieee754 && edm === 'Edm.Decimal' && typeof value === 'number' ? String(value) : value;
  }
  return out;
}

function authenticate(req: IncomingMessage, accounts: FinanceAccount[]): FinanceAccount | undefined {
  const apiKey = header(req, 'x-api-key');
  if (apiKey !== undefined) return accounts.find((a) => a.apiKey === apiKey);
  const basic = /^Basic\s+(\S+)$/i.exec(header(req, 'authorization') ?? '');
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const login = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  return accounts.find((a) => a.login === login && a.password === password);
}

function parseKey(raw: string, type: EntityTypeDef): string | number {
  const inner = raw.startsWith(`${type.key}=`) ? raw.slice(type.key.length + 1) : raw;
  if (type.properties[type.key] === 'Edm.Int32') {
    if (!/^-?\d+$/.test(inner))
      throw new ODataError(
        400,
        '',
        `The key value (${raw}) from request is not valid. The key value should be format of type '${type.properties[type.key] ?? ''}'.`,
      );
    return Number(inner);
  }
  const m = /^'((?:[^']|'')*)'$/.exec(inner);
  if (!m)
    throw new ODataError(
      400,
      '',
      `The key value (${raw}) from request is not valid. The key value should be format of type 'Edm.String'.`,
    );
  return (m[1] ?? '').replace(/''/g, "'");
}

export function createFinanceHandler(options: FinanceOptions): AppHandler {
  return (req, _body, baseUrl) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const rootUrl = `${baseUrl}${ROOT}`;
    if (!url.pathname.startsWith(ROOT) && url.pathname !== '/odata') {
      return error(
        404,
        'NotFound',
        `No HTTP resource was found that matches the request URI '${baseUrl}${url.pathname}'.`,
      );
    }
    const account = authenticate(req, options.accounts);
    if (!account) {
      return error(401, 'Unauthorized', 'Authentification requise : compte technique ou clé d’API invalide.', {
        'www-authenticate': 'Basic realm="Finances", charset="UTF-8"',
      });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return error(
        405,
        'MethodNotAllowed',
        `The HTTP method '${req.method ?? ''}' is not allowed: this service is read-only.`,
        {
          allow: 'GET',
        },
      );
    }
    try {
      const path = decodeURIComponent(url.pathname.slice(ROOT.length).replace(/^\/odata$/, ''));
      // System query options: `$`-prefixed names (OData 4.01 also accepts them without `$`; 4.0 does not).
      const seen = new Map<string, string>();
      for (const [name, value] of url.searchParams) {
        if (!name.startsWith('$')) continue; // custom query options and parameter aliases: ignored
        if (seen.has(name)) {
          throw new ODataError(
            400,
            '',
            `Query option '${name}' was specified more than once, but it must be specified at most once.`,
          );
        }
        if (UNSUPPORTED_OPTIONS.has(name))
          throw new ODataError(501, 'NotImplemented', `The query option '${name}' is not supported by this service.`);
        if (!SYSTEM_OPTIONS.has(name)) throw new ODataError(400, '', `The query parameter '${name}' is not supported.`);
        seen.set(name, value);
      }
      const format = negotiate(seen.get('$format'), header(req, 'accept'));
      if (!format) {
        return error(406, 'NotAcceptable', 'The requested format is not available: this service answers in JSON only.');
      }
      const baseHeaders = { 'odata-version': '4.0', 'content-type': contentType(format) };

      if (path === '') {
        const body: Record<string, unknown> = {};
        if (format.metadata !== 'none') body['@odata.context'] = `${rootUrl}$metadata`;
        body.value = Object.keys(TYPES).map((name) => ({ name, kind: 'EntitySet', url: name }));
        return { status: 200, headers: baseHeaders, body: JSON.stringify(body) };
      }
      if (path === '$metadata') {
        return {
          status: 200,
          headers: { 'odata-version': '4.0', 'content-type': 'application/xml' },
          body: metadataXml(),
        };
      }

      const m = /^([A-Za-z]+)(?:\((.*)\))?(\/\$count)?$/.exec(path);
      const setName = m?.[1] ?? path.split(/[/(]/)[0] ?? path;
      const type = m ? TYPES[setName] : undefined;
      if (!m || !type) throw new ODataError(404, 'NotFound', `Resource not found for the segment '${setName}'.`);
      const rows = entitySets(options.data, account.collectivite, options.now())[setName] ?? [];
      const setUrl = `${rootUrl}${setName}`;

      const expand = seen.get('$expand');
      if (expand !== undefined) {
        // The model has no navigation property: whatever is named cannot be expanded.
        const first = expand.split(/[,(]/)[0]?.trim() ?? '';
        throw new ODataError(400, '', `Could not find a property named '${first}' on type '${type.name}'.`);
      }
      const select = seen.has('$select') ? parseSelect(seen.get('$select') ?? '', type) : undefined;

      if (m[2] !== undefined) {
        if (m[3]) throw new ODataError(404, 'NotFound', `Resource not found for the segment '$count'.`);
        const key = parseKey(m[2], type);
        const entity = rows.find((r) => r[type.key] === key);
        if (!entity) throw new ODataError(404, 'NotFound', `Aucun élément ${setName} ne correspond à la clé ${m[2]}.`);
        const body: Record<string, unknown> = {};
        if (format.metadata !== 'none') {
          body['@odata.context'] = `${rootUrl}$metadata#${setName}${select ? `(${select.join(',')})` : ''}/$entity`;
        }
        Object.assign(body, serialise(entity, type, select, format, setUrl));
        return { status: 200, headers: baseHeaders, body: JSON.stringify(body) };
      }

      const filterText = seen.get('$filter');
      const filter = filterText !== undefined ? parseFilter(filterText, type) : undefined;
      const orderBy = seen.has('$orderby') ? parseOrderBy(seen.get('$orderby') ?? '', type) : [];
      const nonNegative = (name: '$top' | '$skip') => {
        const raw = seen.get(name);
        if (raw === undefined) return undefined;
        if (!/^\d+$/.test(raw)) {
          throw new ODataError(
            400,
            '',
            `Invalid value '${raw}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`,
          );
        }
        return Number(raw);
      };
      const top = nonNegative('$top');
      const skip = nonNegative('$skip') ?? 0;
      const countRaw = seen.get('$count');
      if (countRaw !== undefined && countRaw !== 'true' && countRaw !== 'false') {
        throw new ODataError(400, '', `'${countRaw}' is not a valid count option.`);
      }

      let selected = filter ? rows.filter((r) => matches(filter, r)) : rows;
      if (orderBy.length > 0) selected = sortEntities(selected, orderBy);
      if (m[3]) {
        return {
          status: 200,
          headers: { 'odata-version': '4.0', 'content-type': 'text/plain;charset=utf-8' },
          body: String(selected.length),
        };
      }

      const prefer = /odata\.maxpagesize=(\d+)/.exec(header(req, 'prefer') ?? '');
      const pageSize = prefer ? Math.min(Number(prefer[1]), options.maxPageSize) : options.maxPageSize;
      const wanted = top === undefined ? selected.length - skip : Math.min(top, Math.max(0, selected.length - skip));
      const page = selected.slice(skip, skip + Math.min(wanted, pageSize));
      const headers: Record<string, string> = { ...baseHeaders };
      if (prefer) headers['preference-applied'] = `odata.maxpagesize=${pageSize}`;

      const body: Record<string, unknown> = {};
      if (format.metadata !== 'none') {
        body['@odata.context'] = `${rootUrl}$metadata#${setName}${select ? `(${select.join(',')})` : ''}`;
      }
      if (countRaw === 'true') body['@odata.count'] = selected.length;
      body.value = page.map((r) => serialise(r, type, select, format, setUrl));
      if (page.length < wanted) {
        const next = new URL(`${setUrl}`);
        for (const [name, value] of url.searchParams)
          if (name !== '$skip' && name !== '$top') next.searchParams.append(name, value);
        next.searchParams.set('$skip', String(skip + page.length));
        if (top !== undefined) next.searchParams.set('$top', String(top - page.length));
        body['@odata.nextLink'] = next.href;
      }
      return { status: 200, headers, body: JSON.stringify(body) };
    } catch (err) {
      if (err instanceof ODataError) return error(err.status, err.code, err.message);
      throw err;
    }
  };
}
