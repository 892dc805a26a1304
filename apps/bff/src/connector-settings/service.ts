import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  authModeProblem,
  can,
  parseConnectorOptions,
  PRIVATE_ADDRESS_NEEDS_OPERATOR,
  PRIVATE_ADDRESS_NOT_ALLOWED,
  PRIVATE_NETWORKS_OPERATOR_ONLY,
  secretNameProblem,
  type Connector,
  type ConnectorKind,
  type ConnectorTestResult,
  type CreateConnectorRequest,
  type UpdateConnectorRequest,
} from '@pleiade/contracts';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';
import { Prisma } from '../generated/prisma/client.js';
import { AppError } from '../errors.js';
import { issuesToDetails } from '../http/validate.js';
import type { Logger } from '../logger.js';
import { AddressPolicy, leadsToRefusedAddress, type LookupFunction } from '../connectors/address-guard.js';
import { kindOfRow } from '../connectors/connector-config.js';
import { connectorOf } from '../connectors/registry.js';
import { SecretOpenError, SecretValue, type SecretBox } from '../connectors/secret-box.js';
import { FAILURE_MESSAGES } from '../connectors/states.js';
import { UpstreamClient } from '../connectors/upstream-client.js';
import { presentConnector, type ConnectorRow } from './presenter.js';
import { openSecrets, sealSecrets, type ConnectorSecrets } from './secrets.js';

export interface ConnectorServiceDeps {
  db: Db;
  box: SecretBox;
  logger: Logger;
  /** DNS for the save-time address check (default: the system's). */
  lookup?: LookupFunction;
}

const NOT_FOUND = 'Connecteur introuvable.';
const LABEL_TAKEN = 'Un autre connecteur de la collectivité porte déjà ce libellé.';

/** Every lookup is scoped to the principal's collectivité: other tenants' connectors do not exist. */
function scoped(principal: Principal, connectorId: string) {
  return { id: connectorId, collectiviteId: principal.collectiviteId };
}

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', 'La requête est invalide.', [{ path, message }]);
}

function checkOptions(kind: ConnectorKind, options: unknown): Record<string, unknown> {
  const parsed = parseConnectorOptions(kind, options);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      'La requête est invalide.',
      issuesToDetails(parsed.error.issues, 'body.options'),
    );
  }
  return parsed.data;
}

function checkNetworks(networks: string[]): string[] {
  networks.forEach((entry, index) => {
    try {
      new AddressPolicy([entry]);
    } catch {
      throw invalid(
        `body.allowPrivateNetworks.${index}`,
        'un sous-réseau (10.0.0.0/8), une adresse IP ou un nom d’hôte',
      );
    }
  });
  return networks;
}

/** Policy `connector.allowPrivateNetworks` (the installation's operator only), on this collectivité's connectors. */
function mayAllowPrivateNetworks(principal: Principal): boolean {
  return can(principal, 'connector.allowPrivateNetworks', { collectiviteId: principal.collectiviteId });
}

const networkSet = (networks: readonly string[]) => new Set(networks.map((entry) => entry.trim().toLowerCase()));

/**
 * The allow-list to store, or undefined to keep it. Only who may allow private networks changes it;
 * anyone may send it back unchanged (a form that sends every field).
 */
function privateNetworksToStore(
  principal: Principal,
  current: readonly string[],
  requested: string[] | undefined,
): string[] | undefined {
  if (requested === undefined) return undefined;
  const networks = checkNetworks(requested);
  const before = networkSet(current);
  const after = networkSet(networks);
  const unchanged = before.size === after.size && [...after].every((entry) => before.has(entry));
  if (!unchanged && !mayAllowPrivateNetworks(principal)) {
    throw new AppError('FORBIDDEN', PRIVATE_NETWORKS_OPERATOR_ONLY, [
      { path: 'body.allowPrivateNetworks', message: PRIVATE_NETWORKS_OPERATOR_ONLY },
    ]);
  }
  return networks;
}

/**
 * Refuses at save time an upstream whose address the SSRF guard would refuse at every read, and
 * says who may allow it. The base URL's host, and the IMAP server's when it is set apart.
 */
async function checkUpstreamAddress(
  deps: ConnectorServiceDeps,
  principal: Principal,
  upstream: { baseUrl: string; options: unknown; allowPrivateNetworks: readonly string[] },
): Promise<void> {
  const policy = new AddressPolicy(upstream.allowPrivateNetworks);
  const hosts: [string, string][] = [['body.baseUrl', new URL(upstream.baseUrl).hostname]];
  const { options } = upstream;
  if (typeof options === 'object' && options !== null && 'host' in options && typeof options.host === 'string') {
    hosts.push(['body.options.host', options.host]);
  }
  for (const [path, host] of hosts) {
    if (await leadsToRefusedAddress(host, policy, deps.lookup)) {
      throw invalid(
        path,
        mayAllowPrivateNetworks(principal) ? PRIVATE_ADDRESS_NOT_ALLOWED : PRIVATE_ADDRESS_NEEDS_OPERATOR,
      );
    }
  }
}

/** The names of the secrets that are set; a value that no longer opens (key removed) counts as none. */
function secretNamesOf(deps: ConnectorServiceDeps, row: { id: string; secrets: string | null }): string[] {
  try {
    return Object.keys(openSecrets(deps.box, row.id, row.secrets));
  } catch (error) {
    deps.logger.warn(
      { connector: row.id, reason: error instanceof SecretOpenError ? 'SECRET_OPEN' : 'SECRET_PARSE' },
      'connector secrets cannot be opened (key missing from CONNECTOR_KEYS?)',
    );
    return [];
  }
}

function present(deps: ConnectorServiceDeps, row: ConnectorRow & { secrets: string | null }): Connector | undefined {
  const connector = presentConnector(row, secretNamesOf(deps, row));
  if (!connector) deps.logger.warn({ connector: row.id }, 'connector of a kind or mode this version does not know');
  return connector;
}

/** A row just written, of a kind and mode validated on the way in. */
function presentWritten(deps: ConnectorServiceDeps, row: ConnectorRow & { secrets: string | null }): Connector {
  const connector = present(deps, row);
  if (!connector) throw new AppError('INTERNAL', 'Une erreur inattendue est survenue.');
  return connector;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

export async function listConnectors(deps: ConnectorServiceDeps, principal: Principal): Promise<Connector[]> {
  const rows = await deps.db.connectorInstance.findMany({
    where: { collectiviteId: principal.collectiviteId },
    orderBy: [{ label: 'asc' }, { id: 'asc' }],
  });
  return rows.flatMap((row) => present(deps, row) ?? []);
}

export async function createConnector(
  deps: ConnectorServiceDeps,
  principal: Principal,
  request: CreateConnectorRequest,
): Promise<Connector> {
  const id = randomUUID();
  const secrets: ConnectorSecrets = Object.fromEntries(
    Object.entries(request.secrets).map(([name, value]) => [name, new SecretValue(value)]),
  );
  const options = checkOptions(request.kind, request.options);
  const allowPrivateNetworks = privateNetworksToStore(principal, [], request.allowPrivateNetworks) ?? [];
  await checkUpstreamAddress(deps, principal, { baseUrl: request.baseUrl, options, allowPrivateNetworks });
  try {
    const row = await deps.db.connectorInstance.create({
      data: {
        id,
        collectiviteId: principal.collectiviteId,
        kind: request.kind,
        label: request.label,
        baseUrl: request.baseUrl,
        authMode: request.authMode,
        options: options as Prisma.InputJsonObject,
        secrets: sealSecrets(deps.box, id, secrets),
        allowPrivateNetworks,
        enabled: request.enabled,
      },
    });
    return presentWritten(deps, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONNECTOR_LABEL_TAKEN', LABEL_TAKEN);
    throw error;
  }
}

export async function updateConnector(
  deps: ConnectorServiceDeps,
  principal: Principal,
  connectorId: string,
  request: UpdateConnectorRequest,
): Promise<Connector> {
  const moves =
    request.baseUrl !== undefined || request.options !== undefined || request.allowPrivateNetworks !== undefined;
  if (moves) {
    // Before the transaction: a DNS lookup must not hold a database connection.
    const before = await deps.db.connectorInstance.findFirst({ where: scoped(principal, connectorId) });
    const kind = before ? kindOfRow(before) : undefined;
    if (!before || !kind) throw new AppError('NOT_FOUND', NOT_FOUND);
    await checkUpstreamAddress(deps, principal, {
      baseUrl: request.baseUrl ?? before.baseUrl,
      options: request.options !== undefined ? checkOptions(kind, request.options) : before.options,
      allowPrivateNetworks:
        privateNetworksToStore(principal, before.allowPrivateNetworks, request.allowPrivateNetworks) ??
        before.allowPrivateNetworks,
    });
  }
  try {
    const row = await deps.db.$transaction(async (tx) => {
      const current = await tx.connectorInstance.findFirst({ where: scoped(principal, connectorId) });
      if (!current) throw new AppError('NOT_FOUND', NOT_FOUND);
      const kind = kindOfRow(current);
      if (!kind) throw new AppError('NOT_FOUND', NOT_FOUND);
      const data: Prisma.ConnectorInstanceUpdateInput = {};
      if (request.label !== undefined) data.label = request.label;
      if (request.baseUrl !== undefined) data.baseUrl = request.baseUrl;
      if (request.authMode !== undefined) {
        const problem = authModeProblem(kind, request.authMode);
        if (problem) throw invalid('body.authMode', problem);
        data.authMode = request.authMode;
      }
      if (request.enabled !== undefined) data.enabled = request.enabled;
      if (request.options !== undefined) {
        data.options = checkOptions(kind, request.options) as Prisma.InputJsonObject;
      }
      const networks = privateNetworksToStore(principal, current.allowPrivateNetworks, request.allowPrivateNetworks);
      if (networks !== undefined) data.allowPrivateNetworks = networks;
      if (request.secrets !== undefined && Object.keys(request.secrets).length > 0) {
        for (const [name, value] of Object.entries(request.secrets)) {
          const problem = value === null ? undefined : secretNameProblem(kind, name);
          if (problem) throw invalid(`body.secrets.${name}`, problem);
        }
        let secrets: ConnectorSecrets;
        try {
          secrets = openSecrets(deps.box, current.id, current.secrets);
        } catch {
          // Unreadable (its key was dropped): only a full replacement can repair it.
          secrets = {};
        }
        for (const [name, value] of Object.entries(request.secrets)) {
          if (value === null) delete secrets[name];
          else secrets[name] = new SecretValue(value);
        }
        if (Object.keys(secrets).length > 20) throw invalid('body.secrets', 'au plus 20 secrets');
        data.secrets = sealSecrets(deps.box, current.id, secrets);
      }
      return tx.connectorInstance.update({ where: { id: current.id }, data });
    });
    return presentWritten(deps, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONNECTOR_LABEL_TAKEN', LABEL_TAKEN);
    throw error;
  }
}

export async function deleteConnector(deps: ConnectorServiceDeps, principal: Principal, connectorId: string) {
  const { count } = await deps.db.connectorInstance.deleteMany({ where: scoped(principal, connectorId) });
  if (count === 0) throw new AppError('NOT_FOUND', NOT_FOUND);
}

function probePath(row: { kind: string }): string {
  const kind = kindOfRow(row);
  return kind ? connectorOf(kind).probePath : '/';
}

const REACHABLE_MESSAGE = 'L’application répond.';
const REACHABLE_AUTH_MESSAGE = 'Application joignable ; elle demande une authentification.';

/**
 * "Tester la connexion": one GET of the base URL through the SSRF-guarded client (the instance's
 * own allow-list). Any 2xx, 3xx, 401 or 403 means the application is reachable. The answer carries
 * a French message from states.ts and a technical code, never the upstream's text or URL.
 */
export async function testConnector(
  deps: ConnectorServiceDeps,
  principal: Principal,
  connectorId: string,
): Promise<ConnectorTestResult> {
  const row = await deps.db.connectorInstance.findFirst({ where: scoped(principal, connectorId) });
  if (!row) throw new AppError('NOT_FOUND', NOT_FOUND);
  let client: UpstreamClient;
  try {
    const kind = kindOfRow(row);
    // The kind's TLS settings (S2low's client certificate): the handshake is part of the test.
    const tls = kind ? connectorOf(kind).clientTls?.(openSecrets(deps.box, row.id, row.secrets)) : undefined;
    client = new UpstreamClient({
      instanceId: row.id,
      baseUrl: row.baseUrl,
      allowPrivateNetworks: row.allowPrivateNetworks,
      timeoutMs: 5_000,
      ...(tls ?? {}),
    });
  } catch {
    return {
      ok: false,
      status: 'not_configured',
      reason: 'CONFIG',
      message: FAILURE_MESSAGES.not_configured,
      latencyMs: 0,
    };
  }
  try {
    const result = await client.testConnection({
      // What its kind answers without credentials (its definition: connectors/<kind>/index.ts).
      path: probePath(row),
      responseType: 'text',
      schema: z.string(),
    });
    if (result.ok) return { ok: true, message: REACHABLE_MESSAGE, latencyMs: result.latencyMs };
    const http = /^HTTP_(\d{3})(_REDIRECT)?$/.exec(result.reason);
    const httpStatus = http?.[1] ? Number(http[1]) : undefined;
    if (
      httpStatus !== undefined &&
      (httpStatus === 401 || httpStatus === 403 || (httpStatus >= 300 && httpStatus < 400))
    ) {
      return {
        ok: true,
        httpStatus,
        message: httpStatus >= 400 ? REACHABLE_AUTH_MESSAGE : REACHABLE_MESSAGE,
        latencyMs: result.latencyMs,
      };
    }
    deps.logger.info({ connector: row.id, status: result.status, reason: result.reason }, 'connector test failed');
    return {
      ok: false,
      status: result.status,
      ...(httpStatus !== undefined ? { httpStatus } : {}),
      reason: result.reason,
      message: result.message,
      latencyMs: result.latencyMs,
    };
  } finally {
    client.close();
  }
}
