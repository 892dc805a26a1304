// S2low simulator: the ACTES API of `/modules/actes/api/*.php`, over HTTPS with a mandatory
// client certificate. Facts (see README.md beside this file): libriciel/s2low
// src/Controller/ActesAPIController.php (listStatus, nbActes, listActes and their parameters and
// defaults), class/actes/ActesTransactionsSQL.php (columns, `ORDER BY id DESC`, dates matched on
// the status change), tests/.../ActesApiControllerTest.php (exact bodies: strings everywhere in
// list_actes, integers in number_actes, the concatenated error on a bad type_acte),
// lib/Recuperateur.php (an empty or "0" value takes the default), class/Authentification.php and
// class/HttpsConnexion.php (certificate, then Basic login/password when the certificate is
// shared), class/Helpers.php returnAndExit (`KO\n<message>` in ISO-8859-1 with api=1, else a
// redirection).
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { DematDemoData, S2lowAccountSeed, S2lowTransactionSeed } from '../demat-data.js';
import { basicCredentials, parisDateTime, phpJson, type AppHandler, type SimResponse } from '../http.js';

export interface S2lowOptions {
  data: DematDemoData['s2low'];
  now: () => Date;
  /** Certificate name (S2lowAccountSeed.certificate) → SHA-256 fingerprint of the client certificate. */
  certificateFingerprints: Record<string, string>;
}

/** actes_status (id → name), as S2low's database lists them. */
export const S2LOW_STATUSES: Record<number, string> = {
  [-1]: 'Erreur',
  0: 'Annulé',
  1: 'Posté',
  2: 'En attente de transmission',
  3: 'Transmis',
  4: 'Acquittement reçu',
  5: 'Validé',
  6: 'Refusé',
  7: 'Document reçu',
  8: 'Acquittement envoyé',
  12: 'Envoyé au SAE',
  13: 'Archivé par le SAE',
  14: 'Erreur lors de l’archivage',
  16: 'Détruite',
  17: 'En attente d’être postée',
  18: 'En attente d’être signée',
  19: 'En attente de transmission au SAE',
  20: 'Erreur lors de l’envoi au SAE',
  21: 'Document reçu (pas d’AR)',
  22: 'Erreur SAE : documents indisponibles',
};

export const S2LOW_NATURES: Record<number, { code: string; descr: string }> = {
  1: { code: '99_DE', descr: 'Délibérations' },
  2: { code: '99_AR', descr: 'Actes réglementaires' },
  3: { code: '99_AI', descr: 'Actes individuels' },
  4: { code: '99_CC', descr: 'Contrats, conventions et avenants' },
  5: { code: '99_BF', descr: 'Documents budgétaires et financiers' },
  6: { code: '99_AU', descr: 'Autres' },
};

const API = '/modules/actes/api';

/** PHP's echo without a Content-Type header. */
const PHP_HTML = { 'content-type': 'text/html; charset=UTF-8' };

const phpBody = (value: unknown): SimResponse => ({ status: 200, headers: PHP_HTML, body: phpJson(value) });

/** PHP's intval(): the leading integer of the text, 0 without one. */
function intval(value: string): number {
  const match = /^\s*([+-]?\d+)/.exec(value);
  return match ? Number(match[1]) : 0;
}

/** Recuperateur::get(): a missing or "empty" value (PHP's empty(): '' and '0') takes the default. */
function param(url: URL, name: string): string | undefined {
  const value = url.searchParams.get(name);
  return value === null || value === '' || value === '0' ? undefined : value;
}

/**
 * RequestHelper::checkDate with strtotime(), for the forms S2low's clients send: the value as
 * `YYYY-MM-DD HH:MM:SS` server-local (Paris) time; a date alone is midnight.
 */
function parseDate(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = match;
  if (Number.isNaN(Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`))) return undefined;
  return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
}

function apacheNotFound(path: string): SimResponse {
  return {
    status: 404,
    headers: { 'content-type': 'text/html; charset=iso-8859-1' },
    body: `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL ${path.replace(/[<>&"]/g, '')} was not found on this server.</p>\n</body></html>\n`,
  };
}

function phpFatal(): SimResponse {
  return { status: 500, headers: PHP_HTML, body: '' };
}

export function currentStatus(transaction: S2lowTransactionSeed): number {
  return transaction.workflow.at(-1)?.status ?? 1;
}

export function createS2lowHandler(options: S2lowOptions): AppHandler {
  const { data } = options;

  /** Authentification::detectConnexionID: the certificate's accounts, narrowed by login/password. */
  const authenticate = (req: IncomingMessage): { account: S2lowAccountSeed } | { error: string; redirect: string } => {
    const peer = (req.socket as TLSSocket).getPeerCertificate?.();
    const fingerprint = peer && 'fingerprint256' in peer ? peer.fingerprint256 : undefined;
    const names = Object.entries(options.certificateFingerprints)
      .filter(([, f]) => f === fingerprint)
      .map(([name]) => name);
    const byCertificate = data.accounts.filter((a) => names.includes(a.certificate));
    const basic = basicCredentials(req);
    const candidates = basic
      ? byCertificate.filter((a) => a.login === basic.user && a.password === basic.password)
      : byCertificate;
    if (candidates.length === 0) {
      return { error: "Le certificat n'est pas valide : aucun compte trouvé", redirect: '/connexion-status' };
    }
    if (candidates.length > 1) return { error: "La connexion n'a pas pu être établie", redirect: '/login.php' };
    return { account: candidates[0] as S2lowAccountSeed };
  };

  return (req, _body, baseUrl) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    const now = options.now();
    const routes = [
      `${API}/actes_status.php`,
      `${API}/number_actes.php`,
      `${API}/list_actes.php`,
      `${API}/list_document_prefecture.php`,
    ];
    if (!routes.includes(path)) return apacheNotFound(path);

    const auth = authenticate(req);
    if ('error' in auth) {
      if (url.searchParams.get('api') === '1') {
        return {
          status: 200,
          headers: { 'content-type': 'text/html; charset=UTF-8' },
          body: Buffer.from(`KO\n${auth.error}\n`, 'latin1'),
        };
      }
      return { status: 302, headers: { location: `${baseUrl}${auth.redirect}`, ...PHP_HTML }, body: '' };
    }
    const authorityId = auth.account.authorityId;
    const own = data.transactions.filter((t) => t.authorityId === authorityId);

    if (path === `${API}/actes_status.php`) {
      return phpBody(Object.fromEntries(Object.entries(S2LOW_STATUSES).sort(([a], [b]) => Number(a) - Number(b))));
    }

    if (path === `${API}/number_actes.php`) {
      const statusId = intval(param(url, 'status_id') ?? '0');
      return phpBody({
        status_id: statusId,
        authority_id: authorityId,
        nb_transactions: own.filter((t) => currentStatus(t) === statusId).length,
      });
    }

    if (path === `${API}/list_document_prefecture.php`) return phpBody([]);

    // list_actes.php
    const statusId = intval(param(url, 'status_id') ?? '0');
    const offset = intval(param(url, 'offset') ?? '0');
    const limit = intval(param(url, 'limit') ?? '100');
    const rawMin = param(url, 'min_date');
    const rawMax = param(url, 'max_date');
    const minDate = rawMin === undefined ? undefined : parseDate(rawMin);
    const maxDate = rawMax === undefined ? undefined : parseDate(rawMax);
    // An unreadable date is an uncaught exception: PHP's blank 500.
    if ((rawMin !== undefined && !minDate) || (rawMax !== undefined && !maxDate)) return phpFatal();
    if (offset < 0 || limit < 0) return phpFatal();

    let prefix = '';
    let nature: number | undefined;
    const typeActe = param(url, 'type_acte');
    if (typeActe !== undefined) {
      const found = Object.entries(S2LOW_NATURES).find(([, n]) => n.code === typeActe);
      if (found) nature = Number(found[0]);
      else {
        // The controller echoes the error, then goes on without the filter: two JSON documents.
        const codes = Object.values(S2LOW_NATURES)
          .map((n) => n.code)
          .join(', ');
        prefix = phpJson({ error: `Code invalide : valeur parmi ${codes} attendue, ${typeActe} fourni` });
      }
    }

    const inPeriod = (t: S2lowTransactionSeed) => {
      if (!minDate && !maxDate) return true;
      // The status change to status_id must fall within [min_date, max_date] (server local time).
      return t.workflow.some((step) => {
        if (step.status !== statusId) return false;
        const stamp = parisDateTime(new Date(now.getTime() - step.minutesAgo * 60_000));
        return (!minDate || stamp >= minDate) && (!maxDate || stamp <= maxDate);
      });
    };
    const rows = own
      .filter((t) => currentStatus(t) === statusId)
      .filter((t) => nature === undefined || t.natureCode === nature)
      .filter(inPeriod)
      .sort((a, b) => b.id - a.id)
      .slice(offset, offset + limit)
      .map((t) => ({
        id: String(t.id),
        subject: t.subject,
        number: t.number,
        date: parisDateTime(new Date(now.getTime() - t.decisionDaysAgo * 86_400_000)).slice(0, 10),
        nature_descr: S2LOW_NATURES[t.natureCode]?.descr ?? '',
        classification: t.classification,
        type: '1',
      }));
    return {
      status: 200,
      headers: PHP_HTML,
      body:
        prefix +
        phpJson({
          status_id: String(statusId),
          authority_id: String(authorityId),
          offset: String(offset),
          limit: String(limit),
          transactions: rows,
        }),
    };
  };
}
