import {
  actionItemSchema,
  compareActionItems,
  type ActionItem,
  type ActionPriority,
  type ConnectorSource,
  type TodoEvent,
  type TodoSource,
} from '@pleiade/contracts';
import type { ActionableItem } from '../connectors/actionable.js';
import { cacheKey } from '../connectors/cache.js';
import type { AnyOperationContext, TargetUser } from '../connectors/operation.js';
import { connectorOf } from '../connectors/registry.js';
import {
  failureMessage,
  failureReason,
  failureState,
  okState,
  toFailureState,
  type WidgetState,
} from '../connectors/states.js';
import { resolveCredential } from '../widget-data/credentials.js';
import {
  configOf,
  enabledConnectors,
  openConnectorSecrets,
  sourceOf,
  type Reader,
  type StoredConnector,
  type WidgetDataDeps,
} from '../widget-data/service.js';

/**
 * « À traiter » (issue 10): every enabled connector of the person's collectivité whose kind lists
 * actionable items is read in parallel, through the same credential resolution, shared client,
 * cache and resilience as widget reads, each with its own deadline. Each answer is sent as soon as
 * it arrives: a slow or failing application delays only its own line.
 */

export interface TodoTimings {
  /** A source still silent after this is announced `slow` (ms). */
  slowAfterMs: number;
  /** A source still silent after this is `timeout` (ms); the upstream client's own deadline is 8 s. */
  deadlineMs: number;
}

export const TODO_TIMINGS: TodoTimings = { slowAfterMs: 1_500, deadlineMs: 10_000 };

/** At most this many items per source reach the page (the most urgent ones). */
export const MAX_ITEMS_PER_SOURCE = 100;

function priorityOf(item: ActionableItem): ActionPriority {
  if (item.urgent) return 'urgent';
  return item.dueAt ? 'high' : 'normal';
}

/**
 * Whether the item is the person's: an item the upstream says concerns someone else (a technical
 * account's answer the kind did not filter) never leaves the BFF.
 */
export function concernsReader(item: ActionableItem, user: TargetUser): boolean {
  return item.concerns.scope !== 'person' || item.concerns.login.toLowerCase() === user.login.toLowerCase();
}

/** The wire shape (no `concerns`), checked against the contract; an item that does not fit is left out. */
export function toActionItems(
  connectorId: string,
  items: readonly ActionableItem[],
  user: TargetUser,
): { items: ActionItem[]; dropped: number } {
  const out: ActionItem[] = [];
  let dropped = 0;
  for (const item of items) {
    const parsed = concernsReader(item, user)
      ? actionItemSchema.safeParse({
          id: `${connectorId}:${item.id}`,
          connectorId,
          kind: item.source,
          title: item.title,
          context: item.context,
          status: item.status,
          dueAt: item.dueAt,
          updatedAt: item.updatedAt,
          priority: priorityOf(item),
          url: item.url,
        })
      : undefined;
    if (parsed?.success) out.push(parsed.data);
    else dropped += 1;
  }
  out.sort(compareActionItems);
  return { items: out.slice(0, MAX_ITEMS_PER_SOURCE), dropped };
}

interface TodoCandidate {
  row: StoredConnector;
  source: ConnectorSource;
}

/** The person's connectors that hold actionable items: their collectivité's, enabled, of a kind listing some. */
export async function todoSources(deps: WidgetDataDeps, reader: Reader): Promise<TodoCandidate[]> {
  const rows = await enabledConnectors(deps, reader.principal);
  return rows.flatMap((row) => {
    const source = sourceOf(row);
    return source && connectorOf(source.kind).actionItems ? [{ row, source }] : [];
  });
}

/** One connector's items, through the cache (per person: the key's scope is the user). */
async function readItems(
  deps: WidgetDataDeps,
  reader: Reader,
  row: StoredConnector,
  deadlineMs: number,
  refresh: boolean,
): Promise<WidgetState<ActionItem[]>> {
  const connector = configOf(reader, row);
  const entry = connector ? connectorOf(connector.kind).actionItems : undefined;
  const secrets = openConnectorSecrets(deps, reader, row);
  if (!connector || !entry || !secrets) return failureState('not_configured');
  const logger = reader.logger.child({ connector: connector.id });
  const resolved = await resolveCredential(
    { personal: { db: deps.db, box: deps.box, logger }, exchanger: deps.exchanger },
    { connector, secrets, user: reader.user, session: reader.session },
  );
  if (!resolved.ok) return failureState(resolved.status);
  let client;
  try {
    client = deps.clients.get(connector, secrets);
  } catch (error) {
    logger.warn({ reason: failureReason(error) }, 'connector client cannot be built');
    return failureState('not_configured');
  }
  const key = cacheKey({
    instanceId: connector.id,
    operation: `${connector.kind}.todo`,
    scope: { user: reader.principal.userId },
    options: { credential: resolved.version ?? null, connector: connector.updatedAt.toISOString() },
  });
  const load = async (): Promise<WidgetState<ActionItem[]>> => {
    const context: AnyOperationContext = {
      connector,
      client,
      user: reader.user,
      credential: resolved.credential,
      signal: AbortSignal.timeout(deadlineMs),
      now: new Date(),
      logger,
    };
    try {
      const { items, dropped } = toActionItems(connector.id, await entry.read(context), reader.user);
      if (dropped > 0) logger.warn({ dropped }, 'actionable items left out');
      return okState(items);
    } catch (error) {
      const state = toFailureState(error);
      logger.warn({ status: state.status, reason: failureReason(error) }, 'actionable items read failed');
      return state;
    }
  };
  return deps.cache.read(key, load, { ttlMs: entry.ttlMs }, { refresh });
}

/** The read, or `timeout` when it has not answered by the deadline (whatever the upstream does). */
function withDeadline<T>(read: Promise<WidgetState<T>>, deadlineMs: number): Promise<WidgetState<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<WidgetState<T>>((resolve) => {
    timer = setTimeout(() => resolve(failureState('timeout')), deadlineMs);
  });
  return Promise.race([read, late]).finally(() => clearTimeout(timer));
}

/**
 * Streams « À traiter »: the sources line, then one line per source as it answers (`slow` first
 * for the late ones), then `done`. `emit` is called in arrival order; `stopped()` true once the
 * page has gone (nothing more is sent).
 */
export async function streamTodo(
  deps: WidgetDataDeps,
  reader: Reader,
  emit: (event: TodoEvent) => void,
  options: { refresh?: boolean; stopped?: () => boolean; timings?: TodoTimings } = {},
): Promise<void> {
  const timings = options.timings ?? TODO_TIMINGS;
  const stopped = options.stopped ?? (() => false);
  const send = (event: TodoEvent) => {
    if (!stopped()) emit(event);
  };
  const candidates = await todoSources(deps, reader);
  const sources: TodoSource[] = candidates.map(({ source }) => ({
    connectorId: source.id,
    kind: source.kind,
    label: source.label,
  }));
  send({ type: 'sources', sources });
  await Promise.all(
    candidates.map(async ({ row, source }) => {
      const slow = setTimeout(() => send({ type: 'slow', connectorId: source.id }), timings.slowAfterMs);
      try {
        const state = await withDeadline(
          readItems(deps, reader, row, timings.deadlineMs, options.refresh ?? false),
          timings.deadlineMs,
        );
        if (state.status === 'ok') {
          send({
            type: 'items',
            connectorId: source.id,
            items: state.data,
            fetchedAt: state.fetchedAt,
            stale: state.stale ?? false,
          });
        } else {
          send({
            type: 'failed',
            connectorId: source.id,
            status: state.status,
            message: failureMessage(state.status, source.authMode),
          });
        }
      } catch (error) {
        reader.logger.warn({ connector: source.id, reason: failureReason(error) }, 'actionable items read threw');
        send({ type: 'failed', connectorId: source.id, status: 'unreachable', message: failureMessage('unreachable') });
      } finally {
        clearTimeout(slow);
      }
    }),
  );
  send({ type: 'done' });
}
