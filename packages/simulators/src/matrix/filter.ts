// Matrix event filters (matrix-spec data/api/client-server/definitions/event_filter.yaml,
// room_event_filter.yaml, sync_filter.yaml): what a /sync returns once its filter is applied.
// A filter that does not match the schema is refused (400 M_BAD_JSON), as Synapse validates it.

export interface EventFilter {
  limit?: number;
  types?: string[];
  not_types?: string[];
  rooms?: string[];
  not_rooms?: string[];
}

export interface SyncFilter {
  room?: {
    rooms?: string[];
    not_rooms?: string[];
    state?: EventFilter;
    timeline?: EventFilter;
    ephemeral?: EventFilter;
    account_data?: EventFilter;
  };
  presence?: EventFilter;
  account_data?: EventFilter;
}

export class FilterError extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function strings(value: unknown, path: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new FilterError(`${path} must be an array of strings`);
  }
  return value;
}

function eventFilter(value: unknown, path: string): EventFilter | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw new FilterError(`${path} must be an object`);
  const filter: EventFilter = {};
  if (value.limit !== undefined) {
    if (typeof value.limit !== 'number' || !Number.isInteger(value.limit)) {
      throw new FilterError(`${path}.limit must be an integer`);
    }
    filter.limit = value.limit;
  }
  for (const key of ['types', 'not_types', 'rooms', 'not_rooms'] as const) {
    const list = strings(value[key], `${path}.${key}`);
    if (list) filter[key] = list;
  }
  return filter;
}

/** Parses a filter definition (the JSON of a POST …/filter, or an inline `filter` of /sync). */
export function parseFilter(value: unknown): SyncFilter {
  if (!isObject(value)) throw new FilterError('filter must be an object');
  const filter: SyncFilter = {};
  if (value.room !== undefined) {
    if (!isObject(value.room)) throw new FilterError('room must be an object');
    const room: NonNullable<SyncFilter['room']> = {};
    for (const key of ['rooms', 'not_rooms'] as const) {
      const list = strings(value.room[key], `room.${key}`);
      if (list) room[key] = list;
    }
    for (const key of ['state', 'timeline', 'ephemeral', 'account_data'] as const) {
      const inner = eventFilter(value.room[key], `room.${key}`);
      if (inner) room[key] = inner;
    }
    filter.room = room;
  }
  const presence = eventFilter(value.presence, 'presence');
  if (presence) filter.presence = presence;
  const accountData = eventFilter(value.account_data, 'account_data');
  if (accountData) filter.account_data = accountData;
  return filter;
}

/** A type pattern of a filter: `*` matches any run of characters (`m.room.*`). */
function matchesType(type: string, pattern: string): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`);
  return regex.test(type);
}

/** Whether an event of this type passes the filter (not_types wins over types; absent types = all). */
export function passesType(filter: EventFilter | undefined, type: string): boolean {
  if (filter?.not_types?.some((pattern) => matchesType(type, pattern))) return false;
  return filter?.types === undefined || filter.types.some((pattern) => matchesType(type, pattern));
}

/** Whether a room passes the room filter. */
export function passesRoom(filter: SyncFilter['room'], roomId: string): boolean {
  if (filter?.not_rooms?.includes(roomId)) return false;
  return filter?.rooms === undefined || filter.rooms.includes(roomId);
}
