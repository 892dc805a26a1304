import { z } from 'zod';
import type { Role } from '@pleiade/contracts';
import { readConfigFile, type CollectiviteSeed } from './config-file.js';
import { issuerUrl, signingAlg } from './config-schemas.js';
import { parseKeyring, SecretValue, type ConnectorKey } from './connectors/secret-box.js';
import { isValidSiren } from './siren.js';
import type { ConnectorSeed } from './connector-settings/provisioning.js';

/**
 * Configuration, read once at boot from the environment (and PLEIADE_CONFIG_FILE when set). With no
 * OIDC and no database settings the BFF runs on embedded defaults (embedded PostgreSQL, built-in
 * demo IdP); see .env.example.
 */
const booleanFlag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

const httpUrl = z.url({ protocol: /^https?$/, error: 'une URL http(s) absolue' });
const groupList = z
  .string()
  .min(1)
  .transform((value) =>
    value
      .split(',')
      .map((group) => group.trim())
      .filter(Boolean),
  );

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number({ error: 'un numéro de port' }).int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    METRICS_PORT: z.coerce.number({ error: 'un numéro de port' }).int().min(0).max(65535).optional(),
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    PUBLIC_URL: httpUrl.optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'une URL postgres:// ou postgresql://')
      .optional(),
    SESSION_SECRET: z.string().min(32, 'au moins 32 caractères aléatoires').optional(),
    SESSION_MAX_AGE_HOURS: z.coerce
      .number()
      .positive()
      .max(24 * 30)
      .default(10),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .positive()
      .max(24 * 60 * 30)
      .default(120),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'une URL redis:// ou rediss://')
      .optional(),
    AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
    PLEIADE_CONFIG_FILE: z.string().min(1).optional(),
    /** `id:base64key[,id:base64key…]`, first = current; parsed (and checked) in the refinement below. */
    CONNECTOR_KEYS: z.string().min(1).optional(),
    OIDC_ISSUER: issuerUrl.optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_SCOPES: z.string().min(1).default('openid profile email groups'),
    OIDC_ID_TOKEN_SIGNING_ALG: signingAlg.default('RS256'),
    OIDC_CLAIM_COLLECTIVITE: z.string().min(1).default('collectivite'),
    OIDC_CLAIM_GROUPS: z.string().min(1).default('groups'),
    ROLE_GROUP_AGENT: groupList.default(['agents']),
    ROLE_GROUP_ELU: groupList.default(['elus']),
    /** `{collectivite}` is replaced by the collectivité's slug. */
    ROLE_GROUP_ADMIN: groupList.default(['admins-{collectivite}']),
    // No default: making someone operator of the whole installation must be a deliberate setting.
    ROLE_GROUP_OPERATOR: groupList.default([]),
    EMBEDDED_DATA_DIR: z.string().min(1).default('.pleiade'),
    DEV_IDP_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    SEED_DEMO: booleanFlag.optional(),
    DEMO_APPLICATIONS: booleanFlag.optional(),
    DEMO_BOARDS: booleanFlag.optional(),
    DEMO_APPLICATIONS_LATENCY_MS: z.coerce.number().int().min(0).max(10_000).default(0),
    // Longer than a balancer keeps an idle connection to us (nginx, HAProxy, cloud balancers: 60 s),
    // so that it never sends a request on a connection we are closing at that instant.
    HTTP_KEEP_ALIVE_SECONDS: z.coerce
      .number({ error: 'un nombre de secondes' })
      .min(1, 'au moins 1 seconde')
      .max(600, 'au plus 600 secondes')
      .default(65),
    INDICATOR_TICK_SECONDS: z.coerce
      .number({ error: 'un nombre de secondes' })
      .int()
      .min(0, '0 (arrêté) ou plus')
      .max(86_400)
      .default(60),
    COLLECTIVITES: z
      .string()
      .regex(
        /^\s*[a-z0-9-]+=[^;=]+(=\s*\d{9}\s*)?(;\s*[a-z0-9-]+=[^;=]+(=\s*\d{9}\s*)?)*\s*;?\s*$/,
        'une liste « slug=Nom;slug=Nom=SIREN » (slug en minuscules, chiffres et tirets ; SIREN facultatif, 9 chiffres)',
      )
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: z
      .string()
      .regex(
        /^(\d+|[\d.:a-fA-F/]+(\s*,\s*[\d.:a-fA-F/]+)*)$/,
        'un nombre de proxys devant Pléiade (ex. 1) ou une liste d’adresses/sous-réseaux de confiance',
      )
      .transform((value): number | string[] =>
        /^\d+$/.test(value) ? Number(value) : value.split(',').map((item) => item.trim()),
      )
      .default(0),
  })
  .superRefine((env, ctx) => {
    const oidcKeys = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
    const anyOidc = oidcKeys.some((key) => env[key] !== undefined);
    if (anyOidc && env.PLEIADE_CONFIG_FILE) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_ISSUER'],
        message: 'à ne pas combiner avec PLEIADE_CONFIG_FILE (déclarer les fournisseurs dans le fichier)',
      });
    }
    const realIdp = anyOidc || env.PLEIADE_CONFIG_FILE !== undefined;
    if (anyOidc) {
      for (const key of oidcKeys) {
        if (env[key] === undefined) {
          ctx.addIssue({ code: 'custom', path: [key], message: 'requise dès qu’une variable OIDC_* est définie' });
        }
      }
    }
    if (realIdp) {
      for (const key of ['PUBLIC_URL', 'SESSION_SECRET'] as const) {
        if (env[key] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'requise avec un fournisseur d’identité réel (OIDC_* ou PLEIADE_CONFIG_FILE)',
          });
        }
      }
    }
    if (env.NODE_ENV === 'production' && !realIdp) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_ISSUER'],
        message:
          'requise en production, ou PLEIADE_CONFIG_FILE (le fournisseur de démonstration est réservé aux essais)',
      });
    }
    if (env.CONNECTOR_KEYS !== undefined) {
      try {
        parseKeyring(env.CONNECTOR_KEYS);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          path: ['CONNECTOR_KEYS'],
          message: `trousseau de clés invalide (${(error as Error).message})`,
        });
      }
    } else if (env.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['CONNECTOR_KEYS'],
        message:
          'requise en production : clés chiffrant les secrets des connecteurs, « id:clé-base64 » (openssl rand -base64 32)',
      });
    }
    if (env.NODE_ENV === 'production' && env.DATABASE_URL === undefined) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'requise en production' });
    }
  });

export interface IdentityMapping {
  collectiviteClaim: string;
  groupsClaim: string;
  /** Groups giving each role; `{collectivite}` stands for the person's collectivité slug. */
  roleGroups: Record<Role, string[]>;
}

interface ProviderBase {
  id: string;
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** Collectivités this provider may sign people into; undefined = any known collectivité. */
  collectivites: string[] | undefined;
  /** See config-file.ts: whether a front-channel `sid` may also name a subject (LemonLDAP::NG 2.16). */
  frontChannelSidIsSubject: boolean;
  /** The only algorithm accepted for ID token signatures. */
  idTokenSigningAlg: string;
}

/** A provider whose ID token names the collectivité and the groups (LemonLDAP::NG, Keycloak…). */
export interface ClaimsProviderSettings extends ProviderBase {
  identity: IdentityMapping;
  proconnect?: undefined;
}

/** Who gets which role in one collectivité when signing in through ProConnect (see config-file.ts). */
export interface ProConnectAccess {
  defaultRole: Role | undefined;
  /** E-mail addresses (lower case) given each role by name. */
  people: Record<Role, string[]>;
  /** `idp_id`s accepted; undefined = any identity provider of the federation. */
  identityProviders: string[] | undefined;
}

export interface ProConnectSettings {
  /** Sent as acr_values; the ID token's acr must meet them (auth/proconnect.ts acrSatisfies). Undefined: none asked. */
  acrValues: string[] | undefined;
  /** The only algorithm accepted for the userinfo JWT. */
  userinfoSigningAlg: string;
  /** By collectivité slug; a collectivité absent here is not open to ProConnect sign-ins. */
  access: Record<string, ProConnectAccess>;
}

/** ProConnect: identity from a signed userinfo JWT, collectivité from the SIRET, roles from `access`. */
export interface ProConnectProviderSettings extends ProviderBase {
  proconnect: ProConnectSettings;
  identity?: undefined;
}

/** One OpenID provider the BFF trusts, and what it may vouch for. */
export type ProviderSettings = ClaimsProviderSettings | ProConnectProviderSettings;

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Port of the Prometheus endpoint (GET /metrics), separate from the app's; unset: no metrics. */
  metricsPort: number | undefined;
  /** Its listen address: loopback unless the operator opens it (a scraper on another machine). */
  metricsHost: string;
  /** Absent in embedded mode until the port is known. */
  publicUrl: string | undefined;
  databaseUrl: string | undefined;
  sessionSecret: string | undefined;
  /** Absolute lifetime of a session, from sign-in. */
  sessionMaxAgeMs: number;
  /** A session unused this long ends. */
  sessionIdleMs: number;
  /** Sessions and rate-limit counters go to Redis when set (several instances), else PostgreSQL/memory. */
  redisUrl: string | undefined;
  /** Requests per minute and address on /auth/*. */
  authRateLimitPerMinute: number;
  /** Empty: the built-in demo IdP is started. */
  providers: ProviderSettings[];
  /** Mapping used for the demo IdP, from the ROLE_GROUP_* and OIDC_CLAIM_* variables. */
  defaultIdentity: IdentityMapping;
  embeddedDataDir: string;
  devIdpPort: number;
  seedDemo: boolean;
  /**
   * Starts the simulators of the connected applications (Zimbra, Nextcloud, Matrix, Jitsi) with demo
   * data and connects them to the demo collectivités. Needs the demo IdP and seedDemo.
   */
  demoApplications: boolean;
  /** Latency each simulator adds to its answers (ms), to see loading states. */
  demoApplicationsLatencyMs: number;
  /**
   * Seeds demo-a with a template « Services » for its agents and a board « Conseil municipal »
   * published to its élus (seed/demo-boards.ts). Needs seedDemo.
   */
  demoBoards: boolean;
  /** Collectivités to create at start when missing. */
  collectivites: CollectiviteSeed[];
  /** Keyring sealing connector secrets (CONNECTOR_KEYS); undefined: generated in the data folder (not in production). */
  connectorKeys: ConnectorKey[] | undefined;
  /** Connectors of PLEIADE_CONFIG_FILE, created or updated at start; secrets resolved. */
  connectorSeeds: ConnectorSeed[];
  /** How often the indicator scheduler looks for indicators to read (ms); 0: not started. */
  indicatorTickMs: number;
  /** How long an idle kept-alive client connection stays open (ms). */
  keepAliveTimeoutMs: number;
  logLevel: string;
  /** Express "trust proxy": hops to trust, or the proxies' addresses; never "every proxy". */
  trustProxy: number | string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError naming every bad or missing variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  // An empty variable (FOO= in a .env file) means "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environnement)'} : ${issue.message}`),
    );
  }
  const e = parsed.data;
  const defaultIdentity: IdentityMapping = {
    collectiviteClaim: e.OIDC_CLAIM_COLLECTIVITE,
    groupsClaim: e.OIDC_CLAIM_GROUPS,
    roleGroups: {
      agent: e.ROLE_GROUP_AGENT,
      elu: e.ROLE_GROUP_ELU,
      admin: e.ROLE_GROUP_ADMIN,
      operator: e.ROLE_GROUP_OPERATOR,
    },
  };
  const collectivites: CollectiviteSeed[] = (e.COLLECTIVITES ?? '')
    .split(';')
    .map((entry) => entry.split('=').map((part) => part.trim()))
    .flatMap(([slug, name, siren]) => (slug && name ? [{ slug, name, ...(siren ? { siren } : {}) }] : []));
  const badSirens = collectivites.flatMap(({ siren }) => (siren && !isValidSiren(siren) ? [siren] : []));
  if (badSirens.length > 0) {
    throw new ConfigError(
      badSirens.map(
        (siren) => `COLLECTIVITES : ${siren} n’est pas un SIREN valide (la clé de contrôle ne correspond pas)`,
      ),
    );
  }

  const connectorSeeds: ConnectorSeed[] = [];
  let providers: ProviderSettings[] = [];
  if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET) {
    providers = [
      {
        id: 'default',
        label: 'Compte de votre collectivité',
        issuer: e.OIDC_ISSUER,
        clientId: e.OIDC_CLIENT_ID,
        clientSecret: e.OIDC_CLIENT_SECRET,
        scopes: e.OIDC_SCOPES,
        identity: defaultIdentity,
        collectivites: undefined,
        frontChannelSidIsSubject: false,
        idTokenSigningAlg: e.OIDC_ID_TOKEN_SIGNING_ALG,
      },
    ];
  }
  if (e.PLEIADE_CONFIG_FILE) {
    const file = readConfigFile(e.PLEIADE_CONFIG_FILE);
    if (!file.ok) throw new ConfigError(file.problems);
    const problems: string[] = [];
    providers = file.value.providers.map((provider, index) => {
      const secret = provider.clientSecret ?? env[provider.clientSecretEnv ?? ''];
      if (!secret) {
        problems.push(
          `${provider.clientSecretEnv ?? `providers.${index}.clientSecret`} : secret du fournisseur « ${provider.id} » absent`,
        );
      }
      const base = {
        id: provider.id,
        label: provider.label,
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: secret ?? '',
        scopes: provider.scopes,
        frontChannelSidIsSubject: provider.frontChannelLogout === 'sid-or-subject',
        idTokenSigningAlg: provider.idTokenSigningAlg,
      };
      if (provider.type === 'proconnect') {
        return {
          ...base,
          collectivites: Object.keys(provider.access),
          proconnect: {
            acrValues: provider.acrValues?.split(/\s+/).filter(Boolean),
            userinfoSigningAlg: provider.userinfoSigningAlg,
            access: Object.fromEntries(
              Object.entries(provider.access).map(([collectivite, access]) => [
                collectivite,
                { defaultRole: access.defaultRole, people: access.roles, identityProviders: access.identityProviders },
              ]),
            ),
          },
        } satisfies ProConnectProviderSettings;
      }
      return {
        ...base,
        identity: {
          collectiviteClaim: provider.claims.collectivite,
          groupsClaim: provider.claims.groups,
          roleGroups: provider.roles,
        },
        collectivites: provider.collectivites,
      } satisfies ClaimsProviderSettings;
    });
    file.value.collectivites.forEach((collectivite, index) => {
      (collectivite.connectors ?? []).forEach((connector, position) => {
        const secrets: Record<string, SecretValue> = {};
        for (const [name, value] of Object.entries(connector.secrets)) {
          const variable = value.startsWith('env:') ? value.slice(4) : undefined;
          const resolved = variable === undefined ? value : env[variable];
          if (!resolved) {
            problems.push(
              `PLEIADE_CONFIG_FILE collectivites.${index}.connectors.${position}.secrets.${name} : variable d’environnement ${variable ?? ''} absente ou vide`,
            );
            continue;
          }
          secrets[name] = new SecretValue(resolved);
        }
        connectorSeeds.push({ ...connector, collectivite: collectivite.slug, secrets });
      });
    });
    if (problems.length > 0) throw new ConfigError(problems);
    collectivites.push(...file.value.collectivites);
  }

  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    metricsPort: e.METRICS_PORT,
    metricsHost: e.METRICS_HOST,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET,
    sessionMaxAgeMs: e.SESSION_MAX_AGE_HOURS * 3_600_000,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    redisUrl: e.REDIS_URL,
    authRateLimitPerMinute: e.AUTH_RATE_LIMIT_PER_MINUTE,
    providers,
    defaultIdentity,
    embeddedDataDir: e.EMBEDDED_DATA_DIR,
    devIdpPort: e.DEV_IDP_PORT,
    // Demo collectivités are seeded whenever the demo IdP runs, unless told otherwise.
    seedDemo: e.SEED_DEMO ?? providers.length === 0,
    // The demo's simulators run with the demo IdP, except in tests that bring their own upstreams.
    demoApplications: providers.length === 0 && (e.SEED_DEMO ?? true) && (e.DEMO_APPLICATIONS ?? e.NODE_ENV !== 'test'),
    demoApplicationsLatencyMs: e.DEMO_APPLICATIONS_LATENCY_MS,
    // Like the simulators: not in tests, which prepare the boards they need.
    demoBoards: (e.SEED_DEMO ?? providers.length === 0) && (e.DEMO_BOARDS ?? e.NODE_ENV !== 'test'),
    collectivites,
    connectorKeys: e.CONNECTOR_KEYS ? parseKeyring(e.CONNECTOR_KEYS) : undefined,
    connectorSeeds,
    indicatorTickMs: e.INDICATOR_TICK_SECONDS * 1000,
    keepAliveTimeoutMs: Math.round(e.HTTP_KEEP_ALIVE_SECONDS * 1000),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
  };
}
