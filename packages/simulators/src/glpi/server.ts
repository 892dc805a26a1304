// GLPI legacy REST API simulator (`/apirest.php/…`, GLPI 9.1 → 11). Behaviour taken from
// glpi-project/glpi `apirest.md` and `src/Api/API.php`, `src/Api/APIRest.php` (GLPI 10):
// - initSession with `Authorization: user_token <token>` or HTTP Basic login/password, App-Token
//   checked first (missing → 400 ERROR_APP_TOKEN_PARAMETERS_MISSING, wrong → 400
//   ERROR_WRONG_APP_TOKEN_PARAMETER); answers {"session_token": "…"};
// - every other endpoint wants `Session-Token` (missing → 400 ERROR_SESSION_TOKEN_MISSING, unknown
//   or ended → 401 ERROR_SESSION_TOKEN_INVALID); killSession answers `true`;
// - errors are a JSON array `[STATUS_CODE, message]`, messages with "; view documentation in your
//   browser at <api>/#CODE" where GLPI adds it;
// - search/:itemtype with criteria[n][link|field|searchtype|value], forcedisplay[], sort, order,
//   range (default 0-14, GLPI's list_limit), uid_cols, withindexes; answers {totalcount, count,
//   sort, order, data, content-range} with 200, or 206 and `Content-Range` when partial; with no
//   criteria the Ticket search uses GLPI's default request (status "notold", sort 19 DESC);
// - a Self-Service profile sees the tickets where the person is requester or observer, a
//   technician or a technical account every ticket of its entities;
// - text fields come HTML-encoded (`&#60;`), as GLPI 10 stores input (Sanitizer);
// - Ticket search options: 1 title, 2 id, 3 priority, 4 requester, 5 technician, 7 category,
//   12 status, 14 type, 15 opening date, 19 last update, 21 description, 66 observer, 80 entity.
import { randomBytes } from 'node:crypto';
import {
  COLLECTIVITE_NAMES,
  findPerson,
  type BusinessData,
  type BusinessPerson,
  type Collectivite,
  type GlpiTicketSeed,
} from '../business-data.js';
import { parisDateTime } from '../clock.js';
import { minutesBefore } from '../demo-data.js';
import { header, type AppHandler, type SimResponse } from '../http.js';
import { parsePhpQuery, phpList, type PhpMap, type PhpValue } from '../php-query.js';

export interface GlpiTechnicalAccount {
  login: string;
  password: string;
  /** Entities (collectivités) its API profile sees. */
  collectivites: Collectivite[];
}

export interface GlpiOptions {
  data: BusinessData;
  now: () => Date;
  /** App-Token of the API client; null: a client without App-Token (any caller from its IP range). */
  appToken: string | null;
  technicalAccounts: GlpiTechnicalAccount[];
  /** Password of the people's own GLPI accounts (an LDAP password in real life). */
  peoplePassword: string;
  /** GLPI's "enable_api_login_credentials": login/password allowed at initSession. */
  loginWithCredentials: boolean;
  /** PHP session lifetime (session.gc_maxlifetime, 1440 s by default), renewed by each call. */
  sessionLifetimeMs: number;
}

export interface GlpiState {
  /** Sessions not killed nor expired. */
  openSessions(): number;
  /** Ends every session (the next call gets ERROR_SESSION_TOKEN_INVALID). */
  expireAllSessions(): void;
}

const LIST_LIMIT = 15;
const ROOT_ENTITY = 'Entité racine';
const ENTITY_IDS: Readonly<Record<Collectivite, number>> = { 'demo-a': 1, 'demo-b': 2 };

interface Session {
  /** A person's username, or a technical account's login. */
  login: string;
  person?: BusinessPerson;
  profile: { id: number; name: string; interface: 'helpdesk' | 'central' };
  collectivites: Collectivite[];
  /** Sees every ticket of its entities (technician, technical account) or only its own. */
  seesAll: boolean;
  expiresAt: number;
}

class GlpiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 400,
    readonly docMessage = true,
  ) {
    super(message);
  }
}

type Row = Record<string, unknown>;

/** GLPI 10's Sanitizer: stored text has `&<>"'` as numeric character references. */
function glpiEncode(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
    body: JSON.stringify(value),
  };
}

interface SearchOption {
  name: string;
  table: string;
  field: string;
  datatype: string;
  uid: string;
  searchtypes: string[];
  /** The value of a ticket (or user) for this column. */
  value(row: TicketView | UserView): unknown;
  /** True when the row matches one criterion. */
  match(row: TicketView | UserView, searchtype: string, value: string, session: Session): boolean;
}

interface TicketView {
  kind: 'ticket';
  seed: GlpiTicketSeed;
  requesters: BusinessPerson[];
  technicians: BusinessPerson[];
  observers: BusinessPerson[];
  opened: Date;
  updated: Date;
}

interface UserView {
  kind: 'user';
  person: BusinessPerson;
}

/** GLPI's `contains`: case-insensitive, `^` anchors the start, `$` the end. */
function containsMatch(text: string, pattern: string): boolean {
  let p = pattern;
  const start = p.startsWith('^');
  const end = p.endsWith('$') && p.length > (start ? 1 : 0);
  if (start) p = p.slice(1);
  if (end) p = p.slice(0, -1);
  const t = text.toLowerCase();
  const q = p.toLowerCase();
  if (start && end) return t === q;
  if (start) return t.startsWith(q);
  if (end) return t.endsWith(q);
  return t.includes(q);
}

const STATUS_SETS: Readonly<Record<string, readonly number[]>> = {
  notold: [1, 2, 3, 4],
  old: [5, 6],
  notclosed: [1, 2, 3, 4, 5],
  process: [2, 3],
  all: [1, 2, 3, 4, 5, 6],
};

function compareNumber(actual: number, searchtype: string, value: string): boolean {
  const n = Number(value);
  if (!Number.isFinite(n)) return false;
  switch (searchtype) {
    case 'equals':
    case 'contains':
      return actual === n;
    case 'notequals':
      return actual !== n;
    case 'lessthan':
      return actual < n;
    case 'morethan':
      return actual > n;
    default:
      return false;
  }
}

function compareDate(actual: Date, searchtype: string, value: string): boolean {
  const text = parisDateTime(actual);
  switch (searchtype) {
    case 'lessthan':
      return text < value;
    case 'morethan':
      return text > value;
    case 'equals':
      return text.startsWith(value);
    case 'notequals':
      return !text.startsWith(value);
    case 'contains':
      return text.includes(value);
    default:
      return false;
  }
}

function userMatch(people: BusinessPerson[], searchtype: string, value: string, session: Session): boolean {
  const id = value === 'myself' ? session.person?.glpiUserId : Number(value);
  switch (searchtype) {
    case 'equals':
      return people.some((p) => p.glpiUserId === id);
    case 'notequals':
      return !people.some((p) => p.glpiUserId === id);
    case 'contains':
      return people.some((p) => containsMatch(p.username, value));
    default:
      return false;
  }
}

function entityName(c: Collectivite): string {
  return `${ROOT_ENTITY} > ${COLLECTIVITE_NAMES[c]}`;
}

function usersValue(people: BusinessPerson[]): unknown {
  if (people.length === 0) return null;
  const names = people.map((p) => p.username);
  return names.length === 1 ? names[0] : names;
}

const ticket = (row: TicketView | UserView): TicketView => row as TicketView;
const user = (row: TicketView | UserView): UserView => row as UserView;

function textOption(
  name: string,
  table: string,
  field: string,
  uid: string,
  read: (row: TicketView | UserView) => string,
): SearchOption {
  return {
    name,
    table,
    field,
    datatype: 'string',
    uid,
    searchtypes: ['contains', 'notcontains', 'equals', 'notequals'],
    value: (row) => glpiEncode(read(row)),
    match: (row, searchtype, value) => {
      const text = read(row);
      if (searchtype === 'contains') return containsMatch(text, value);
      if (searchtype === 'notcontains') return !containsMatch(text, value);
      if (searchtype === 'equals') return text === value;
      if (searchtype === 'notequals') return text !== value;
      return false;
    },
  };
}

function numberOption(
  name: string,
  field: string,
  uid: string,
  read: (row: TicketView | UserView) => number,
): SearchOption {
  return {
    name,
    table: 'glpi_tickets',
    field,
    datatype: 'number',
    uid,
    searchtypes: ['equals', 'notequals', 'lessthan', 'morethan', 'contains'],
    value: read,
    match: (row, searchtype, value) => compareNumber(read(row), searchtype, value),
  };
}

function usersOption(name: string, uid: string, read: (row: TicketView) => BusinessPerson[]): SearchOption {
  return {
    name,
    table: 'glpi_users',
    field: 'name',
    datatype: 'dropdown',
    uid,
    searchtypes: ['equals', 'notequals', 'contains'],
    value: (row) => usersValue(read(ticket(row))),
    match: (row, searchtype, value, session) => userMatch(read(ticket(row)), searchtype, value, session),
  };
}

function dateOption(name: string, field: string, read: (row: TicketView) => Date): SearchOption {
  return {
    name,
    table: 'glpi_tickets',
    field,
    datatype: 'datetime',
    uid: `Ticket.${field}`,
    searchtypes: ['equals', 'notequals', 'lessthan', 'morethan', 'contains'],
    value: (row) => parisDateTime(read(ticket(row))),
    match: (row, searchtype, value) => compareDate(read(ticket(row)), searchtype, value),
  };
}

function entityOption(read: (row: TicketView | UserView) => Collectivite, uid: string): SearchOption {
  return {
    name: 'Entité',
    table: 'glpi_entities',
    field: 'completename',
    datatype: 'dropdown',
    uid,
    searchtypes: ['contains', 'equals', 'notequals', 'under', 'notunder'],
    value: (row) => entityName(read(row)),
    match: (row, searchtype, value) => {
      const c = read(row);
      const id = ENTITY_IDS[c];
      switch (searchtype) {
        case 'equals':
          return id === Number(value);
        case 'notequals':
          return id !== Number(value);
        case 'under':
          return Number(value) === 0 || id === Number(value);
        case 'notunder':
          return !(Number(value) === 0 || id === Number(value));
        case 'contains':
          return containsMatch(entityName(c), value);
        default:
          return false;
      }
    },
  };
}

const TICKET_OPTIONS: Readonly<Record<number, SearchOption>> = {
  1: textOption('Titre', 'glpi_tickets', 'name', 'Ticket.name', (r) => ticket(r).seed.title),
  2: numberOption('ID', 'id', 'Ticket.id', (r) => ticket(r).seed.id),
  3: numberOption('Priorité', 'priority', 'Ticket.priority', (r) => ticket(r).seed.priority),
  4: usersOption('Demandeur', 'Ticket.User.name', (r) => r.requesters),
  5: usersOption('Technicien', 'Ticket.User.name', (r) => r.technicians),
  7: textOption(
    'Catégorie',
    'glpi_itilcategories',
    'completename',
    'Ticket.ITILCategory.completename',
    (r) => ticket(r).seed.category,
  ),
  12: {
    name: 'Statut',
    table: 'glpi_tickets',
    field: 'status',
    datatype: 'specific',
    uid: 'Ticket.status',
    searchtypes: ['equals', 'notequals'],
    value: (r) => ticket(r).seed.status,
    match: (r, searchtype, value) => {
      const status = ticket(r).seed.status;
      const set = STATUS_SETS[value] ?? [Number(value)];
      if (searchtype === 'equals') return set.includes(status);
      if (searchtype === 'notequals') return !set.includes(status);
      return false;
    },
  },
  14: numberOption('Type', 'type', 'Ticket.type', (r) => ticket(r).seed.type),
  15: dateOption('Date d’ouverture', 'date', (r) => r.opened),
  19: dateOption('Dernière modification', 'date_mod', (r) => r.updated),
  21: textOption('Description', 'glpi_tickets', 'content', 'Ticket.content', (r) => `<p>${ticket(r).seed.content}</p>`),
  66: usersOption('Observateur', 'Ticket.User.name', (r) => r.observers),
  80: entityOption((r) => ticket(r).seed.collectivite, 'Ticket.Entity.completename'),
};

const USER_OPTIONS: Readonly<Record<number, SearchOption>> = {
  1: textOption('Identifiant', 'glpi_users', 'name', 'User.name', (r) => user(r).person.username),
  2: { ...numberOption('ID', 'id', 'User.id', (r) => user(r).person.glpiUserId), table: 'glpi_users' },
  9: textOption('Prénom', 'glpi_users', 'firstname', 'User.firstname', (r) => user(r).person.firstName),
  34: textOption('Nom de famille', 'glpi_users', 'realname', 'User.realname', (r) => user(r).person.surname),
  80: entityOption((r) => user(r).person.collectivite, 'User.Entity.completename'),
};

interface ItemtypeSpec {
  options: Readonly<Record<number, SearchOption>>;
  defaultColumns: readonly number[];
  /** GLPI's getDefaultSearchRequest(), used when the call gives no criteria / sort. */
  defaultRequest: { criteria: Criterion[]; sort: number[]; order: Array<'ASC' | 'DESC'> };
}

const ITEMTYPES: Readonly<Record<'Ticket' | 'User', ItemtypeSpec>> = {
  Ticket: {
    options: TICKET_OPTIONS,
    defaultColumns: [1, 2, 80, 12, 19, 15, 3, 4, 5, 7],
    defaultRequest: {
      criteria: [{ link: 'AND', field: '12', searchtype: 'equals', value: 'notold' }],
      sort: [19],
      order: ['DESC'],
    },
  },
  User: {
    options: USER_OPTIONS,
    defaultColumns: [1, 2, 80, 34, 9],
    defaultRequest: { criteria: [], sort: [1], order: ['ASC'] },
  },
};
type Itemtype = keyof typeof ITEMTYPES;

interface Criterion {
  link: string;
  field?: string;
  searchtype?: string;
  value?: string;
  criteria?: Criterion[];
}

function readCriteria(value: PhpValue | undefined): Criterion[] {
  return phpList(value).map((item) => {
    if (typeof item === 'string') return { link: 'AND' };
    const str = (v: PhpValue | undefined) => (typeof v === 'string' ? v : undefined);
    return {
      link: (str(item.link) ?? 'AND').toUpperCase(),
      field: str(item.field),
      searchtype: str(item.searchtype),
      value: str(item.value),
      ...(item.criteria !== undefined ? { criteria: readCriteria(item.criteria) } : {}),
    };
  });
}

/** GLPI's checks of the criteria: the first error message, or undefined. */
function checkCriteria(criteria: Criterion[], options: Readonly<Record<number, SearchOption>>): string | undefined {
  for (const c of criteria) {
    if (c.criteria) return checkCriteria(c.criteria, options);
    if (c.field === undefined || c.searchtype === undefined || c.value === undefined) {
      return 'Malformed search criteria';
    }
    if (!/^\d+$/.test(c.field) || options[Number(c.field)] === undefined) return 'Bad field ID in search criteria';
  }
  return undefined;
}

/** Evaluates criteria with SQL precedence (AND before OR), as the search engine's WHERE clause does. */
function evaluate(
  criteria: Criterion[],
  row: TicketView | UserView,
  options: Readonly<Record<number, SearchOption>>,
  session: Session,
): boolean {
  if (criteria.length === 0) return true;
  const groups: boolean[][] = [];
  criteria.forEach((c, index) => {
    let result = c.criteria
      ? evaluate(c.criteria, row, options, session)
      : (options[Number(c.field)]?.match(row, c.searchtype ?? '', c.value ?? '', session) ?? false);
    const link = index === 0 ? 'AND' : c.link;
    if (link.endsWith('NOT')) result = !result;
    if (index === 0 || link.startsWith('OR')) groups.push([result]);
    else groups[groups.length - 1]?.push(result);
  });
  return groups.some((g) => g.every(Boolean));
}

export function createGlpiHandler(options: GlpiOptions): { handler: AppHandler; state: GlpiState } {
  const sessions = new Map<string, Session>();
  const { data } = options;

  function apiUrl(baseUrl: string): string {
    return `${baseUrl}/apirest.php`;
  }

  function errorResponse(err: GlpiError, baseUrl: string): SimResponse {
    const message = err.docMessage
      ? `${err.message}; view documentation in your browser at ${apiUrl(baseUrl)}/#${err.code}`
      : err.message;
    return jsonResponse(err.httpStatus, [err.code, message]);
  }

  function checkAppToken(params: PhpMap): void {
    const given = typeof params.app_token === 'string' ? params.app_token : '';
    const accepted = options.appToken === null ? '' : options.appToken;
    if (given === accepted) return;
    if (given !== '') throw new GlpiError('ERROR_WRONG_APP_TOKEN_PARAMETER', 'parameter app_token seems wrong');
    throw new GlpiError('ERROR_APP_TOKEN_PARAMETERS_MISSING', 'missing parameter app_token');
  }

  function checkSession(params: PhpMap): Session {
    checkAppToken(params);
    const token = typeof params.session_token === 'string' ? params.session_token.trim() : '';
    if (token === '') {
      throw new GlpiError('ERROR_SESSION_TOKEN_MISSING', 'parameter session_token is missing or empty');
    }
    const session = sessions.get(token);
    const now = options.now().getTime();
    if (!session || session.expiresAt <= now) {
      sessions.delete(token);
      throw new GlpiError('ERROR_SESSION_TOKEN_INVALID', 'session_token seems invalid', 401, false);
    }
    session.expiresAt = now + options.sessionLifetimeMs;
    return session;
  }

  function initSession(params: PhpMap): unknown {
    checkAppToken(params);
    const userToken = typeof params.user_token === 'string' ? params.user_token : '';
    const login = typeof params.login === 'string' ? params.login : '';
    const password = typeof params.password === 'string' ? params.password : '';
    if (userToken === '' && (login === '' || password === '')) {
      throw new GlpiError('ERROR_LOGIN_PARAMETERS_MISSING', 'parameter(s) login, password or user_token are missing');
    }
    let session: Omit<Session, 'expiresAt'> | undefined;
    if (userToken !== '') {
      const person = data.people.find((p) => p.glpiUserToken === userToken);
      if (!person) throw new GlpiError('ERROR_GLPI_LOGIN_USER_TOKEN', 'parameter user_token seems invalid', 401, false);
      session = personSession(person);
    } else {
      if (!options.loginWithCredentials) {
        throw new GlpiError(
          'ERROR_LOGIN_WITH_CREDENTIALS_DISABLED',
          'usage of initSession resource with credentials is disabled',
          400,
          false,
        );
      }
      const account = options.technicalAccounts.find((a) => a.login === login && a.password === password);
      const person = findPerson(data, login);
      if (account) {
        session = {
          login: account.login,
          profile: { id: 4, name: 'Super-Admin', interface: 'central' },
          collectivites: [...account.collectivites],
          seesAll: true,
        };
      } else if (person && password === options.peoplePassword) {
        session = personSession(person);
      }
      if (!session) throw new GlpiError('ERROR_GLPI_LOGIN', 'Incorrect username or password', 401, false);
    }
    const token = randomBytes(20).toString('hex');
    sessions.set(token, { ...session, expiresAt: options.now().getTime() + options.sessionLifetimeMs });
    return { session_token: token };
  }

  function personSession(person: BusinessPerson): Omit<Session, 'expiresAt'> {
    const technician = data.glpi.tickets.some((t) => t.technicians.includes(person.username));
    return {
      login: person.username,
      person,
      profile: technician
        ? { id: 6, name: 'Technician', interface: 'central' }
        : { id: 1, name: 'Self-Service', interface: 'helpdesk' },
      collectivites: [person.collectivite],
      seesAll: technician,
    };
  }

  function ticketViews(session: Session): TicketView[] {
    const now = options.now();
    const people = (names: readonly string[] | undefined) =>
      (names ?? []).map((n) => findPerson(data, n)).filter((p): p is BusinessPerson => p !== undefined);
    return data.glpi.tickets
      .filter((t) => session.collectivites.includes(t.collectivite))
      .filter(
        (t) => session.seesAll || t.requesters.includes(session.login) || (t.observers ?? []).includes(session.login),
      )
      .map((seed) => ({
        kind: 'ticket' as const,
        seed,
        requesters: people(seed.requesters),
        technicians: people(seed.technicians),
        observers: people(seed.observers),
        opened: minutesBefore(now, seed.openedMinutesAgo),
        updated: minutesBefore(now, seed.updatedMinutesAgo),
      }));
  }

  function rowsOf(itemtype: Itemtype, session: Session): Array<TicketView | UserView> {
    if (itemtype === 'Ticket') return ticketViews(session);
    if (!session.seesAll) {
      throw new GlpiError('ERROR_RIGHT_MISSING', 'You don’t have permission to perform this action.', 403, false);
    }
    return data.people
      .filter((p) => session.collectivites.includes(p.collectivite))
      .map((person) => ({ kind: 'user' as const, person }));
  }

  function search(itemtype: Itemtype, params: PhpMap, session: Session): SimResponse {
    const spec = ITEMTYPES[itemtype];
    const opts = spec.options;
    const rows = rowsOf(itemtype, session);
    const criteria = params.criteria !== undefined ? readCriteria(params.criteria) : spec.defaultRequest.criteria;
    const problem = checkCriteria(criteria, opts);
    if (problem) throw new GlpiError('ERROR', problem);

    const forced = phpList(params.forcedisplay)
      .filter((v): v is string => typeof v === 'string')
      .map((v) => Number.parseInt(v, 10))
      .filter((n) => Number.isFinite(n));
    let range: [number, number] = [0, LIST_LIMIT - 1];
    if (typeof params.range === 'string') {
      const m = /^(\d+)-(\d+)$/.exec(params.range);
      if (!m) throw new GlpiError('ERROR', 'range must be in format : [start-end] with integers');
      range = [Number(m[1]), Number(m[2])];
    }
    const sortIds = phpList(params.sort ?? undefined)
      .filter((v): v is string => typeof v === 'string')
      .map(Number)
      .filter((n) => Number.isFinite(n));
    const sort = sortIds.length > 0 ? sortIds : [...spec.defaultRequest.sort];
    // GLPI merges the call's parameters over its default request: an order not given stays the default one.
    const orderList = phpList(params.order ?? undefined).filter((v): v is string => typeof v === 'string');
    const fallback = spec.defaultRequest.order[0] ?? 'ASC';
    const order = sort.map((_, i) => {
      const given = (orderList[i] ?? orderList[0])?.toUpperCase();
      return given === 'DESC' || given === 'ASC' ? given : fallback;
    });

    const matching = rows.filter((row) => evaluate(criteria, row, opts, session));
    matching.sort((a, b) => {
      for (const [i, id] of sort.entries()) {
        const option = opts[id];
        if (!option) continue;
        const x = option.value(a);
        const y = option.value(b);
        const cmp =
          typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''), 'fr');
        if (cmp !== 0) return order[i] === 'DESC' ? -cmp : cmp;
      }
      return 0;
    });

    const totalcount = matching.length;
    if (range[0] > totalcount) {
      throw new GlpiError('ERROR_RANGE_EXCEED_TOTAL', `Provided range exceed total count of data: ${totalcount}`);
    }
    const page = matching.slice(range[0], range[1] + 1);
    const end = Math.min(range[1], totalcount - 1);

    const criteriaFields = (list: Criterion[]): number[] =>
      list.flatMap((c) => (c.criteria ? criteriaFields(c.criteria) : [Number(c.field)]));
    const columns = [
      ...new Set(
        forced.length > 0
          ? [1, 2, 80, ...forced, ...criteriaFields(criteria)]
          : [...spec.defaultColumns, ...criteriaFields(criteria)],
      ),
    ].filter((id) => opts[id] !== undefined);
    const uidCols = params.uid_cols !== undefined;
    const lines = page.map((row) =>
      Object.fromEntries(
        columns.map((id) => [uidCols ? (opts[id]?.uid ?? String(id)) : String(id), opts[id]?.value(row) ?? null]),
      ),
    );
    const idOf = (row: TicketView | UserView) => (row.kind === 'ticket' ? row.seed.id : row.person.glpiUserId);
    const body: Row = { totalcount, count: page.length, sort, order };
    if (lines.length > 0) {
      body.data =
        params.withindexes !== undefined
          ? Object.fromEntries(page.map((row, i) => [String(idOf(row)), lines[i]]))
          : lines;
    }
    body['content-range'] = `${range[0]}-${end}/${totalcount}`;
    const headers: Record<string, string> = { 'accept-range': `${itemtype} 1000` };
    if (totalcount > 0) headers['content-range'] = String(body['content-range']);
    return jsonResponse(page.length >= totalcount ? 200 : 206, body, headers);
  }

  function listSearchOptions(itemtype: Itemtype): unknown {
    const opts = ITEMTYPES[itemtype].options;
    return {
      common: 'Caractéristiques',
      ...Object.fromEntries(
        Object.entries(opts).map(([id, o]) => [
          id,
          {
            name: o.name,
            table: o.table,
            field: o.field,
            datatype: o.datatype,
            nosearch: false,
            nodisplay: false,
            available_searchtypes: o.searchtypes,
            uid: o.uid,
          },
        ]),
      ),
    };
  }

  function getTicket(id: number, session: Session, baseUrl: string): unknown {
    const all = data.glpi.tickets.find((t) => t.id === id);
    if (!all) throw new GlpiError('ERROR_ITEM_NOT_FOUND', 'Item not found', 404, false);
    const view = ticketViews(session).find((t) => t.seed.id === id);
    if (!view) {
      throw new GlpiError('ERROR_RIGHT_MISSING', 'You don’t have permission to perform this action.', 403, false);
    }
    const t = view.seed;
    return {
      id: t.id,
      entities_id: ENTITY_IDS[t.collectivite],
      name: glpiEncode(t.title),
      date: parisDateTime(view.opened),
      closedate: null,
      solvedate: null,
      date_mod: parisDateTime(view.updated),
      status: t.status,
      users_id_recipient: view.requesters[0]?.glpiUserId ?? 0,
      requesttypes_id: 1,
      content: glpiEncode(`<p>${t.content}</p>`),
      urgency: t.priority,
      impact: 3,
      priority: t.priority,
      itilcategories_id: 0,
      type: t.type,
      is_deleted: 0,
      links: [{ rel: 'Entity', href: `${apiUrl(baseUrl)}/Entity/${ENTITY_IDS[t.collectivite]}` }],
    };
  }

  function session(sessionValue: Session): unknown {
    const p = sessionValue.person;
    return {
      session: {
        glpiID: p?.glpiUserId ?? 2,
        glpiname: sessionValue.login,
        glpirealname: p?.surname ?? '',
        glpifirstname: p?.firstName ?? '',
        glpiactiveprofile: sessionValue.profile,
        glpiactive_entity: sessionValue.collectivites.length === 1 ? ENTITY_IDS[sessionValue.collectivites[0]!] : 0,
        glpiactiveentities: Object.fromEntries(sessionValue.collectivites.map((c) => [ENTITY_IDS[c], ENTITY_IDS[c]])),
      },
    };
  }

  const handler: AppHandler = (req, body, baseUrl) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/front/ticket.form.php')) {
      // Without a web session GLPI shows its login page (the deep link is kept in `redirect`).
      return {
        status: 200,
        headers: { 'content-type': 'text/html; charset=UTF-8' },
        body: '<!DOCTYPE html><html lang="fr"><title>GLPI - Authentification</title><body><form method="post"></form></body></html>',
      };
    }
    if (url.pathname !== '/apirest.php' && !url.pathname.startsWith('/apirest.php/')) {
      return { status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not Found</h1>' };
    }
    const pathInfo = url.pathname.slice('/apirest.php'.length).replace(/^\/+|\/+$/g, '');
    const elements = pathInfo.split('/');
    const resource = elements[0] ?? '';
    try {
      if (req.method === 'GET' && body.trim().length > 0) {
        throw new GlpiError('ERROR_JSON_PAYLOAD_FORBIDDEN', 'GET Request should not have json payload (http body)');
      }
      const params = parsePhpQuery(url.searchParams);
      const auth = header(req, 'authorization') ?? '';
      if (auth.includes('user_token')) {
        const token = auth.split(' ')[1];
        if (token !== undefined) params.user_token = token;
      }
      const basic = /^Basic\s+(\S+)$/i.exec(auth);
      if (basic) {
        const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon >= 0) {
          params.login = decoded.slice(0, colon);
          params.password = decoded.slice(colon + 1);
        }
      }
      const sessionHeader = header(req, 'session-token');
      if (sessionHeader !== undefined) params.session_token = sessionHeader;
      const appHeader = header(req, 'app-token');
      if (appHeader !== undefined) params.app_token = appHeader;

      if (resource === '') {
        return {
          status: 200,
          headers: { 'content-type': 'text/html; charset=UTF-8' },
          body: '<!DOCTYPE html><title>API Documentation</title><h1>GLPI REST API: Documentation</h1>',
        };
      }
      if (resource === 'initSession') return jsonResponse(200, initSession(params));

      const current = checkSession(params);
      switch (resource) {
        case 'killSession':
          for (const [token, s] of sessions) if (s === current) sessions.delete(token);
          return jsonResponse(200, true);
        case 'getFullSession':
          return jsonResponse(200, session(current));
        case 'getActiveProfile':
          return jsonResponse(200, { active_profile: current.profile });
        case 'getMyEntities':
          return jsonResponse(200, {
            myentities: current.collectivites.map((c) => ({ id: ENTITY_IDS[c], name: COLLECTIVITE_NAMES[c] })),
          });
        case 'listSearchOptions':
        case 'search': {
          const itemtype = elements[1];
          if (itemtype === undefined || itemtype === '')
            throw new GlpiError('ERROR_RESOURCE_MISSING', 'missing resource');
          if (itemtype !== 'Ticket' && itemtype !== 'User') {
            throw new GlpiError(
              'ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM',
              'resource not found or not an instance of CommonDBTM',
            );
          }
          return resource === 'search'
            ? search(itemtype, params, current)
            : jsonResponse(200, listSearchOptions(itemtype));
        }
        case 'Ticket': {
          const id = Number(elements[1]);
          if (req.method !== 'GET' || !Number.isInteger(id) || id <= 0) {
            throw new GlpiError('ERROR_METHOD_NOT_ALLOWED', 'Method Not Allowed', 405);
          }
          return jsonResponse(200, getTicket(id, current, baseUrl));
        }
        default:
          throw new GlpiError(
            'ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM',
            'resource not found or not an instance of CommonDBTM',
          );
      }
    } catch (err) {
      if (err instanceof GlpiError) return errorResponse(err, baseUrl);
      throw err;
    }
  };

  return {
    handler,
    state: {
      openSessions: () => {
        const now = options.now().getTime();
        return [...sessions.values()].filter((s) => s.expiresAt > now).length;
      },
      expireAllSessions: () => sessions.clear(),
    },
  };
}
