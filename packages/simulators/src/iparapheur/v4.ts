// i-Parapheur 4 simulator: the JSON API of its web and mobile clients (Alfresco web scripts under
// `/parapheur/…`). Facts (see README.md beside this file): libriciel/i-Parapheur-iOS
// iParapheur/Network/RestClient.swift (`/parapheur/bureaux`, `/parapheur/dossiers` and their
// parameters, Basic auth on the mobile host), iParapheur/Models/Bureau.swift and Dossier.swift,
// iParapheurTests/Models_Bureau_Tests.swift (field names such as `a-traiter`, `en-retard`,
// `dateLimite` in milliseconds), libriciel/i-Parapheur-Android controller/rest/api
// (`/parapheur/api/login` → `data.ticket`, `alf_ticket`, corbeille names, each dossier's `total`).
// CAS: a `ticket` parameter is validated at the CAS server's `serviceValidate` (CAS 2.0).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DematDemoData, IparapheurFolderSeed } from '../demat-data.js';
import { basicCredentials, json, type AppHandler, type SimResponse } from '../http.js';
import { createdAtOf, dueDateOf, foldersInState } from './v5.js';

export interface IparapheurV4Options {
  data: DematDemoData['iparapheur'];
  now: () => Date;
  /**
   * CAS server's service validation endpoint (`https://cas.example/cas/serviceValidate`): a
   * `ticket` query parameter is checked there for the requested URL, as Alfresco's CAS filter does.
   */
  casServiceValidateUrl?: string;
}

/** Corbeilles (trays) of a bureau: server value → i-Parapheur 5 state, and its label. */
const CORBEILLES: Record<string, { state: string | null; label: string }> = {
  'en-preparation': { state: 'DRAFT', label: 'Dossiers en préparation' },
  'a-traiter': { state: 'PENDING', label: 'Dossiers à traiter' },
  'en-retard': { state: 'LATE', label: 'Dossiers en retard' },
  'a-archiver': { state: 'FINISHED', label: 'Dossiers en fin de circuit' },
  retournes: { state: 'REJECTED', label: 'Dossiers retournés' },
  'dossiers-delegues': { state: null, label: 'Dossiers délégués' },
};

const PROTOCOLS: Record<string, string> = { Actes: 'ACTES', Finances: 'HELIOS' };

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Alfresco's web script error body. */
function alfrescoError(now: Date, code: number, name: string, description: string, message: string): SimResponse {
  return json(
    code,
    {
      status: { code, name, description },
      message,
      exception: '',
      callstack: [],
      server: 'Community v5.2.0 (r135134-b14) schema 10 005',
      time: now.toUTCString(),
    },
    code === 401 ? { 'www-authenticate': 'Basic realm="Alfresco DataListDownloader Server"' } : {},
  );
}

function casUser(xml: string): string | undefined {
  if (!/<cas:authenticationSuccess>/.test(xml)) return undefined;
  return /<cas:user>\s*([^<\s]+)\s*<\/cas:user>/.exec(xml)?.[1];
}

export function createIparapheurV4Handler(options: IparapheurV4Options): AppHandler {
  const { data } = options;
  const tickets = new Map<string, string>(); // alf_ticket → username

  const authenticate = async (req: IncomingMessage, url: URL): Promise<string | undefined> => {
    const alfTicket = url.searchParams.get('alf_ticket');
    if (alfTicket) return tickets.get(alfTicket);
    const casTicket = url.searchParams.get('ticket');
    if (casTicket && options.casServiceValidateUrl) {
      const service = new URL(url);
      service.searchParams.delete('ticket');
      const validate = new URL(options.casServiceValidateUrl);
      validate.searchParams.set('service', service.href);
      validate.searchParams.set('ticket', casTicket);
      try {
        const response = await fetch(validate, { signal: AbortSignal.timeout(5_000) });
        const username = response.ok ? casUser(await response.text()) : undefined;
        return username && data.accounts.some((a) => a.username === username) ? username : undefined;
      } catch {
        return undefined;
      }
    }
    const basic = basicCredentials(req);
    if (basic) {
      const account = data.accounts.find((a) => a.username === basic.user);
      return account && safeEqual(account.password, basic.password) ? account.username : undefined;
    }
    return undefined;
  };

  const dossier = (
    folder: IparapheurFolderSeed,
    deskName: string,
    corbeille: string,
    total: number,
    skipped: number,
    now: Date,
  ) => {
    const due = dueDateOf(folder, now);
    const owner = data.accounts.find((a) =>
      data.desks.some((d) => d.id === folder.deskId && d.holders[0] === a.username),
    );
    return {
      id: folder.id,
      title: folder.name,
      bureauName: deskName,
      banetteName: CORBEILLES[corbeille]?.label ?? '',
      type: folder.type,
      sousType: folder.subtype,
      protocol: PROTOCOLS[folder.type] ?? 'aucun',
      actionDemandee: folder.action,
      actions: [folder.action, 'REJET', 'SECRETARIAT', 'EMAIL', 'JOURNAL', 'ENREGISTRER'],
      creator: owner ? `${owner.firstName} ${owner.lastName}` : '',
      dateEmission: createdAtOf(folder, now).getTime(),
      ...(due ? { dateLimite: due.getTime() } : {}),
      isSent: folder.state !== 'DRAFT',
      locked: false,
      readingMandatory: false,
      isRead: false,
      hasRead: false,
      includeAnnexes: true,
      isSignPapier: false,
      isXemEnabled: false,
      documentPrincipal: { id: `${folder.id.slice(0, 24)}d0c000000001`, name: `${folder.name}.pdf` },
      total,
      skipped,
      pendingFile: 0,
    };
  };

  return async (req, body, baseUrl) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    const now = options.now();

    if (path === '/parapheur/api/getApiLevel' && req.method === 'GET') return json(200, { level: 4 });

    if (path === '/parapheur/api/login') {
      if (req.method !== 'POST') {
        return alfrescoError(now, 405, 'Method Not Allowed', 'Method not allowed.', 'Script url does not support GET');
      }
      let credentials: unknown;
      try {
        credentials = JSON.parse(body || 'null');
      } catch {
        return alfrescoError(
          now,
          400,
          'Bad Request',
          'Request sent by the client was syntactically incorrect.',
          'JSON',
        );
      }
      const { username, password } = (credentials ?? {}) as { username?: unknown; password?: unknown };
      const account = data.accounts.find((a) => a.username === username);
      if (!account || typeof password !== 'string' || !safeEqual(account.password, password)) {
        return alfrescoError(now, 403, 'Forbidden', 'Server refused to fulfill the request.', 'Login failed');
      }
      const ticket = `TICKET_${randomBytes(20).toString('hex')}`;
      tickets.set(ticket, account.username);
      return json(200, { data: { ticket } });
    }

    if (!path.startsWith('/parapheur/')) {
      return alfrescoError(
        now,
        404,
        'Not Found',
        'Requested resource is not available.',
        `Web Script ${path} not found`,
      );
    }

    const username = await authenticate(req, url);
    if (!username) {
      return alfrescoError(
        now,
        401,
        'Unauthorized',
        'The request requires HTTP authentication.',
        'Authentification requise',
      );
    }
    if (req.method !== 'GET') {
      return alfrescoError(
        now,
        405,
        'Method Not Allowed',
        'Method not allowed.',
        `Script url does not support ${req.method}`,
      );
    }
    const desks = data.desks.filter((d) => d.holders.includes(username));

    if (path === '/parapheur/bureaux') {
      return json(
        200,
        desks.map((desk) => {
          const count = (state: string) => foldersInState(data, desk.id, state, now).length;
          return {
            id: desk.id,
            name: desk.name,
            collectivite: data.tenants.find((t) => t.id === desk.tenantId)?.name ?? '',
            description: null,
            nodeRef: `workspace://SpacesStore/${desk.id}`,
            shortName: desk.shortName,
            image: '',
            show_a_venir: null,
            habilitation: { traiter: true, secretariat: false, archivage: true, transmettre: true },
            'en-preparation': count('DRAFT'),
            'a-traiter': count('PENDING'),
            'en-retard': count('LATE'),
            'a-archiver': count('FINISHED'),
            retournes: count('REJECTED'),
            'dossiers-delegues': 0,
            hasSecretaire: false,
            isSecretaire: false,
          };
        }),
      );
    }

    if (path === '/parapheur/dossiers') {
      const bureau = url.searchParams.get('bureau');
      if (!bureau) {
        return alfrescoError(
          now,
          500,
          'Internal Error',
          'An error inside the HTTP server which prevented it from fulfilling the request.',
          'Le paramètre bureau est obligatoire',
        );
      }
      const desk = desks.find((d) => d.id === bureau || `workspace://SpacesStore/${d.id}` === bureau);
      if (!desk) {
        return alfrescoError(now, 403, 'Forbidden', 'Server refused to fulfill the request.', 'Accès refusé au bureau');
      }
      const corbeille = url.searchParams.get('corbeilleName') || 'a-traiter';
      const state = CORBEILLES[corbeille]?.state ?? null;
      const int = (name: string, fallback: number) => {
        const value = Number(url.searchParams.get(name));
        return Number.isInteger(value) && value >= 0 && url.searchParams.get(name) !== '' ? value : fallback;
      };
      const page = int('page', 0);
      const pageSize = int('pageSize', 10) || 10;
      const ascending = url.searchParams.get('asc') !== 'false';
      const sortTitle = url.searchParams.get('sort') === 'cm:title';
      const all = (state ? foldersInState(data, desk.id, state, now) : []).sort((a, b) => {
        const order = sortTitle
          ? a.name.localeCompare(b.name, 'fr')
          : createdAtOf(a, now).getTime() - createdAtOf(b, now).getTime();
        return ascending ? order : -order;
      });
      const skipped = page * pageSize;
      return json(
        200,
        all.slice(skipped, skipped + pageSize).map((f) => dossier(f, desk.name, corbeille, all.length, skipped, now)),
      );
    }

    return alfrescoError(now, 404, 'Not Found', 'Requested resource is not available.', `Web Script ${path} not found`);
  };
}
