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
import { FilterError, parseFilter, passesRoom, passesType, type SyncFilter } from './filter.js';

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

function joinedRoom(room: SimUser['matrix']['rooms'][number], user: SimUser, now: Date, filter: SyncFilter) {
  const ts = minutesBefore(now, room.lastMessage.minutesAgo).getTime();
  const creator = room.lastMessage.sender;
  const joined = {
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
  // The room's state and timeline as the filter keeps them (types, not_types, the timeline's limit).
  const { state, timeline } = filter.room ?? {};
  const limit = timeline?.limit ?? DEFAULT_TIMELINE_LIMIT;
  const events = joined.timeline.events.filter((event) => passesType(timeline, event.type));
  return {
    ...joined,
    state: { events: joined.state.events.filter((event) => passesType(state, event.type)) },
    timeline: { ...joined.timeline, events: limit > 0 ? events.slice(-limit) : [] },
  };
}

/** Synapse's timeline limit when the filter sets none. */
const DEFAULT_TIMELINE_LIMIT = 10;
/** Longest wait the simulator honours for a long-polling sync (Synapse has none; tests need one). */
const MAX_SYNC_WAIT_MS = 60_000;
const PRESENCE = ['offline', 'online', 'unavailable'];

const invalidParam = (message: string) => error(400, 'M_INVALID_PARAM', message);

export const DEFAULT_APP_SERVICE_SENDER = '@pleiade:pleiade.test';

export function createMatrixHandler(options: MatrixOptions): AppHandler {
  const namespace = new RegExp(`^(?:${options.appService?.userNamespaceRegex ?? '(?!)'})$`);
  const filters = new Map<string, { owner: string; filter: SyncFilter }>();
  let nextFilterId = 1;

  return async (req, body, baseUrl) => {
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
      let definition: unknown;
      try {
        definition = JSON.parse(body || 'null');
      } catch {
        return error(400, 'M_NOT_JSON', 'Content not JSON.');
      }
      let filter: SyncFilter;
      try {
        filter = parseFilter(definition);
      } catch (err) {
        if (!(err instanceof FilterError)) throw err;
        return error(400, 'M_BAD_JSON', err.message);
      }
      const id = String(nextFilterId++);
      filters.set(id, { owner: user.matrix.userId, filter });
      return json(200, { filter_id: id });
    }

    if (path === `${CLIENT}/sync` && req.method === 'GET') {
      // Query parameters as Synapse parses them: a bad one is a 400, never silently ignored.
      const timeoutParam = url.searchParams.get('timeout');
      if (timeoutParam !== null && !/^\d+$/.test(timeoutParam)) {
        return invalidParam('Query parameter "timeout" must be a positive integer');
      }
      const presence = url.searchParams.get('set_presence');
      if (presence !== null && !PRESENCE.includes(presence)) {
        return invalidParam(`Query parameter "set_presence" must be one of [${PRESENCE.join(', ')}]`);
      }
      const fullState = url.searchParams.get('full_state');
      if (fullState !== null && fullState !== 'true' && fullState !== 'false') {
        return invalidParam("Boolean query parameter \"full_state\" must be one of ['true', 'false']");
      }
      const filterParam = url.searchParams.get('filter');
      let filter: SyncFilter = {};
      if (filterParam !== null) {
        if (filterParam.startsWith('{')) {
          let definition: unknown;
          try {
            definition = JSON.parse(filterParam);
          } catch {
            return error(400, 'M_NOT_JSON', 'Invalid filter JSON');
          }
          try {
            filter = parseFilter(definition);
          } catch (err) {
            if (!(err instanceof FilterError)) throw err;
            return error(400, 'M_BAD_JSON', err.message);
          }
        } else {
          const stored = filters.get(filterParam);
          if (stored?.owner !== user.matrix.userId) return error(400, 'M_INVALID_PARAM', 'Invalid filter ID');
          filter = stored.filter;
        }
      }
      // The demo data do not change: the stream position is a fixed token per user, and a sync
      // from that position (without full_state) has nothing new: it waits `timeout` (default 0), then
      // answers empty, as a long poll does.
      const nextBatch = `s1_${user.username}`;
      const since = url.searchParams.get('since');
      const upToDate = since === nextBatch && fullState !== 'true';
      if (upToDate && timeoutParam !== null) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(Number(timeoutParam), MAX_SYNC_WAIT_MS)));
      }
      const joined = user.matrix.rooms.filter((room) => passesRoom(filter.room, room.roomId));
      const rooms = upToDate
        ? {}
        : Object.fromEntries(joined.map((room) => [room.roomId, joinedRoom(room, user, now, filter)]));
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
