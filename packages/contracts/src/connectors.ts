import { z } from 'zod';
import {
  authModesOf,
  connectorAuthModeSchema,
  connectorDefinition,
  connectorKindLabel,
  connectorKindSchema,
  isAuthModeOf,
  secretNamesOf,
  type ConnectorAuthMode,
  type ConnectorKind,
} from './connector-kinds/index.js';

/**
 * Connector settings of a collectivité (one configured upstream application each): what tenant
 * administrators send and read through /api/admin/connectors. Secrets go in, never come out: a
 * connector answers only the names of the secrets that are set.
 */

/** Validates `options` against the kind's schema; issues are relative to the options object. */
export function parseConnectorOptions(kind: ConnectorKind, options: unknown) {
  return connectorDefinition(kind).optionsSchema.safeParse(options ?? {});
}

/** The French message of a mode the kind cannot use, or undefined when it can. */
export function authModeProblem(kind: ConnectorKind, authMode: ConnectorAuthMode): string | undefined {
  if (isAuthModeOf(kind, authMode)) return undefined;
  return `mode d’authentification impossible pour ${connectorKindLabel(kind)} ; modes possibles : ${authModesOf(kind).join(', ')}`;
}

/** The French message of a secret the kind never reads, or undefined when it reads it. */
export function secretNameProblem(kind: ConnectorKind, name: string): string | undefined {
  const names = secretNamesOf(kind);
  if (names.includes(name)) return undefined;
  return names.length === 0
    ? `${connectorKindLabel(kind)} n’utilise aucun secret`
    : `secret inconnu de ${connectorKindLabel(kind)} ; secrets possibles : ${names.join(', ')}`;
}

export const MAX_CONNECTOR_SECRETS = 20;

/** An absolute http(s) URL with no credentials, query or fragment. */
export const connectorBaseUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .superRefine((value, ctx) => {
    const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (!URL.canParse(value)) return fail('une URL http(s) absolue');
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail('une URL http(s) absolue');
    if (url.username || url.password) return fail('sans identifiants dans l’URL');
    if (url.hash || value.includes('#')) return fail('sans fragment (#…)');
    if (url.search || value.includes('?')) return fail('sans paramètres (?…)');
    return undefined;
  });

export const connectorLabelSchema = z.string().trim().min(1).max(80);
export const connectorSecretNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'un nom de secret (lettres, chiffres, « _ » ou « - »)');
/** Room for a PEM certificate chain and its key (S²low's client certificate). */
const secretValueSchema = z.string().min(1).max(16_384);
/** A CIDR, an IP address or a host name; checked again by the BFF's address policy. */
export const allowedNetworkSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.:[\]/-]{1,253}$/, 'un sous-réseau (10.0.0.0/8), une adresse IP ou un nom d’hôte');

function secretsRecord<T extends z.ZodType>(value: T) {
  return z
    .record(connectorSecretNameSchema, value)
    .refine(
      (secrets) => Object.keys(secrets).length <= MAX_CONNECTOR_SECRETS,
      `au plus ${MAX_CONNECTOR_SECRETS} secrets`,
    );
}

/** Fields of a new connector, whether created through the API or provisioned from the configuration file. */
export const newConnectorFields = {
  kind: connectorKindSchema,
  label: connectorLabelSchema,
  baseUrl: connectorBaseUrlSchema,
  authMode: connectorAuthModeSchema,
  options: z.record(z.string(), z.unknown()).default({}),
  allowPrivateNetworks: z.array(allowedNetworkSchema).max(20).default([]),
  enabled: z.boolean().default(true),
};

/**
 * Checks `options` against its kind's schema, reporting each problem under `options.…`, the auth
 * mode against the kind (under `authMode`) and each secret given a value against the secrets the
 * kind reads (under `secrets.<name>`).
 */
export function checkConnectorOptions(
  value: {
    kind: ConnectorKind;
    authMode: ConnectorAuthMode;
    options: Record<string, unknown>;
    secrets?: Record<string, unknown>;
  },
  ctx: z.RefinementCtx,
): Record<string, unknown> | undefined {
  const modeProblem = authModeProblem(value.kind, value.authMode);
  if (modeProblem) ctx.addIssue({ code: 'custom', path: ['authMode'], message: modeProblem });
  for (const [name, secret] of Object.entries(value.secrets ?? {})) {
    const problem = secret === null ? undefined : secretNameProblem(value.kind, name);
    if (problem) ctx.addIssue({ code: 'custom', path: ['secrets', name], message: problem });
  }
  const parsed = parseConnectorOptions(value.kind, value.options);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: 'custom', path: ['options', ...issue.path.map(String)], message: issue.message });
  }
  return undefined;
}

/** POST /api/admin/connectors */
export const createConnectorRequestSchema = z
  .object({ ...newConnectorFields, secrets: secretsRecord(secretValueSchema).default({}) })
  .strict()
  .superRefine((value, ctx) => {
    checkConnectorOptions(value, ctx);
  });
export type CreateConnectorRequest = z.infer<typeof createConnectorRequestSchema>;

/**
 * PUT /api/admin/connectors/:connectorId — absent fields keep their value. `secrets`:
 * `{ name: "value" }` sets, `{ name: null }` removes, an absent name keeps. The kind cannot change.
 */
export const updateConnectorRequestSchema = z
  .object({
    label: connectorLabelSchema.optional(),
    baseUrl: connectorBaseUrlSchema.optional(),
    authMode: connectorAuthModeSchema.optional(),
    options: z.record(z.string(), z.unknown()).optional(),
    secrets: secretsRecord(secretValueSchema.nullable()).optional(),
    allowPrivateNetworks: z.array(allowedNetworkSchema).max(20).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type UpdateConnectorRequest = z.infer<typeof updateConnectorRequestSchema>;

export const connectorIdParamsSchema = z.object({ connectorId: z.uuid({ error: 'identifiant invalide' }) });

/** A connector as the API shows it: never a secret, only the names of those that are set. */
export const connectorSchema = z.object({
  id: z.uuid(),
  kind: connectorKindSchema,
  label: z.string(),
  baseUrl: z.string(),
  authMode: connectorAuthModeSchema,
  options: z.record(z.string(), z.unknown()),
  secretNames: z.array(z.string()),
  allowPrivateNetworks: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Connector = z.infer<typeof connectorSchema>;

/** GET /api/admin/connectors */
export const connectorListResponseSchema = z.object({ connectors: z.array(connectorSchema) });
export type ConnectorListResponse = z.infer<typeof connectorListResponseSchema>;

/**
 * POST /api/admin/connectors/:connectorId/test ("tester la connexion"): `status` is the failure
 * state, `reason` a short technical code (`ECONNREFUSED`, `ADDRESS_REFUSED`, `HTTP_503`…), never
 * the upstream's text or URL.
 */
export const connectorTestResultSchema = z.object({
  ok: z.boolean(),
  status: z.string().optional(),
  httpStatus: z.number().int().optional(),
  reason: z.string().optional(),
  message: z.string(),
  latencyMs: z.number().int().min(0),
});
export type ConnectorTestResult = z.infer<typeof connectorTestResultSchema>;
