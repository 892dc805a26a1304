import { z } from 'zod';

/**
 * Connector settings of a collectivité (one configured upstream application each): what tenant
 * administrators send and read through /api/admin/connectors. Secrets go in, never come out: a
 * connector answers only the names of the secrets that are set.
 */

export const CONNECTOR_KINDS = ['nextcloud', 'zimbra', 'matrix', 'imap', 'caldav', 'jitsi'] as const;
export const connectorKindSchema = z.enum(CONNECTOR_KINDS);
export type ConnectorKind = z.infer<typeof connectorKindSchema>;

export const CONNECTOR_AUTH_MODES = [
  'oidc_token',
  'token_exchange',
  'zimbra_preauth',
  'personal_secret',
  'service_account',
  'none',
] as const;
export const connectorAuthModeSchema = z.enum(CONNECTOR_AUTH_MODES);
export type ConnectorAuthMode = z.infer<typeof connectorAuthModeSchema>;

/**
 * The authentication modes the BFF can use for each kind (apps/bff/src/widget-data/credentials.ts
 * resolves them): a connector with another mode could never read anything, so it is refused.
 */
export const CONNECTOR_AUTH_MODES_BY_KIND: { readonly [K in ConnectorKind]: readonly ConnectorAuthMode[] } = {
  nextcloud: ['oidc_token', 'token_exchange', 'personal_secret', 'service_account'],
  zimbra: ['zimbra_preauth', 'oidc_token', 'token_exchange', 'personal_secret', 'service_account'],
  matrix: ['oidc_token', 'token_exchange', 'personal_secret', 'service_account'],
  imap: ['oidc_token', 'token_exchange', 'personal_secret', 'service_account'],
  caldav: ['oidc_token', 'token_exchange', 'personal_secret', 'service_account'],
  jitsi: ['none'],
};

/** The French message of a mode the kind cannot use, or undefined when it can. */
export function authModeProblem(kind: ConnectorKind, authMode: ConnectorAuthMode): string | undefined {
  const modes = CONNECTOR_AUTH_MODES_BY_KIND[kind];
  return modes.includes(authMode)
    ? undefined
    : `mode d’authentification impossible pour ${kind} ; modes possibles : ${modes.join(', ')}`;
}

/**
 * Options every kind may carry, read by the BFF when it exchanges the person's token for this
 * application (`token_exchange` auth mode, RFC 8693 `audience` and `scope`).
 */
const authOptions = {
  tokenExchangeAudience: z.string().trim().min(1).max(200).optional(),
  tokenExchangeScope: z.string().trim().min(1).max(1000).optional(),
};

const httpLink = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
  }, 'une URL http(s) absolue');

const kindOptions = <T extends z.ZodRawShape>(shape: T) => z.object({ ...authOptions, ...shape }).strict();

/** Options of each kind; a kind without its schema does not compile. */
export const CONNECTOR_OPTIONS: { [K in ConnectorKind]: z.ZodType<Record<string, unknown>> } = {
  nextcloud: kindOptions({}),
  zimbra: kindOptions({}),
  matrix: kindOptions({
    /** Element or Watcha web client, for links to conversations (`<webClientUrl>/#/room/<id>`). */
    webClientUrl: httpLink.optional(),
    /** The homeserver's name (`mairie.fr` in `@agent:mairie.fr`), when it differs from the base URL's host. */
    serverName: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.-]{1,230}(:\d{1,5})?$/, 'un nom de serveur Matrix (mairie.fr)')
      .optional(),
  }),
  /**
   * The base URL is the webmail's address (the widget's link); the IMAP server is its host unless
   * `host` is given. `tls`: implicit TLS (993), STARTTLS (143), or none (only to this machine).
   */
  imap: kindOptions({
    host: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.:[\]-]{1,253}$/, 'un nom d’hôte ou une adresse IP')
      .optional(),
    port: z.number().int().min(1).max(65535).default(993),
    tls: z.enum(['implicit', 'starttls', 'none']).default('implicit'),
  }),
  caldav: kindOptions({
    /**
     * The person's calendar collection under the base URL; `{login}` is replaced by their login:
     * Radicale `/{login}/agenda/`, Nextcloud `/remote.php/dav/calendars/{login}/personal/`. Required:
     * no path is right for every server.
     */
    calendarPath: z
      .string()
      .trim()
      .max(500)
      .regex(/^\/[^?#\\\s]*$/, 'un chemin commençant par « / », sans « ? » ni « # »')
      .refine(
        (path) => !path.split('/').some((segment) => segment === '.' || segment === '..'),
        'sans « . » ni « .. »',
      ),
  }),
  jitsi: kindOptions({
    /** `iss` of the meeting tokens (prosody `app_id`); with the `jwtSecret` secret, links carry a JWT. */
    jwtAppId: z.string().min(1).max(200).optional(),
    /** `aud` of the meeting tokens (prosody `asap_accepted_audiences`). */
    jwtAudience: z.string().min(1).max(200).default('jitsi'),
  }),
};

/** Validates `options` against the kind's schema; issues are relative to the options object. */
export function parseConnectorOptions(kind: ConnectorKind, options: unknown) {
  return CONNECTOR_OPTIONS[kind].safeParse(options ?? {});
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
const secretValueSchema = z.string().min(1).max(4096);
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
 * Checks `options` against its kind's schema, reporting each problem under `options.…`, and the
 * auth mode against the kind (under `authMode`).
 */
export function checkConnectorOptions(
  value: { kind: ConnectorKind; authMode: ConnectorAuthMode; options: Record<string, unknown> },
  ctx: z.RefinementCtx,
): Record<string, unknown> | undefined {
  const modeProblem = authModeProblem(value.kind, value.authMode);
  if (modeProblem) ctx.addIssue({ code: 'custom', path: ['authMode'], message: modeProblem });
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
