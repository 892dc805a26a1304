import {
  declarativeDefinitionSchema,
  definitionNamesPerson,
  WIDGET_CONTRACTS,
  type DataSource,
  type DataSourcePreviewRequest,
  type DataSourceRequest,
  type DeclarativeDefinition,
  type DeclarativeReadResponse,
  type WsdlRequest,
  type WsdlResponse,
} from '@pleiade/contracts';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import { openSecrets } from '../connector-settings/secrets.js';
import { cacheKey } from '../connectors/cache.js';
import { parseConnectorRow, type ConnectorConfig, type ConnectorRow } from '../connectors/connector-config.js';
import { failureMessage, failureReason, toFailureState, type FailureStatus } from '../connectors/states.js';
import { httpAuthorization } from '../connectors/operation-kit.js';
import type { UpstreamClient } from '../connectors/upstream-client.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';
import { resolveCredential } from '../widget-data/credentials.js';
import { findReadableWidget, type Reader, type WidgetDataDeps } from '../widget-data/service.js';
import { definitionPathProblems } from './mapping.js';
import { readDeclarative, type DeclarativeOutcome, type NamedReads } from './read.js';
import type { PersonClaims } from './request.js';
import type { SessionTokens } from '../connectors/definition.js';
import type { TargetUser, UpstreamCredential } from '../connectors/operation.js';
import type { Logger } from '../logger.js';
import { glpiNamedReads } from './glpi-reads.js';
import { parseWsdl } from './wsdl.js';

/**
 * Declarative data sources of a collectivité: their administration (list, save, delete, preview
 * on live data) and their reads for « Données métier » widgets (`readDataSource`) and for
 * indicators (`readNumberForCollectivite`). A source reads through its connector: the connector's base URL, address
 * guard, credential and client; the person's values come from the session only.
 */

export type DeclarativeDeps = WidgetDataDeps;

const NOT_FOUND = 'Donnée métier introuvable.';
const CONNECTOR_NOT_FOUND = 'Connecteur introuvable.';
const WIDGET_NOT_FOUND = 'Widget introuvable.';
const NAME_TAKEN = 'Un autre indicateur de la collectivité porte déjà ce nom.';
const STORED_INVALID = 'Cet indicateur n’est plus valide : demandez à votre administrateur de le corriger.';
const CONNECTOR_UNUSABLE = 'L’application de cet indicateur n’est pas configurée : prévenez votre administrateur.';
const GLPI_ONLY = 'Cette lecture ne se fait que sur une application GLPI.';
const NOT_SOAP_CONNECTOR = 'Un WSDL se lit sur une application métier (REST, OData, SOAP) : choisissez-en une.';
const NOT_ON_GLPI = 'Sur GLPI, choisissez le modèle « Mes tickets ».';
/** A read's deadline, as widget reads. */
const READ_DEADLINE_MS = 10_000;
/** How long a declarative answer stays fresh in the connector cache. */
const TTL_MS = 5 * 60_000;

interface StoredConnector extends ConnectorRow {
  secrets: string | null;
}

interface StoredSource {
  id: string;
  name: string;
  connectorId: string;
  definition: unknown;
  updatedAt: Date;
  connector: StoredConnector;
}

function invalid(path: (string | number)[], message: string): AppError {
  return new AppError('VALIDATION_FAILED', 'La requête est invalide.', [{ path: path.join('.'), message }]);
}

function parseStored(definition: unknown): DeclarativeDefinition | undefined {
  const parsed = declarativeDefinitionSchema.safeParse(definition);
  return parsed.success ? parsed.data : undefined;
}

function present(row: StoredSource): DataSource | undefined {
  const definition = parseStored(row.definition);
  if (!definition) return undefined;
  return {
    id: row.id,
    name: row.name,
    connectorId: row.connectorId,
    connectorLabel: row.connector.label,
    definition,
    perPerson: definitionNamesPerson(definition),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function connectorOfCollectivite(db: Db, collectiviteId: string, connectorId: string): Promise<StoredConnector> {
  const connector = await db.connectorInstance.findFirst({ where: { id: connectorId, collectiviteId } });
  if (!connector) throw new AppError('NOT_FOUND', CONNECTOR_NOT_FOUND);
  return connector;
}

/** A definition's paths parse, and its protocol suits its connector's application. */
function checkDefinition(definition: DeclarativeDefinition, connector: { kind: string }, prefix: string[]): void {
  const [problem] = definitionPathProblems(definition);
  if (problem) throw invalid([...prefix, ...problem.path], problem.message);
  const glpi = definition.request.protocol === 'glpi';
  if (glpi && connector.kind !== 'glpi') throw invalid([...prefix, 'request', 'protocol'], GLPI_ONLY);
  if (!glpi && connector.kind === 'glpi') throw invalid([...prefix, 'request', 'protocol'], NOT_ON_GLPI);
}

const withConnector = { connector: true } as const;

export async function listDataSources(db: Db, principal: Principal): Promise<DataSource[]> {
  const rows = await db.dataSource.findMany({
    where: { collectiviteId: principal.collectiviteId },
    include: withConnector,
    orderBy: { name: 'asc' },
  });
  return rows.flatMap((row) => present(row) ?? []);
}

function nameTaken(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

export async function createDataSource(db: Db, principal: Principal, body: DataSourceRequest): Promise<DataSource> {
  const connector = await connectorOfCollectivite(db, principal.collectiviteId, body.connectorId);
  checkDefinition(body.definition, connector, ['body', 'definition']);
  try {
    const row = await db.dataSource.create({
      data: {
        collectiviteId: principal.collectiviteId,
        connectorId: connector.id,
        name: body.name,
        definition: body.definition,
      },
      include: withConnector,
    });
    return present(row) as DataSource;
  } catch (error) {
    if (nameTaken(error)) throw invalid(['body', 'name'], NAME_TAKEN);
    throw error;
  }
}

export async function updateDataSource(
  db: Db,
  principal: Principal,
  dataSourceId: string,
  body: DataSourceRequest,
): Promise<DataSource> {
  const existing = await db.dataSource.findFirst({
    where: { id: dataSourceId, collectiviteId: principal.collectiviteId },
  });
  if (!existing) throw new AppError('NOT_FOUND', NOT_FOUND);
  const connector = await connectorOfCollectivite(db, principal.collectiviteId, body.connectorId);
  checkDefinition(body.definition, connector, ['body', 'definition']);
  try {
    const row = await db.dataSource.update({
      where: { id: existing.id },
      data: { connectorId: connector.id, name: body.name, definition: body.definition },
      include: withConnector,
    });
    return present(row) as DataSource;
  } catch (error) {
    if (nameTaken(error)) throw invalid(['body', 'name'], NAME_TAKEN);
    throw error;
  }
}

export async function deleteDataSource(db: Db, principal: Principal, dataSourceId: string): Promise<void> {
  const deleted = await db.dataSource.deleteMany({
    where: { id: dataSourceId, collectiviteId: principal.collectiviteId },
  });
  if (deleted.count === 0) throw new AppError('NOT_FOUND', NOT_FOUND);
}

/** For the widget's choice: every member of the collectivité sees the names and shapes. */
export async function listDataSourceChoices(db: Db, principal: Principal) {
  const sources = await listDataSources(db, principal);
  return sources.map((source) => ({ id: source.id, name: source.name, shape: source.definition.result.shape }));
}

/** The person behind a read, with their matricule (from the `employeeNumber` claim at sign-in). */
async function personOf(db: Db, reader: Pick<Reader, 'user'>): Promise<PersonClaims> {
  const row = await db.user.findUnique({ where: { id: reader.user.userId }, select: { employeeNumber: true } });
  return { login: reader.user.login, email: reader.user.email, employeeNumber: row?.employeeNumber ?? null };
}

/**
 * Who a read is made for: a signed-in person (their session, their claims), or the collectivité
 * itself (an indicator: no session, no person; only a collectivité-wide credential can serve it).
 */
export interface ReadAs {
  user: TargetUser;
  session: SessionTokens;
  /** The claims a definition may name; asked only when the read is made. */
  person: () => Promise<PersonClaims>;
  logger: Logger;
  signal?: AbortSignal;
}

function readAsPerson(db: Db, reader: Reader): ReadAs {
  return { user: reader.user, session: reader.session, person: () => personOf(db, reader), logger: reader.logger };
}

/** What reading through one connector needs: its shared client and the credential of its auth mode. */
type ConnectorAccess =
  | {
      ok: true;
      connector: ConnectorConfig;
      secrets: ReturnType<typeof openSecrets>;
      client: UpstreamClient;
      credential: UpstreamCredential;
      logger: Logger;
    }
  | { ok: false; message: string; status?: FailureStatus };

/**
 * Opens one connector for a read: resolves the credential of the connector's auth mode (the
 * person's own, or the technical account's) and takes the connector's shared client.
 */
async function accessConnector(
  deps: DeclarativeDeps,
  as: ReadAs,
  connectorRow: StoredConnector,
): Promise<ConnectorAccess> {
  const parsed = parseConnectorRow(connectorRow);
  if (!parsed.ok) return { ok: false, message: CONNECTOR_UNUSABLE };
  const connector: ConnectorConfig = parsed.config;
  const logger = as.logger.child({ connector: connector.id });
  let secrets;
  try {
    secrets = openSecrets(deps.box, connectorRow.id, connectorRow.secrets);
  } catch (error) {
    logger.warn({ reason: failureReason(error) }, 'connector secrets cannot be opened');
    return { ok: false, message: CONNECTOR_UNUSABLE };
  }
  const resolved = await resolveCredential(
    { personal: { db: deps.db, box: deps.box, logger }, exchanger: deps.exchanger },
    { connector, secrets, user: as.user, session: as.session },
  );
  if (!resolved.ok)
    return { ok: false, message: failureMessage(resolved.status, connector.authMode), status: resolved.status };
  try {
    const client = deps.clients.get(connector, secrets);
    return { ok: true, connector, secrets, client, credential: resolved.credential, logger };
  } catch (error) {
    logger.warn({ reason: failureReason(error) }, 'connector client cannot be built');
    return { ok: false, message: CONNECTOR_UNUSABLE };
  }
}

/** Reads a definition through one connector and maps the answer. */
async function readThroughConnector(
  deps: DeclarativeDeps,
  as: ReadAs,
  connectorRow: StoredConnector,
  definition: DeclarativeDefinition,
): Promise<DeclarativeOutcome> {
  const access = await accessConnector(deps, as, connectorRow);
  if (!access.ok) return access;
  const { connector, client, credential, secrets, logger } = access;
  const person = await as.person();
  const named: NamedReads =
    connector.kind === 'glpi' ? glpiNamedReads(connector, client, credential, as.user, secrets) : {};
  const deadline = AbortSignal.timeout(READ_DEADLINE_MS);
  const outcome = await readDeclarative(
    {
      client,
      credential,
      person,
      signal: as.signal ? AbortSignal.any([deadline, as.signal]) : deadline,
      named,
    },
    definition,
  );
  if (!outcome.ok) logger.warn({ status: outcome.status, reason: outcome.reason }, 'declarative read failed');
  return outcome;
}

/**
 * « Lire les opérations du service (WSDL) »: `<path>?wsdl` read through one of the collectivité's
 * business applications, as the administrator, then its operations and their fields.
 */
export async function readServiceWsdl(deps: DeclarativeDeps, reader: Reader, body: WsdlRequest): Promise<WsdlResponse> {
  const connectorRow = await connectorOfCollectivite(deps.db, reader.principal.collectiviteId, body.connectorId);
  if (connectorRow.kind !== 'business') {
    throw new AppError('VALIDATION_FAILED', 'La requête est invalide.', [
      { path: 'body.connectorId', message: NOT_SOAP_CONNECTOR },
    ]);
  }
  const access = await accessConnector(deps, readAsPerson(deps.db, reader), connectorRow);
  if (!access.ok) return { status: 'error', message: access.message };
  const credential = access.credential;
  try {
    const text = await access.client.request({
      method: 'GET',
      path: body.path,
      query: { wsdl: '' },
      headers: credential.type === 'none' ? {} : { Authorization: httpAuthorization(credential) },
      responseType: 'text',
      schema: z.string(),
      signal: AbortSignal.timeout(READ_DEADLINE_MS),
    });
    const parsed = parseWsdl(text);
    return parsed.ok
      ? { status: 'ok', namespace: parsed.namespace, operations: parsed.operations }
      : { status: 'error', message: parsed.message };
  } catch (error) {
    const state = toFailureState(error);
    access.logger.warn({ status: state.status, reason: failureReason(error) }, 'WSDL read failed');
    return { status: 'error', message: failureMessage(state.status) };
  }
}

function respond(outcome: DeclarativeOutcome, fetchedAt = new Date()): DeclarativeReadResponse {
  return outcome.ok
    ? { status: 'ok', data: outcome.data, fetchedAt: fetchedAt.toISOString() }
    : { status: 'error', message: outcome.message };
}

/** « Aperçu »: the definition read now, as the administrator, before it is saved; nothing cached. */
export async function previewDataSource(
  deps: DeclarativeDeps,
  reader: Reader,
  body: DataSourcePreviewRequest,
): Promise<DeclarativeReadResponse> {
  const connector = await connectorOfCollectivite(deps.db, reader.principal.collectiviteId, body.connectorId);
  checkDefinition(body.definition, connector, ['body', 'definition']);
  return respond(await readThroughConnector(deps, readAsPerson(deps.db, reader), connector, body.definition));
}

/** Whose answer a read is: the person's when the definition or the credential names them. */
function cacheScope(definition: DeclarativeDefinition, connector: StoredConnector, reader: Reader) {
  const sharedCredential = connector.authMode === 'service_account' || connector.authMode === 'none';
  return definitionNamesPerson(definition) || !sharedCredential
    ? { user: reader.user.userId }
    : { collectivite: reader.principal.collectiviteId };
}

/**
 * One source read for one person through the cache (5 minutes; a person's own records are cached
 * per person). Indicators read with readNumberForCollectivite (no person, no session).
 */
export async function readDataSource(
  deps: DeclarativeDeps,
  reader: Reader,
  dataSourceId: string,
  refresh = false,
): Promise<{ name: string; response: DeclarativeReadResponse } | undefined> {
  const row = await deps.db.dataSource.findFirst({
    where: { id: dataSourceId, collectiviteId: reader.principal.collectiviteId },
    include: withConnector,
  });
  if (!row) return undefined;
  const definition = parseStored(row.definition);
  if (!definition) return { name: row.name, response: { status: 'error', message: STORED_INVALID } };
  if (!row.connector.enabled) return { name: row.name, response: { status: 'error', message: CONNECTOR_UNUSABLE } };
  const key = cacheKey({
    instanceId: row.connector.id,
    operation: 'declarative',
    scope: cacheScope(definition, row.connector, reader),
    options: {
      source: row.id,
      source_version: row.updatedAt.toISOString(),
      connector: row.connector.updatedAt.toISOString(),
    },
  });
  const state = await deps.cache.read(
    key,
    async () => {
      const outcome = await readThroughConnector(deps, readAsPerson(deps.db, reader), row.connector, definition);
      return outcome.ok
        ? { status: 'ok' as const, data: outcome.data, fetchedAt: new Date().toISOString(), stale: false }
        : { status: outcome.status ?? 'invalid_response', message: outcome.message };
    },
    { ttlMs: TTL_MS },
    { refresh },
  );
  const response: DeclarativeReadResponse =
    state.status === 'ok'
      ? { status: 'ok', data: state.data, fetchedAt: state.fetchedAt }
      : { status: 'error', message: state.message };
  return { name: row.name, response };
}

/** GET /api/widgets/:widgetId/business-data: the widget's source, read for the person reading. */
export async function readIndicatorWidget(
  deps: DeclarativeDeps,
  reader: Reader,
  widgetId: string,
  refresh: boolean,
): Promise<{ name: string | null; response: DeclarativeReadResponse | null }> {
  const widget = await findReadableWidget(deps, reader.principal, widgetId);
  if (widget?.kind !== 'business-data') throw new AppError('NOT_FOUND', WIDGET_NOT_FOUND);
  const options = WIDGET_CONTRACTS['business-data'].options.safeParse(widget.options ?? {});
  if (!options.success) throw new AppError('NOT_FOUND', WIDGET_NOT_FOUND);
  const { dataSourceId } = options.data;
  if (!dataSourceId) return { name: null, response: null };
  const read = await readDataSource(deps, reader, dataSourceId, refresh);
  if (!read)
    return {
      name: null,
      response: { status: 'error', message: 'Cet indicateur a été supprimé par votre administrateur.' },
    };
  return read;
}

/** The person a collectivité-wide read is made as: nobody; no adapter of a shared credential names them. */
export const COLLECTIVITE_READER: TargetUser = {
  userId: '00000000-0000-0000-0000-000000000000',
  login: '',
  email: null,
  displayName: 'Pléiade',
};
const NO_SESSION: SessionTokens = { sessionId: '', providerId: undefined, accessToken: undefined };

/** Why a data source cannot give an indicator its number; undefined when it can. */
export async function numberSourceProblem(
  db: Db,
  collectiviteId: string,
  dataSourceId: string,
): Promise<string | undefined> {
  const row = await db.dataSource.findFirst({ where: { id: dataSourceId, collectiviteId }, include: withConnector });
  return row ? numberProblemOf(row) : 'cette donnée métier n’existe pas dans votre collectivité';
}

function numberProblemOf(row: StoredSource): string | undefined {
  const definition = parseStored(row.definition);
  if (!definition) return STORED_INVALID;
  if (definition.result.shape !== 'number') return 'choisissez une donnée métier qui donne un nombre';
  if (definitionNamesPerson(definition))
    return 'cette donnée métier dépend de la personne qui la lit : un indicateur de la collectivité ne peut pas la suivre';
  if (row.connector.authMode !== 'service_account' && row.connector.authMode !== 'none')
    return 'son application se lit avec le compte de chaque personne : un indicateur a besoin d’un compte technique de la collectivité';
  return undefined;
}

/**
 * A number data source read for the collectivité itself (an indicator's snapshot): with the
 * connector's collectivité-wide credential only, never a person's. Throws a French message.
 */
export async function readNumberForCollectivite(
  deps: DeclarativeDeps,
  input: { collectiviteId: string; dataSourceId: string; logger: Logger; signal?: AbortSignal },
): Promise<number> {
  const row = await deps.db.dataSource.findFirst({
    where: { id: input.dataSourceId, collectiviteId: input.collectiviteId },
    include: withConnector,
  });
  if (!row) throw new Error('Donnée métier introuvable dans la collectivité de l’indicateur.');
  const problem = numberProblemOf(row);
  if (problem) throw new Error(`Donnée métier inutilisable : ${problem}.`);
  if (!row.connector.enabled) throw new Error(CONNECTOR_UNUSABLE);
  const definition = parseStored(row.definition) as DeclarativeDefinition;
  const outcome = await readThroughConnector(
    deps,
    {
      user: COLLECTIVITE_READER,
      session: NO_SESSION,
      // A definition that names the person was refused above: no claim is ever substituted.
      person: () => Promise.resolve({ login: '', email: null, employeeNumber: null }),
      logger: input.logger,
      ...(input.signal ? { signal: input.signal } : {}),
    },
    row.connector,
    definition,
  );
  if (!outcome.ok) throw new Error(outcome.message);
  if (outcome.data.shape !== 'number') throw new Error('La donnée métier ne donne pas un nombre.');
  return outcome.data.value;
}

/** The collectivité's number data sources an indicator may follow, for the administration's form. */
export async function numberSourceChoices(db: Db, collectiviteId: string): Promise<{ value: string; label: string }[]> {
  const rows = await db.dataSource.findMany({
    where: { collectiviteId },
    include: withConnector,
    orderBy: { name: 'asc' },
  });
  return rows.filter((row) => !numberProblemOf(row)).map((row) => ({ value: row.id, label: row.name }));
}
