// i-delibRE simulator: API v2 (`/api/v2`, header `X-AUTH-TOKEN`, one API user per structure).
// Facts (see README.md beside this file): megalis-bretagne/idelibre (commit 531cf4e)
// src/Controller/ApiV2/SittingApiController.php and CheckApiController.php (routes, `status`),
// src/Repository/SittingRepository.php findByStructure (`status=archived` → archived, any other
// value → active, none → all; no ordering), ConvocationRepository::getConvocationsWithUserBySitting
// (ordered by last name, first name), src/Entity/*.php serialization groups (field names),
// src/Security/TokenAuthenticator.php, Voter/Api/*.php, src/EventListener/ExceptionListener.php
// and tests/Controller/ApiV2/*Test.php (status codes and `{"message": …}` bodies).
import type { DematDemoData, IdelibreSittingSeed, IdelibreUserSeed } from '../demat-data.js';
import { parisTimeToday } from '../demo-data.js';
import { header, parisRfc3339, phpJson, type AppHandler, type SimResponse } from '../http.js';

export interface IdelibreOptions {
  data: DematDemoData['idelibre'];
  now: () => Date;
}

const API = '/api/v2';

/** Symfony JsonResponse's default encoding (JSON_HEX_TAG | HEX_APOS | HEX_AMP | HEX_QUOT). */
function symfonyJson(status: number, value: unknown, contentType = 'application/json'): SimResponse {
  return { status, headers: { 'content-type': contentType }, body: phpJson(value, { hexTags: true }) };
}

/** ExceptionListener: `{"message": …}` as application/problem+json. */
function problem(status: number, message: string): SimResponse {
  return symfonyJson(status, { message }, 'application/problem+json');
}

const notFound = (entity: string) =>
  problem(
    404,
    `"App\\Entity\\${entity}" object not found by "Symfony\\Bridge\\Doctrine\\ArgumentResolver\\EntityValueResolver".`,
  );

export function sittingDate(sitting: IdelibreSittingSeed, now: Date): Date {
  const day = parisTimeToday(now, sitting.time);
  return new Date(day.getTime() + sitting.dayOffset * 86_400_000);
}

function userJson(user: IdelibreUserSeed | undefined) {
  if (!user) return null;
  return {
    id: user.id,
    username: user.username,
    firstName: user.firstName,
    lastName: user.lastName,
    role: { name: user.role },
    deputy: null,
  };
}

export function createIdelibreHandler(options: IdelibreOptions): AppHandler {
  const { data } = options;

  return (req, _body, baseUrl) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    const now = options.now();

    if (!path.startsWith(`${API}/`)) return { status: 404, headers: { 'content-type': 'text/html' }, body: '' };
    if (path === `${API}/ping` && req.method === 'GET') return symfonyJson(200, { message: 'success' });

    // The stateless `api` firewall: no header → not authenticated; an unknown token → 401 at once.
    const token = header(req, 'x-auth-token');
    const structure = token === undefined ? undefined : data.structures.find((s) => s.apiToken === token);
    if (token !== undefined && !structure) return problem(401, "Erreur d'authententification");
    if (!structure) return problem(401, 'Full authentication is required to access this resource.');
    if (req.method !== 'GET') return problem(405, `No route found for "${req.method} ${path}": Method Not Allowed`);

    if (path === `${API}/me`) {
      return symfonyJson(200, {
        name: structure.apiUserName,
        structure: { id: structure.id, name: structure.name },
        role: ['ROLE_API_STRUCTURE_ADMIN'],
      });
    }

    const match = new RegExp(`^${API}/structures/([^/]+)/sittings(?:/([^/]+)(?:/(convocations))?)?$`).exec(path);
    if (!match) return problem(404, `No route found for "GET ${path}"`);
    const structureId = decodeURIComponent(match[1] ?? '');
    const target = data.structures.find((s) => s.id === structureId);
    if (!target) return notFound('Structure');
    // API_AUTHORIZED_STRUCTURE: the API user's own structure only.
    if (target.id !== structure.id) return problem(403, 'Access Denied.');

    const sittingJson = (s: IdelibreSittingSeed) => ({
      id: s.id,
      name: s.name,
      date: parisRfc3339(sittingDate(s, now)),
      isArchived: s.isArchived,
      isRemoteAllowed: s.isRemoteAllowed,
      isMandatorAllowed: s.isMandatorAllowed,
      updatedAt: parisRfc3339(new Date(now.getTime() - 3 * 86_400_000)),
    });

    const sittingPart = match[2];
    if (sittingPart === undefined) {
      const status = url.searchParams.get('status');
      const sittings = data.sittings
        .filter((s) => s.structureId === target.id)
        .filter((s) => !status || s.isArchived === (status === 'archived'));
      return symfonyJson(200, sittings.map(sittingJson));
    }

    const sitting = data.sittings.find((s) => s.id === decodeURIComponent(sittingPart));
    if (!sitting) return notFound('Sitting');
    // API_SAME_STRUCTURE: a sitting of another structure is refused, not hidden.
    if (sitting.structureId !== target.id) return problem(403, 'Access Denied.');

    if (match[3] === 'convocations') {
      const users = new Map(data.users.map((u) => [u.id, u]));
      const stamp = (minutesAgo: number | null, n: number, id: string) =>
        minutesAgo === null
          ? null
          : {
              id: `${id.slice(0, 24)}${String(n).padStart(12, '0')}`,
              createdAt: parisRfc3339(new Date(now.getTime() - minutesAgo * 60_000)),
            };
      const convocations = data.convocations
        .filter((c) => c.sittingId === sitting.id)
        .map((c) => ({ convocation: c, user: users.get(c.userId) }))
        .sort(
          (a, b) =>
            (a.user?.lastName ?? '').localeCompare(b.user?.lastName ?? '', 'fr') ||
            (a.user?.firstName ?? '').localeCompare(b.user?.firstName ?? '', 'fr'),
        )
        .map(({ convocation: c, user }) => ({
          id: c.id,
          isRead: c.isRead,
          isActive: c.isActive,
          isEmailed: c.isEmailed,
          user: userJson(user),
          sentTimestamp: stamp(c.sentMinutesAgo, 1, c.id),
          receivedTimestamp: stamp(c.receivedMinutesAgo, 2, c.id),
          category: c.category,
          attendance: c.attendance,
          deputy: null,
          mandator: null,
        }));
      return symfonyJson(200, convocations);
    }

    return symfonyJson(200, {
      ...sittingJson(sitting),
      revision: 0,
      place: sitting.place,
      createdAt: parisRfc3339(new Date(now.getTime() - 10 * 86_400_000)),
      type: {
        id: sitting.typeId,
        name: sitting.name,
        isSms: false,
        isComelus: false,
        isSmsGuests: false,
        isSmsEmployees: false,
      },
      convocationFile: {
        id: `${sitting.id.slice(0, 24)}f11e00000001`,
        size: 245_760,
        name: `convocation-${sitting.name.toLowerCase().replace(/\s+/g, '-')}.pdf`,
      },
      invitationFile: null,
      comelusId: null,
      reminder: { id: `${sitting.id.slice(0, 24)}5e1d00000001`, duration: 60, isActive: false },
    });
  };
}
