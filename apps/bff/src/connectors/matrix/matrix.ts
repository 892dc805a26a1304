import type { ChatData } from '@pleiade/contracts';
import { z } from 'zod';
import { clip, isoInstant, safeLink } from '../operation-kit.js';
import type { OperationContext, WidgetOperation } from '../operation.js';

/**
 * Unread conversations from a Matrix homeserver (Synapse, Watcha): one `GET /sync` with
 * `timeout=0` and an inline filter that keeps only what the badge needs (matrix-spec
 * data/api/client-server/sync.yaml, filter.yaml): per joined room `unread_notifications`, its
 * name (m.room.name state, else the summary's heroes) and the last event's time.
 */

export const MAX_ROOMS = 10;

/** Small on purpose: no presence, no account data, one timeline event, only the name state. */
export const SYNC_FILTER = JSON.stringify({
  presence: { types: [] },
  account_data: { types: [] },
  room: {
    state: { types: ['m.room.name', 'm.room.canonical_alias'], lazy_load_members: true },
    timeline: { limit: 1, types: ['m.room.message', 'm.room.encrypted'] },
    ephemeral: { types: [] },
    account_data: { types: [] },
  },
});

const stateEvent = z.object({
  type: z.string(),
  state_key: z.string().optional(),
  content: z.record(z.string(), z.unknown()).default({}),
});

const joinedRoom = z.object({
  summary: z.object({ 'm.heroes': z.array(z.string()).max(50).optional() }).optional(),
  state: z.object({ events: z.array(stateEvent).max(200).default([]) }).optional(),
  timeline: z.object({ events: z.array(z.object({ origin_server_ts: z.number().optional() })).max(50) }).optional(),
  unread_notifications: z
    .object({
      notification_count: z.number().int().min(0).default(0),
      highlight_count: z.number().int().min(0).default(0),
    })
    .default({ notification_count: 0, highlight_count: 0 }),
});

const syncResponse = z.object({
  rooms: z.object({ join: z.record(z.string(), joinedRoom).default({}) }).default({ join: {} }),
});

function roomName(room: z.infer<typeof joinedRoom>): string {
  const events = room.state?.events ?? [];
  const named = events.find((event) => event.type === 'm.room.name' && event.state_key === '')?.content.name;
  if (typeof named === 'string' && named.trim()) return named;
  const alias = events.find((event) => event.type === 'm.room.canonical_alias')?.content.alias;
  if (typeof alias === 'string' && alias.trim()) return alias;
  // No name: Matrix clients name the room after its "heroes" (their localparts here, no member lookups).
  const heroes = (room.summary?.['m.heroes'] ?? []).slice(0, 3).map((id) => id.replace(/^@/, '').split(':')[0] ?? id);
  return heroes.length > 0 ? heroes.join(', ') : 'Conversation';
}

function authentication(context: OperationContext<'matrix'>): { authorization: string; userId?: string } {
  const { credential } = context;
  if (credential.type === 'bearer') return { authorization: `Bearer ${credential.token}` };
  // Application service identity assertion (client-server API, "Identity assertion"): as_token + user_id.
  return { authorization: `Bearer ${credential.asToken}`, userId: credential.userId };
}

/** Element/Watcha deep link (hash routing), or matrix.to when no web client is configured. */
function roomLink(webClientUrl: string | undefined, roomId: string): string | undefined {
  if (webClientUrl) {
    const base = safeLink(webClientUrl, webClientUrl);
    return base ? safeLink(`#/room/${encodeURIComponent(roomId)}`, base) : undefined;
  }
  return safeLink(`https://matrix.to/#/${encodeURIComponent(roomId)}`, 'https://matrix.to/');
}

export const readMatrixChat: WidgetOperation<'chat', 'matrix'> = async (context): Promise<ChatData> => {
  const { client, connector, signal } = context;
  const { authorization, userId } = authentication(context);
  const sync = await client.request({
    path: '/_matrix/client/v3/sync',
    query: { filter: SYNC_FILTER, timeout: 0, set_presence: 'offline', ...(userId ? { user_id: userId } : {}) },
    headers: { authorization },
    schema: syncResponse,
    signal,
  });
  const webClientUrl = connector.options.webClientUrl;
  let mentions = 0;
  const unread: Array<ChatData['rooms'][number]> = [];
  for (const [roomId, room] of Object.entries(sync.rooms.join)) {
    const { notification_count: count, highlight_count: highlights } = room.unread_notifications;
    mentions += highlights;
    if (count === 0 && highlights === 0) continue;
    const lastTs = room.timeline?.events.reduce((latest, event) => Math.max(latest, event.origin_server_ts ?? 0), 0);
    unread.push({
      id: clip(roomId, 300),
      name: clip(roomName(room)),
      unread: count,
      mentions: highlights,
      lastActivityAt: lastTs ? isoInstant(lastTs) : undefined,
      url: roomLink(webClientUrl, roomId),
    });
  }
  unread.sort((a, b) => (b.lastActivityAt ?? '').localeCompare(a.lastActivityAt ?? '') || b.mentions - a.mentions);
  return {
    unreadRooms: unread.length,
    mentions,
    rooms: unread.slice(0, MAX_ROOMS),
    appUrl: webClientUrl ? safeLink(webClientUrl, webClientUrl) : undefined,
  };
};
