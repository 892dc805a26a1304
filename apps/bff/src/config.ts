import { z } from 'zod';

/**
 * Configuration, read once at boot from the environment. With no OIDC and no database settings the
 * BFF runs on embedded defaults (embedded PostgreSQL, built-in demo IdP); see .env.example.
 */
const booleanFlag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

const httpUrl = z.url({ protocol: /^https?$/, error: 'une URL http(s) absolue' });

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number({ error: 'un numéro de port' }).int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
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
    OIDC_ISSUER: httpUrl.optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_SCOPES: z.string().min(1).default('openid profile email groups'),
    OIDC_CLAIM_COLLECTIVITE: z.string().min(1).default('collectivite'),
    OIDC_CLAIM_GROUPS: z.string().min(1).default('groups'),
    ROLE_GROUP_AGENT: z.string().min(1).default('agents'),
    ROLE_GROUP_ELU: z.string().min(1).default('elus'),
    /** `{collectivite}` is replaced by the collectivité's slug. */
    ROLE_GROUP_ADMIN: z.string().min(1).default('admins-{collectivite}'),
    EMBEDDED_DATA_DIR: z.string().min(1).default('.pleiade'),
    DEV_IDP_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    SEED_DEMO: booleanFlag.optional(),
    COLLECTIVITES: z
      .string()
      .regex(
        /^\s*[a-z0-9-]+=[^;=]+(;\s*[a-z0-9-]+=[^;=]+)*\s*;?\s*$/,
        'une liste « slug=Nom;slug=Nom » (slug en minuscules, chiffres et tirets)',
      )
      .optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: booleanFlag.default(false),
  })
  .superRefine((env, ctx) => {
    const oidcKeys = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
    const anyOidc = oidcKeys.some((key) => env[key] !== undefined);
    if (anyOidc) {
      for (const key of [...oidcKeys, 'PUBLIC_URL', 'SESSION_SECRET'] as const) {
        if (env[key] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'requise dès que OIDC_ISSUER, OIDC_CLIENT_ID ou OIDC_CLIENT_SECRET est défini',
          });
        }
      }
    }
    if (env.NODE_ENV === 'production' && !anyOidc) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_ISSUER'],
        message: 'requise en production (le fournisseur d’identité de démonstration est réservé aux essais)',
      });
    }
    if (env.NODE_ENV === 'production' && env.DATABASE_URL === undefined) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'requise en production' });
    }
  });

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
}

export interface IdentityMapping {
  collectiviteClaim: string;
  groupsClaim: string;
  agentGroup: string;
  eluGroup: string;
  adminGroupPattern: string;
}

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Absent in embedded mode until the port is known. */
  publicUrl: string | undefined;
  databaseUrl: string | undefined;
  sessionSecret: string | undefined;
  sessionMaxAgeMs: number;
  /** Absent: the built-in demo IdP is started. */
  oidc: OidcSettings | undefined;
  identity: IdentityMapping;
  embeddedDataDir: string;
  devIdpPort: number;
  seedDemo: boolean;
  /** Collectivités to create at start when missing (slug → name). */
  collectivites: { slug: string; name: string }[];
  logLevel: string;
  trustProxy: boolean;
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
  const oidc =
    e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
      ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, scopes: e.OIDC_SCOPES }
      : undefined;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET,
    sessionMaxAgeMs: e.SESSION_MAX_AGE_HOURS * 3_600_000,
    oidc,
    identity: {
      collectiviteClaim: e.OIDC_CLAIM_COLLECTIVITE,
      groupsClaim: e.OIDC_CLAIM_GROUPS,
      agentGroup: e.ROLE_GROUP_AGENT,
      eluGroup: e.ROLE_GROUP_ELU,
      adminGroupPattern: e.ROLE_GROUP_ADMIN,
    },
    embeddedDataDir: e.EMBEDDED_DATA_DIR,
    devIdpPort: e.DEV_IDP_PORT,
    // Demo collectivités are seeded whenever the demo IdP runs, unless told otherwise.
    seedDemo: e.SEED_DEMO ?? oidc === undefined,
    collectivites: (e.COLLECTIVITES ?? '')
      .split(';')
      .map((entry) => entry.split('='))
      .flatMap(([slug, name]) => (slug?.trim() && name?.trim() ? [{ slug: slug.trim(), name: name.trim() }] : [])),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
  };
}
