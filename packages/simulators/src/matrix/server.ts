// Matrix client-server API simulator. Shapes from the spec (matrix-org/matrix-spec):
// - GET /_matrix/client/v3/sync: data/api/client-server/sync.yaml (rooms.join.<id>.unread_notifications,
//   state/timeline events, next_batch; `since` = only what changed)
// - POST /_matrix/client/v3/user/{userId}/filter: data/api/client-server/filter.yaml
// - GET /_matrix/client/v3/account/whoami: data/api/client-server/whoami.yaml
// - Errors: content/client-server-api/_index.md "Standard error response" (M_MISSING_TOKEN,
//   M_UNKNOWN_TOKEN with soft_logout, M_FORBIDDEN, M_UNRECOGNIZED, M_NOT_JSON).
// - Application service identity assertion: content/application-service-api.md "Identity assertion"
//   (the `as_token` as access token, the user to act as in the `user_id` query parameter, which must
//   be in the service's user namespace; without it, the service's own sender user).
import { timingSafeEqual } from 'node:crypto';
import { minutesBefore, type SimUser } from '../demo-data.js';
import { bearerToken, json, type AppHandler } from '../http.js';

export interface MatrixAppServiceOptions {
  /** The application service's `as_token` (its registration file). */
  asToken: string;
  /** Its `namespaces.users[].regex`; the simulator matches it against the whole user id. */
  userNamespaceRegex: string;
  /** The user implied by `sender_localpart`, acted as without `user_id`; default `@pleiade:pleiade.test`. */
  senderUserId?: string;
}

export interface MatrixOptions {
  users: readonly SimUser[];
  now: () => Date;
  appService?: MatrixAppServiceOptions;
}

const CLIENT = '/_matrix/client/v3';

const error = (status: number, errcode: string, message: string, extra: Record<string, unknown> = {}) =>
  json(status, { errcode, error: message, ...extra });

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function joinedRoom(room: SimUser['matrix']['rooms'][number], user: SimUser, now: Date) {
  const ts = minutesBefore(now, room.lastMessage.minutesAgo).getTime();
  const creator = room.lastMessage.sender;
  return {
    summary: { 'm.joined_member_count': room.joinedMembers, 'm.invited_member_count': 0, 'm.heroes': [creator] },
    state: {
      events: [
        {
          type: 'm.room.name',
          state_key: '',
          sender: creator,
          event_id: `$name-${room.roomId.slice(1, room.roomId.indexOf(':'))}`,
          origin_server_ts: ts - 86_400_000,
          content: { name: room.name },
        },
      ],
    },
    timeline: {
      events: [
        {
          type: 'm.room.message',
          sender: room.lastMessage.sender,
          event_id: `$msg-${room.roomId.slice(1, room.roomId.indexOf(':'))}-${ts}`,
          origin_server_ts: ts,
          content: { msgtype: 'm.text', body: room.lastMessage.body },
          unsigned: { age: now.getTime() - ts },
        },
      ],
      limited: true,
      prev_batch: `t-${user.username}-prev`,
    },
    ephemeral: { events: [] },
    account_data: { events: [] },
    unread_notifications: { notification_count: room.notificationCount, highlight_count: room.highlightCount },
    unread_thread_notifications: {},
  };
}

export const DEFAULT_APP_SERVICE_SENDER = '@pleiade:pleiade.test';

export function createMatrixHandler(options: MatrixOptions): AppHandler {
  const namespace = new RegExp(`^(?:${options.appService?.userNamespaceRegex ?? '(?!)'})$`);
  const filters = new Map<string, string>(); // filter id → owner user id
  let nextFilterId = 1;

  return (req, body, baseUrl) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    if (!path.startsWith('/_matrix/')) return error(404, 'M_UNRECOGNIZED', 'Unrecognized request');
    // Supported spec versions: public, what clients ask first (client-server API, "versions").
    if (path === '/_matrix/client/versions' && req.method === 'GET') {
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ versions: ['v1.10', 'v1.11'], unstable_features: {} }),
      };
    }

    const token = bearerToken(req);
    if (!token) return error(401, 'M_MISSING_TOKEN', 'Missing access token');
    let user: SimUser | undefined;
    const appService = options.appService;
    const asAppService = appService !== undefined && safeEqual(appService.asToken, token);
    if (asAppService) {
      const userId = url.searchParams.get('user_id');
      const sender = appService.senderUserId ?? DEFAULT_APP_SERVICE_SENDER;
      if (userId === null || userId === sender) {
        // The sender user of the registration: no rooms of its own in the demo data.
        if (path === `${CLIENT}/account/whoami` && req.method === 'GET') {
          return json(200, { user_id: sender, is_guest: false });
        }
        return error(403, 'M_FORBIDDEN', 'The application service sender user cannot use this endpoint here');
      }
      if (!namespace.test(userId)) {
        return error(403, 'M_FORBIDDEN', 'Application service cannot masquerade as this user.');
      }
      user = options.users.find((u) => u.matrix.userId === userId);
      if (!user) return error(403, 'M_FORBIDDEN', 'Application service has not registered this user');
    } else {
      user = options.users.find((u) => safeEqual(u.matrix.accessToken, token));
    }
    if (!user) return error(401, 'M_UNKNOWN_TOKEN', 'Unknown access token', { soft_logout: false });
    const now = options.now();

    if (path === `${CLIENT}/account/whoami` && req.method === 'GET') {
      // An application service acting as a user has no device of that user.
      const device = asAppService ? {} : { device_id: user.matrix.deviceId };
      return json(200, { user_id: user.matrix.userId, ...device, is_guest: false });
    }

    const filterPath = new RegExp(`^${CLIENT}/user/([^/]+)/filter$`).exec(path);
    if (filterPath && req.method === 'POST') {
      if (decodeURIComponent(filterPath[1] ?? '') !== user.matrix.userId) {
        return error(403, 'M_FORBIDDEN', 'Cannot create filters for other users');
      }
      try {
        JSON.parse(body || 'null');
      } catch {
        return error(400, 'M_NOT_JSON', 'Content not JSON.');
      }
      const id = String(nextFilterId++);
      filters.set(id, user.matrix.userId);
      return json(200, { filter_id: id });
    }

    if (path === `${CLIENT}/sync` && req.method === 'GET') {
      const filter = url.searchParams.get('filter');
      if (filter !== null) {
        if (filter.startsWith('{')) {
          try {
            JSON.parse(filter);
          } catch {
            return error(400, 'M_NOT_JSON', 'Invalid filter JSON');
          }
        } else if (filters.get(filter) !== user.matrix.userId) {
          return error(400, 'M_INVALID_PARAM', 'Invalid filter ID');
        }
      }
      // The demo data do not change: the stream position is a fixed token per user, and a sync
      // from that position returns no room update (timeout is honoured as 0 — answered at once).
      const nextBatch = `s1_${user.username}`;
      const since = url.searchParams.get('since');
      const rooms =
        since === nextBatch
          ? {}
          : Object.fromEntries(user.matrix.rooms.map((room) => [room.roomId, joinedRoom(room, user, now)]));
      return json(200, {
        next_batch: nextBatch,
        rooms: { join: rooms, invite: {}, leave: {}, knock: {} },
        presence: { events: [] },
        account_data: { events: [] },
        to_device: { events: [] },
        device_lists: { changed: [], left: [] },
        device_one_time_keys_count: {},
      });
    }

    return error(404, 'M_UNRECOGNIZED', 'Unrecognized request');
  };
}
