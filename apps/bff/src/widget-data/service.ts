import {
  WIDGET_CONNECTOR_KINDS,
  can,
  WIDGET_CONTRACTS,
  WIDGET_DATA_SCHEMAS,
  connectorAuthModeSchema,
  isConnectedWidgetKind,
  type ConnectedWidgetKind,
  type ConnectorKind,
  type ConnectorSource,
  type StartVisioResponse,
  type WidgetDataOf,
  type WidgetDataResponse,
} from '@pleiade/contracts';
import type { Principal } from '../auth/principal.js';
import { boardAccessFields, readableBoards, widgetAccessFields, widgetResourceOf } from '../boards/board-access.js';
import { openSecrets, type ConnectorSecrets } from '../connector-settings/secrets.js';
import { cacheKey, type ConnectorCache } from '../connectors/cache.js';
import {
  kindOfRow,
  parseConnectorRow,
  type ConnectorConfig,
  type ConnectorRow,
} from '../connectors/connector-config.js';
import type { ReadableWidgetKind } from '../connectors/definition.js';
import { startVisio, visioFromAgenda } from '../connectors/jitsi/jitsi.js';
import type { AnyOperationContext, TargetUser, WidgetOptionsOf } from '../connectors/operation.js';
import { connectorOf } from '../connectors/registry.js';
import type { SecretBox } from '../connectors/secret-box.js';
import {
  UpstreamError,
  failureReason,
  failureMessage,
  failureState,
  okState,
  toFailureState,
  type FailureStatus,
  type WidgetState,
} from '../connectors/states.js';
import type { Db } from '../db/client.js';
import type { HotPath } from '../db/hot-path.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { UpstreamClients } from './clients.js';
import { resolveCredential, type SessionTokens, type TokenExchanger } from './credentials.js';

export interface WidgetDataDeps {
  db: Db;
  /** The process caches: widget, connectors and credentials read from memory while nothing changed them. */
  hot?: HotPath;
  box: SecretBox;
  logger: Logger;
  cache: ConnectorCache;
  clients: UpstreamClients;
  exchanger: TokenExchanger;
}

/** Who reads: the principal and their login, and the session's tokens. Nothing from the request body. */
export interface Reader {
  principal: Principal;
  user: TargetUser;
  session: SessionTokens;
  /** The request's logger: request id, person and collectivité on every line. */
  logger: Logger;
}

/** One read's overall deadline; the upstream client's own resilience deadline (8 s) comes first. */
const READ_DEADLINE_MS = 10_000;

const WIDGET_NOT_FOUND = 'Widget introuvable.';
const OPTION_REFUSED = 'Ce widget demande des données hors de votre collectivité : choisissez une autre entité.';
const NO_VISIO = 'Aucun serveur de visio n’est configuré pour votre collectivité.';
const VISIO_MISCONFIGURED =
  'La visio de votre collectivité n’est pas entièrement configurée : prévenez votre administrateur.';

/** A connector row as read here: the columns the connector layer parses, and its sealed secrets. */
export interface StoredConnector extends ConnectorRow {
  secrets: string | null;
}

/** The connector as every member may see it; undefined for a kind or mode this version does not know. */
export function sourceOf(row: StoredConnector): ConnectorSource | undefined {
  const kind = kindOfRow(row);
  const authMode = connectorAuthModeSchema.safeParse(row.authMode);
  return kind && authMode.success ? { id: row.id, kind, label: row.label, authMode: authMode.data } : undefined;
}

function failure(status: FailureStatus, source?: ConnectorSource) {
  return source ? { status, message: failureMessage(status, source.authMode), source } : failureState(status);
}

/**
 * The widget, if the policy `widget.read` lets the person read it: looked up among the boards
 * `board.read` allows (widget ids are unique per board only, so an id on a board they cannot read
 * never hides theirs), then decided widget by widget. Anything else answers like a missing widget.
 */
export async function findReadableWidget(deps: WidgetDataDeps, principal: Principal, widgetId: string) {
  const load = async () => {
    // One query: the widget on the boards this person reads, with what the policies need of its board.
    const candidates = await deps.db.widgetInstance.findMany({
      where: { id: widgetId, board: readableBoards(principal) },
      select: { kind: true, options: true, ...widgetAccessFields, board: { select: boardAccessFields } },
      orderBy: { board: { createdAt: 'asc' } },
    });
    return {
      widget: candidates.find((widget) => can(principal, 'widget.read', widgetResourceOf(widget.board, widget))),
    };
  };
  if (!deps.hot) return (await load()).widget;
  // Keyed by what the decision depends on: the person's role and groups as well as the widget.
  const key = [principal.userId, principal.role, principal.groups.join('\u0001'), widgetId].join('\u0000');
  const tags = [`boards:${principal.collectiviteId}`, `user:${principal.userId}`];
  const found = (await deps.hot.widgets.read(key, () => tags, load)) as Awaited<ReturnType<typeof load>>;
  return found.widget;
}

/**
 * The widget's options with their defaults, or `valid: false` when the stored ones no longer match
 * the contract (the widget is to be reconfigured: never read with other options than those chosen).
 */
function optionsOf<K extends ConnectedWidgetKind>(
  kind: K,
  stored: unknown,
): { valid: true; options: WidgetOptionsOf<K> } | { valid: false } {
  const parsed = WIDGET_CONTRACTS[kind].options.safeParse(stored ?? {});
  return parsed.success ? { valid: true, options: parsed.data as WidgetOptionsOf<K> } : { valid: false };
}

/** The collectivité's enabled connectors, oldest first: a handful, read alongside the widget. */
export async function enabledConnectors(deps: WidgetDataDeps, principal: Principal): Promise<StoredConnector[]> {
  const collectiviteId = principal.collectiviteId;
  const load = () =>
    deps.db.connectorInstance.findMany({
      where: { collectiviteId, enabled: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  if (!deps.hot) return load();
  const tags = [`connectors:${collectiviteId}`, `collectivite:${collectiviteId}`];
  return (await deps.hot.connectors.read(collectiviteId, () => tags, load)) as StoredConnector[];
}

/**
 * What is derived from a connector row — its typed settings, its opened secrets — once per row
 * object: rows served from the process cache are the same objects until a write replaces them.
 */
const derived = new WeakMap<StoredConnector, { config?: ConnectorConfig | null; secrets?: ConnectorSecrets | null }>();

function derivedOf(row: StoredConnector) {
  let memo = derived.get(row);
  if (!memo) derived.set(row, (memo = {}));
  return memo;
}

/**
 * The connector a widget reads from: the one its options name, if it is an enabled connector of
 * the person's collectivité of a suitable kind; else the first suitable one (preferred kind first).
 */
function pickConnector(
  connectors: readonly StoredConnector[],
  kinds: readonly ConnectorKind[],
  connectorId: string | undefined,
): StoredConnector | undefined {
  const suitable = connectors.flatMap((row) => {
    const kind = kindOfRow(row);
    const rank = kind ? kinds.indexOf(kind) : -1;
    return rank >= 0 ? [{ row, rank }] : [];
  });
  if (connectorId) return suitable.find(({ row }) => row.id === connectorId)?.row;
  return suitable.sort((a, b) => a.rank - b.rank)[0]?.row;
}

/** The connector's typed settings; undefined (logged) when its row no longer parses. */
export function configOf(reader: Reader, row: StoredConnector): ConnectorConfig | undefined {
  const memo = derivedOf(row);
  if (memo.config !== undefined) return memo.config ?? undefined;
  const parsed = parseConnectorRow(row);
  memo.config = parsed.ok ? parsed.config : null;
  if (!parsed.ok)
    reader.logger.warn({ connector: row.id, problem: parsed.problem }, 'connector settings no longer valid');
  return memo.config ?? undefined;
}

export function openConnectorSecrets(
  deps: WidgetDataDeps,
  reader: Reader,
  row: StoredConnector,
): ConnectorSecrets | undefined {
  const memo = derivedOf(row);
  if (memo.secrets !== undefined) return memo.secrets ?? undefined;
  try {
    memo.secrets = openSecrets(deps.box, row.id, row.secrets);
  } catch (error) {
    memo.secrets = null;
    reader.logger.warn({ connector: row.id, reason: failureReason(error) }, 'connector secrets cannot be opened');
  }
  return memo.secrets ?? undefined;
}

/** The options that change an answer; the connector is already part of the key. */
function cacheOptions(options: Record<string, unknown>): Record<string, unknown> {
  const { connectorId: _connectorId, ...rest } = options;
  return rest;
}

/**
 * One widget read from one connector, through the cache: resolves the person's credential with
 * the adapter of the connector's kind, uses the connector's shared client, and checks the data
 * against the contract before it is cached.
 */
async function readThrough<W extends ReadableWidgetKind>(
  deps: WidgetDataDeps,
  reader: Reader,
  kind: W,
  row: StoredConnector,
  options: WidgetOptionsOf<W>,
  refresh = false,
): Promise<WidgetState<WidgetDataOf<W>>> {
  const connector = configOf(reader, row);
  const entry = connector ? connectorOf(connector.kind).operations[kind] : undefined;
  const secrets = openConnectorSecrets(deps, reader, row);
  if (!connector || !entry || !secrets) return failureState('not_configured');
  // Options this connector may not serve (a Pastell entity of another collectivité): refused outright.
  if (entry.admit && !entry.admit(connector, options)) throw new AppError('FORBIDDEN', OPTION_REFUSED);
  // Made when something logs: a cached read logs nothing (request-log.ts says what a child costs).
  let connectorLogger: Logger | undefined;
  const logger = () => (connectorLogger ??= reader.logger.child({ connector: connector.id }));
  const resolved = await resolveCredential(
    {
      personal: {
        db: deps.db,
        box: deps.box,
        get logger() {
          return logger();
        },
        ...(deps.hot ? { hot: deps.hot } : {}),
      },
      exchanger: deps.exchanger,
    },
    { connector, secrets, user: reader.user, session: reader.session },
  );
  if (!resolved.ok) return failureState(resolved.status);
  let client;
  try {
    client = deps.clients.get(connector, secrets);
  } catch (error) {
    logger().warn({ reason: failureReason(error) }, 'connector client cannot be built');
    return failureState('not_configured');
  }
  const scope =
    entry.scope(connector) === 'user'
      ? { user: reader.principal.userId }
      : { collectivite: reader.principal.collectiviteId };
  const key = cacheKey({
    instanceId: connector.id,
    operation: `${connector.kind}.${kind}`,
    scope,
    // The connector's updatedAt: a new address or secret must not serve what the old one answered.
    options: {
      widget: cacheOptions(options),
      credential: resolved.version ?? null,
      connector: connector.updatedAt.toISOString(),
    },
  });
  const schema = WIDGET_DATA_SCHEMAS[kind];
  const load = async (): Promise<WidgetState<WidgetDataOf<W>>> => {
    const context: AnyOperationContext = {
      connector,
      client,
      user: reader.user,
      credential: resolved.credential,
      signal: AbortSignal.timeout(READ_DEADLINE_MS),
      now: new Date(),
      logger: logger(),
    };
    try {
      const parsed = schema.safeParse(await entry.read(context, options));
      if (!parsed.success) throw new UpstreamError('invalid_response', 'CONTRACT');
      return okState(parsed.data as WidgetDataOf<W>);
    } catch (error) {
      const state = toFailureState(error);
      logger().warn({ widgetKind: kind, status: state.status, reason: failureReason(error) }, 'widget read failed');
      return state;
    }
  };
  return deps.cache.read(key, load, { ttlMs: entry.ttlMs }, { refresh });
}

function respond<K extends ConnectedWidgetKind>(
  state: WidgetState<WidgetDataOf<K>>,
  source: ConnectorSource,
): WidgetDataResponse<K> {
  if (state.status === 'ok') return { ...state, source } as WidgetDataResponse<K>;
  return { status: state.status, message: failureMessage(state.status, source.authMode), source };
}

/**
 * At sign-in, in the background: what each enabled connector's kind prepares for the person (its
 * `prepare`, e.g. Zimbra's auth token), so that their first dashboard does not wait for it.
 */
export async function prepareConnections(deps: WidgetDataDeps, reader: Reader): Promise<void> {
  const connectors = await enabledConnectors(deps, reader.principal);
  await Promise.all(
    connectors.map(async (row) => {
      const connector = configOf(reader, row);
      const implementation = connector ? connectorOf(connector.kind) : undefined;
      if (!connector || !implementation?.prepare) return;
      const secrets = openConnectorSecrets(deps, reader, row);
      if (!secrets) return;
      const logger = reader.logger.child({ connector: connector.id });
      try {
        const resolved = await resolveCredential(
          {
            personal: { db: deps.db, box: deps.box, logger, ...(deps.hot ? { hot: deps.hot } : {}) },
            exchanger: deps.exchanger,
          },
          { connector, secrets, user: reader.user, session: reader.session },
        );
        if (!resolved.ok) return;
        await implementation.prepare({
          connector,
          client: deps.clients.get(connector, secrets),
          user: reader.user,
          credential: resolved.credential,
          signal: AbortSignal.timeout(READ_DEADLINE_MS),
          now: new Date(),
          logger,
        });
      } catch (error) {
        logger.info({ reason: failureReason(error) }, 'connection not prepared at sign-in');
      }
    }),
  );
}

/** GET /api/widgets/:widgetId/data; `refresh`: read the upstream even when the cached data is fresh. */
export async function readWidgetData(
  deps: WidgetDataDeps,
  reader: Reader,
  widgetId: string,
  refresh = false,
): Promise<WidgetDataResponse<ConnectedWidgetKind>> {
  // Independent reads side by side: one database round trip less on every widget read.
  const [widget, connectors] = await Promise.all([
    findReadableWidget(deps, reader.principal, widgetId),
    enabledConnectors(deps, reader.principal),
  ]);
  if (!widget || !isConnectedWidgetKind(widget.kind)) throw new AppError('NOT_FOUND', WIDGET_NOT_FOUND);
  const kind = widget.kind;
  const parsed = optionsOf(kind, widget.options);
  if (!parsed.valid) throw new AppError('NOT_FOUND', WIDGET_NOT_FOUND);
  const { options } = parsed;
  const row = pickConnector(connectors, WIDGET_CONNECTOR_KINDS[kind], options.connectorId);
  const source = row ? sourceOf(row) : undefined;
  if (!row || !source) return failure('not_configured');
  if (kind === 'visio') return respond<'visio'>(await readVisio(deps, reader, row, connectors, refresh), source);
  return respond(await readThrough(deps, reader, kind, row, options, refresh), source);
}

/**
 * The visio widget: next events of the collectivité's agenda that link to its Jitsi server, read
 * with the person's agenda credential. Without an agenda it only offers to start a visio.
 */
async function readVisio(
  deps: WidgetDataDeps,
  reader: Reader,
  jitsi: StoredConnector,
  connectors: readonly StoredConnector[],
  refresh: boolean,
): Promise<WidgetState<WidgetDataOf<'visio'>>> {
  const agenda = pickConnector(connectors, WIDGET_CONNECTOR_KINDS.agenda, undefined);
  if (!agenda) return okState({ upcoming: [], agendaConnected: false, appUrl: jitsi.baseUrl });
  const state = await readThrough(deps, reader, 'agenda', agenda, {}, refresh);
  if (state.status !== 'ok') return state;
  return {
    ...state,
    data: { upcoming: visioFromAgenda(state.data.events, jitsi.baseUrl), agendaConnected: true, appUrl: jitsi.baseUrl },
  };
}

/** POST /api/widgets/:widgetId/visio — « Démarrer une visio » on the widget's Jitsi. */
export async function startWidgetVisio(
  deps: WidgetDataDeps,
  reader: Reader,
  widgetId: string,
  roomName: string | undefined,
): Promise<StartVisioResponse> {
  const [widget, connectors] = await Promise.all([
    findReadableWidget(deps, reader.principal, widgetId),
    enabledConnectors(deps, reader.principal),
  ]);
  const parsed = widget?.kind === 'visio' ? optionsOf('visio', widget.options) : undefined;
  if (!parsed?.valid) throw new AppError('NOT_FOUND', WIDGET_NOT_FOUND);
  const { options } = parsed;
  const row = pickConnector(connectors, WIDGET_CONNECTOR_KINDS.visio, options.connectorId);
  const config = row ? configOf(reader, row) : undefined;
  const secrets = row ? openConnectorSecrets(deps, reader, row) : undefined;
  if (!row || !secrets) throw new AppError('NOT_FOUND', NO_VISIO);
  if (config?.kind !== 'jitsi') throw new AppError('NOT_FOUND', VISIO_MISCONFIGURED);
  const jwtSecret = secrets.jwtSecret?.reveal();
  try {
    return await startVisio(config, jwtSecret ? { jwtSecret } : {}, reader.user, roomName);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    reader.logger.warn({ connector: row.id, reason: error.reason }, 'visio cannot be started');
    throw new AppError('NOT_FOUND', VISIO_MISCONFIGURED);
  }
}
