import {
  WIDGET_CONNECTOR_KINDS,
  can,
  WIDGET_CONTRACTS,
  WIDGET_DATA_SCHEMAS,
  isConnectedWidgetKind,
  type ConnectedWidgetKind,
  type ConnectorAuthMode,
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
import { startVisio, visioFromAgenda } from '../connectors/jitsi/jitsi.js';
import type { ConnectorConfig, OperationContext, TargetUser, WidgetOptionsOf } from '../connectors/operation.js';
import { WIDGET_OPERATIONS, type OperationEntry } from '../connectors/operations.js';
import type { SecretBox } from '../connectors/secret-box.js';
import {
  UpstreamError,
  failureReason,
  failureState,
  okState,
  toFailureState,
  type FailureStatus,
  type WidgetState,
} from '../connectors/states.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { UpstreamClients } from './clients.js';
import { resolveCredential, type SessionTokens, type TokenExchanger } from './credentials.js';

export interface WidgetDataDeps {
  db: Db;
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
}

/** One read's overall deadline; the upstream client's own resilience deadline (8 s) comes first. */
const READ_DEADLINE_MS = 10_000;

const WIDGET_NOT_FOUND = 'Widget introuvable.';
const NO_VISIO = 'Aucun serveur de visio n’est configuré pour votre collectivité.';
const VISIO_MISCONFIGURED =
  'La visio de votre collectivité n’est pas entièrement configurée : prévenez votre administrateur.';

interface ConnectorRow {
  id: string;
  kind: string;
  label: string;
  baseUrl: string;
  authMode: string;
  options: unknown;
  secrets: string | null;
  allowPrivateNetworks: string[];
  updatedAt: Date;
}

function configOf(row: ConnectorRow): ConnectorConfig {
  return {
    id: row.id,
    kind: row.kind as ConnectorKind,
    label: row.label,
    baseUrl: row.baseUrl,
    authMode: row.authMode as ConnectorAuthMode,
    options: row.options && typeof row.options === 'object' ? (row.options as Record<string, unknown>) : {},
    allowPrivateNetworks: row.allowPrivateNetworks,
  };
}

function sourceOf(row: ConnectorRow): ConnectorSource {
  return {
    id: row.id,
    kind: row.kind as ConnectorKind,
    label: row.label,
    authMode: row.authMode as ConnectorAuthMode,
  };
}

function failure(status: FailureStatus, source?: ConnectorSource) {
  return { ...failureState(status), ...(source ? { source } : {}) };
}

/**
 * The widget, if the policy `widget.read` lets the person read it: looked up among the boards
 * `board.read` allows (widget ids are unique per board only, so an id on a board they cannot read
 * never hides theirs), then decided widget by widget. Anything else answers like a missing widget.
 */
async function findReadableWidget(db: Db, principal: Principal, widgetId: string) {
  // One query: the widget on the boards this person reads, with what the policies need of its board.
  const candidates = await db.widgetInstance.findMany({
    where: { id: widgetId, board: readableBoards(principal) },
    select: { kind: true, options: true, ...widgetAccessFields, board: { select: boardAccessFields } },
    orderBy: { board: { createdAt: 'asc' } },
  });
  return candidates.find((widget) => can(principal, 'widget.read', widgetResourceOf(widget.board, widget)));
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
function enabledConnectors(db: Db, principal: Principal): Promise<ConnectorRow[]> {
  return db.connectorInstance.findMany({
    where: { collectiviteId: principal.collectiviteId, enabled: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

/**
 * The connector a widget reads from: the one its options name, if it is an enabled connector of
 * the person's collectivité of a suitable kind; else the first suitable one (preferred kind first).
 */
function pickConnector(
  connectors: readonly ConnectorRow[],
  kinds: readonly ConnectorKind[],
  connectorId: string | undefined,
): ConnectorRow | undefined {
  const rows = connectors.filter((row) => kinds.includes(row.kind as ConnectorKind));
  if (connectorId) return rows.find((row) => row.id === connectorId);
  const rank = (row: ConnectorRow) => kinds.indexOf(row.kind as ConnectorKind);
  return [...rows].sort((a, b) => rank(a) - rank(b))[0];
}

function openConnectorSecrets(deps: WidgetDataDeps, row: ConnectorRow): ConnectorSecrets | undefined {
  try {
    return openSecrets(deps.box, row.id, row.secrets);
  } catch (error) {
    deps.logger.warn({ connector: row.id, reason: failureReason(error) }, 'connector secrets cannot be opened');
    return undefined;
  }
}

/** The options that change an answer; the connector is already part of the key. */
function cacheOptions(options: Record<string, unknown>): Record<string, unknown> {
  const { connectorId: _connectorId, ...rest } = options;
  return rest;
}

/**
 * One widget read from one connector, through the cache: resolves the person's credential, uses
 * the connector's shared client, and checks the data against the contract before it is cached.
 */
async function readThrough<K extends ConnectedWidgetKind>(
  deps: WidgetDataDeps,
  reader: Reader,
  kind: K,
  row: ConnectorRow,
  options: WidgetOptionsOf<K>,
  refresh = false,
): Promise<WidgetState<WidgetDataOf<K>>> {
  const operations = WIDGET_OPERATIONS[kind] as Partial<Record<ConnectorKind, OperationEntry<K>>>;
  const entry = operations[row.kind as ConnectorKind];
  const secrets = openConnectorSecrets(deps, row);
  if (!entry || !secrets) return failureState('not_configured');
  const connector = configOf(row);
  const resolved = await resolveCredential(
    { personal: { db: deps.db, box: deps.box, logger: deps.logger }, exchanger: deps.exchanger },
    { connector, secrets, user: reader.user, session: reader.session },
  );
  if (!resolved.ok) return failureState(resolved.status);
  let client;
  try {
    client = deps.clients.get(row, entry.clientHeaders);
  } catch (error) {
    deps.logger.warn({ connector: row.id, reason: failureReason(error) }, 'connector client cannot be built');
    return failureState('not_configured');
  }
  const scope =
    entry.scope(connector) === 'user'
      ? { user: reader.principal.userId }
      : { collectivite: reader.principal.collectiviteId };
  const key = cacheKey({
    instanceId: row.id,
    operation: `${row.kind}.${kind}`,
    scope,
    // The connector's updatedAt: a new address or secret must not serve what the old one answered.
    options: {
      widget: cacheOptions(options as Record<string, unknown>),
      credential: resolved.version ?? null,
      connector: row.updatedAt.toISOString(),
    },
  });
  const schema = WIDGET_DATA_SCHEMAS[kind];
  const load = async (): Promise<WidgetState<WidgetDataOf<K>>> => {
    const context: OperationContext = {
      connector,
      client,
      user: reader.user,
      credential: resolved.credential,
      signal: AbortSignal.timeout(READ_DEADLINE_MS),
      now: new Date(),
      logger: deps.logger,
    };
    try {
      const parsed = schema.safeParse(await entry.read(context, options));
      if (!parsed.success) throw new UpstreamError('invalid_response', 'CONTRACT');
      return okState(parsed.data as WidgetDataOf<K>);
    } catch (error) {
      const state = toFailureState(error);
      deps.logger.warn(
        { connector: row.id, widgetKind: kind, status: state.status, reason: failureReason(error) },
        'widget read failed',
      );
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
  return { status: state.status, message: state.message, source };
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
    findReadableWidget(deps.db, reader.principal, widgetId),
    enabledConnectors(deps.db, reader.principal),
  ]);
  if (!widget || !isConnectedWidgetKind(widget.kind)) throw new AppError('NOT_FOUND', WIDGET_NOT_FOUND);
  const kind = widget.kind;
  const parsed = optionsOf(kind, widget.options);
  if (!parsed.valid) throw new AppError('NOT_FOUND', WIDGET_NOT_FOUND);
  const { options } = parsed;
  const row = pickConnector(connectors, WIDGET_CONNECTOR_KINDS[kind], options.connectorId);
  if (!row) return failure('not_configured');
  const source = sourceOf(row);
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
  jitsi: ConnectorRow,
  connectors: readonly ConnectorRow[],
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
    findReadableWidget(deps.db, reader.principal, widgetId),
    enabledConnectors(deps.db, reader.principal),
  ]);
  const parsed = widget?.kind === 'visio' ? optionsOf('visio', widget.options) : undefined;
  if (!parsed?.valid) throw new AppError('NOT_FOUND', WIDGET_NOT_FOUND);
  const { options } = parsed;
  const row = pickConnector(connectors, WIDGET_CONNECTOR_KINDS.visio, options.connectorId);
  const secrets = row ? openConnectorSecrets(deps, row) : undefined;
  if (!row || !secrets) throw new AppError('NOT_FOUND', NO_VISIO);
  const jwtSecret = secrets.jwtSecret?.reveal();
  try {
    return await startVisio(configOf(row), jwtSecret ? { jwtSecret } : {}, reader.user, roomName);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    deps.logger.warn({ connector: row.id, reason: error.reason }, 'visio cannot be started');
    throw new AppError('NOT_FOUND', VISIO_MISCONFIGURED);
  }
}
