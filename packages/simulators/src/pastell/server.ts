// Pastell simulator: REST API v2 (`/api/v2/…`) with Basic or Bearer authentication. Facts (see
// README.md beside this file): libriciel/pastell api/HttpApi.php (dispatch order, status codes,
// `{"status":"error","error-message":…}`, `WWW-Authenticate: Basic realm="API Pastell"`, 429 with
// Retry-after), api/ApiAuthentication.php (Basic, Bearer, disabled accounts, rate limit of
// src/Service/LoginAttemptLimit.php: 5 failed attempts per minute and address), api/InternalAPI.php
// (resource → controller, 404 for an unknown one), api/EntiteAPIController.php,
// api/DocumentAPIController.php (parameters and defaults: offset 0, limit 100,
// tri=date_dernier_etat, sens_tri=DESC; id_e checks), api/FluxAPIController.php with
// src/Service/Module/ModuleListService.php, and test/PHPUnit/api/*Test.php (exact row fields and
// the document/count shape).
import { timingSafeEqual } from 'node:crypto';
import type { DematDemoData, PastellDocumentSeed, PastellEntitySeed, PastellUserSeed } from '../demat-data.js';
import { basicCredentials, bearerToken, parisDateTime, phpJson, type AppHandler, type SimResponse } from '../http.js';

export interface PastellOptions {
  data: DematDemoData['pastell'];
  now: () => Date;
  /** Failed logins allowed per minute and client address before 429 (Pastell: 5). */
  loginAttemptsPerMinute: number;
}

const ROOT = 0;

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const send = (status: number, value: unknown, headers: Record<string, string> = {}): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: phpJson(value),
});

const failure = (status: number, message: string, headers: Record<string, string> = {}) =>
  send(status, { status: 'error', 'error-message': message }, headers);

export function createPastellHandler(options: PastellOptions): AppHandler {
  const { data } = options;
  const failedLogins = new Map<string, { windowStart: number; count: number }>();

  const entity = (id: number) => data.entities.find((e) => e.id_e === id);

  /** Rights given on an entity reach its daughters; a role on the root entity reaches everything. */
  const reaches = (user: PastellUserSeed, id_e: number): boolean => {
    if (user.entities.includes(ROOT)) return true;
    let current = entity(id_e);
    while (current) {
      if (user.entities.includes(current.id_e)) return true;
      current = current.entite_mere ? entity(current.entite_mere) : undefined;
    }
    return false;
  };

  const entityRow = (e: PastellEntitySeed) => ({
    id_e: String(e.id_e),
    denomination: e.denomination,
    siren: e.siren,
    type: e.type,
    centre_de_gestion: '0',
    entite_mere: String(e.entite_mere),
    is_active: true,
  });

  const documentRow = (d: PastellDocumentSeed, now: Date) => {
    const e = entity(d.id_e);
    const last = parisDateTime(new Date(now.getTime() - d.lastActionMinutesAgo * 60_000));
    return {
      id_d: d.id_d,
      id_e: String(d.id_e),
      role: 'editeur',
      last_action: d.lastAction,
      last_action_date: last,
      last_type: d.type,
      type: d.type,
      titre: d.titre,
      creation: parisDateTime(new Date(now.getTime() - d.createdMinutesAgo * 60_000)),
      modification: last,
      denomination: e?.denomination ?? '',
      siren: e?.siren ?? '',
      date_inscription: '0000-00-00 00:00:00',
      entite_mere: String(e?.entite_mere ?? 0),
      centre_de_gestion: '0',
      is_active: true,
      entite_base: e?.denomination ?? '',
      entite: [],
      last_action_display: d.lastAction,
    };
  };

  const authenticate = (req: Parameters<AppHandler>[0], now: Date): PastellUserSeed | SimResponse => {
    const address = req.socket.remoteAddress ?? '';
    const window = failedLogins.get(address);
    const inWindow = window && now.getTime() - window.windowStart < 60_000 ? window : undefined;
    const bearer = bearerToken(req);
    const basic = bearer ? undefined : basicCredentials(req);
    if ((bearer || basic) && inWindow && inWindow.count >= options.loginAttemptsPerMinute) {
      return failure(429, 'Rate Limit Exceeded', { 'retry-after': '60' });
    }
    let user: PastellUserSeed | undefined;
    if (bearer) user = data.users.find((u) => safeEqual(u.token, bearer));
    else if (basic) {
      const candidate = data.users.find((u) => u.login === basic.user);
      user = candidate && safeEqual(candidate.password, basic.password) ? candidate : undefined;
    }
    if (!user) {
      if (bearer || basic) {
        failedLogins.set(address, {
          windowStart: inWindow?.windowStart ?? now.getTime(),
          count: (inWindow?.count ?? 0) + 1,
        });
      }
      return failure(401, 'Accès interdit', { 'www-authenticate': 'Basic realm="API Pastell"' });
    }
    failedLogins.delete(address);
    if (!user.enabled) {
      return failure(401, 'Votre compte a été désactivé', { 'www-authenticate': 'Basic realm="API Pastell"' });
    }
    return user;
  };

  return (req, _body, baseUrl) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const now = options.now();
    if (!url.pathname.startsWith('/api/')) return { status: 404, headers: { 'content-type': 'text/html' }, body: '' };

    const method = (req.method ?? 'GET').toLowerCase();
    if (!['get', 'post', 'patch', 'delete'].includes(method)) {
      return failure(405, "Cette méthode n'est pas utilisable sur l'API Pastell");
    }
    const apiFunction = url.pathname.slice('/api/'.length).replace(/^\/+/, '');
    if (!apiFunction) return failure(400, "Il faut spécifier une fonction de l'api");
    if (apiFunction.endsWith('.php')) return failure(404, `Impossible de trouver le script ${apiFunction}`);
    const [version, ...segments] = apiFunction.split('/');
    if (version !== 'v2') return failure(400, "Version de l'API incorrecte ou version absente");

    const authenticated = authenticate(req, now);
    if (!('id_u' in authenticated)) return authenticated;
    const user = authenticated;
    const denied = (id_e: number | string, droit: string) =>
      failure(403, `Acces interdit id_e=${id_e}, droit=${droit},id_u=${user.id_u}`);

    const [resource = '', first, second, third] = segments.map((s) => decodeURIComponent(s));
    if (!resource) return failure(400, 'Ressource absente');
    const controller = resource.charAt(0).toUpperCase() + resource.slice(1);
    if (!['Entite', 'Document', 'Flux'].includes(controller)) {
      return failure(404, `La ressource ${controller} n'a pas été trouvée`);
    }
    if (method !== 'get') return failure(405, `La méthode ${method} n'existe pas pour cette ressource`);
    const query = (name: string) => url.searchParams.get(name);

    if (controller === 'Flux') {
      const sorted = Object.entries(data.flux).sort(([, a], [, b]) => a.nom.localeCompare(b.nom, 'fr'));
      return send(200, Object.fromEntries(sorted.map(([id, f]) => [id, { type: f.type, nom: f.nom }])));
    }

    if (controller === 'Document' && first === 'count') {
      const idE = query('id_e');
      const type = query('type');
      const visible = data.entities.filter((e) => reaches(user, e.id_e));
      const selected = idE === null ? visible : visible.filter((e) => String(e.id_e) === idE);
      const result: Record<string, unknown> = {};
      for (const e of selected) {
        const flux: Record<string, Record<string, number>> = {};
        for (const d of data.documents.filter((doc) => doc.id_e === e.id_e && (!type || doc.type === type))) {
          const counts = (flux[d.type] ??= {});
          counts[d.lastAction] = (counts[d.lastAction] ?? 0) + 1;
        }
        result[String(e.id_e)] = {
          // PHP encodes an empty array as [], a filled one keyed by flux as an object.
          flux: Object.keys(flux).length === 0 ? [] : flux,
          info: { ...entityRow(e), date_inscription: '0000-00-00 00:00:00' },
        };
      }
      return send(200, Object.keys(result).length === 0 ? [] : result);
    }

    if (controller === 'Entite' && (first === undefined || first === '') && second === undefined) {
      const rows = data.entities
        .filter((e) => reaches(user, e.id_e))
        .sort((a, b) => a.denomination.localeCompare(b.denomination, 'fr'))
        .map(entityRow);
      return send(200, rows);
    }

    const idE = Number.parseInt(first ?? '', 10) || 0;
    if (controller === 'Entite' && second === undefined) {
      const found = entity(idE);
      if (!found) return failure(404, `L'entité ${first ?? ''} n'a pas été trouvée`);
      if (!reaches(user, idE)) return denied(idE, 'entite:lecture');
      return send(200, {
        ...entityRow(found),
        entite_fille: data.entities.filter((e) => e.entite_mere === found.id_e).map((e) => ({ id_e: String(e.id_e) })),
      });
    }

    if (controller === 'Entite' && second === 'document') {
      if (idE && !entity(idE)) return failure(404, `L'entité ${idE} n'existe pas`);
      if (!(idE ? reaches(user, idE) : user.entities.includes(ROOT))) return denied(idE, 'entite:lecture');
      if (!idE) return failure(400, 'id_e est obligatoire');
      if (third) {
        const doc = data.documents.find((d) => d.id_d === third);
        if (!doc || doc.id_e !== idE) return failure(404, `Le document ${third} n'appartient pas à l'entité ${idE}`);
        const row = documentRow(doc, now);
        return send(200, {
          info: {
            id_d: doc.id_d,
            type: doc.type,
            titre: doc.titre,
            creation: row.creation,
            modification: row.modification,
          },
          data: { objet: doc.titre },
          action_possible: [],
          'action-possible': [],
          last_action: { action: doc.lastAction, message: '', date: row.last_action_date },
        });
      }
      const type = query('type');
      if (type && !(type in data.flux)) return denied(idE, `${type}:lecture`);
      const intOr = (name: string, fallback: number) => {
        const raw = query(name);
        return raw === null ? fallback : Number.parseInt(raw, 10) || 0;
      };
      const offset = intOr('offset', 0);
      const limit = intOr('limit', 100);
      if (offset < 0 || limit < 0) {
        return failure(
          400,
          'SQLSTATE[42000]: Syntax error or access violation: 1064 You have an error in your SQL syntax',
        );
      }
      const search = query('search');
      const lastEtat = query('lastetat');
      const begin = query('last_state_begin');
      const end = query('last_state_end');
      const tri = query('tri') ?? 'date_dernier_etat';
      const descending = (query('sens_tri') ?? 'DESC').toUpperCase() !== 'ASC';
      const rows = data.documents
        .filter((d) => d.id_e === idE)
        .filter((d) => !type || d.type === type)
        .filter((d) => !search || d.titre.toLowerCase().includes(search.toLowerCase()))
        .filter((d) => !lastEtat || d.lastAction === lastEtat)
        .map((d) => documentRow(d, now))
        .filter((row) => !begin || row.last_action_date >= begin)
        .filter((row) => !end || row.last_action_date <= end)
        .sort((a, b) => {
          const key = (row: typeof a) =>
            tri === 'title' ? row.titre : tri === 'entite' ? row.denomination : row.last_action_date;
          const order = key(a).localeCompare(key(b), 'fr');
          return descending ? -order : order;
        });
      return send(200, rows.slice(offset, offset + limit));
    }

    return failure(404, `La ressource ${controller} n'a pas été trouvée`);
  };
}
