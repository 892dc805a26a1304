import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { checkConnectorOptions, connectorSecretNameSchema, newConnectorFields, ROLES } from '@pleiade/contracts';
import { issuerUrl, signingAlg } from './config-schemas.js';

/**
 * The installation's configuration file (PLEIADE_CONFIG_FILE, JSON): the OpenID providers, each
 * bound to its collectivités, how their claims map to Pléiade identities, and the collectivités to
 * create with their launcher links. See config/pleiade.example.json.
 */
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'un identifiant en minuscules, chiffres et tirets');

export const roleGroupsSchema = z
  .object(
    Object.fromEntries(ROLES.map((role) => [role, z.array(z.string().min(1)).default([])])) as {
      [K in (typeof ROLES)[number]]: z.ZodDefault<z.ZodArray<z.ZodString>>;
    },
  )
  .strict();

const providerSchema = z
  .object({
    id: slug,
    label: z.string().min(1),
    issuer: issuerUrl,
    clientId: z.string().min(1),
    /** The secret itself, or the name of the environment variable holding it (preferred). */
    clientSecret: z.string().min(1).optional(),
    clientSecretEnv: z.string().min(1).optional(),
    scopes: z.string().min(1).default('openid profile email groups'),
    /** Slugs of the collectivités this provider may sign people into; absent = any. */
    collectivites: z.array(slug).min(1).optional(),
    claims: z
      .object({ collectivite: z.string().min(1).default('collectivite'), groups: z.string().min(1).default('groups') })
      .strict()
      .default({ collectivite: 'collectivite', groups: 'groups' }),
    /** Groups giving each role; `{collectivite}` stands for the person's collectivité slug. */
    roles: roleGroupsSchema,
    /**
     * How a front-channel logout's `sid` is matched: "sid" (the ID token's sid claim, the standard) or
     * "sid-or-subject" for LemonLDAP::NG 2.16, which sends the user id there. The latter lets anyone
     * who knows a user id sign that person out of Pléiade: choose it knowingly.
     */
    frontChannelLogout: z.enum(['sid', 'sid-or-subject']).default('sid'),
    idTokenSigningAlg: signingAlg.default('RS256'),
  })
  .strict()
  .refine((provider) => Boolean(provider.clientSecret) !== Boolean(provider.clientSecretEnv), {
    message: 'indiquer soit clientSecret, soit clientSecretEnv (pas les deux)',
    path: ['clientSecret'],
  });

const appLinkSchema = z
  .object({
    label: z.string().min(1).max(80),
    url: z.url({ protocol: /^https?$/ }),
    description: z.string().max(200).default(''),
    allowedGroups: z.array(z.string().min(1)).default([]),
  })
  .strict();

/**
 * A connector the operator provisions: created or updated (by label) at every start. A secret is
 * `"env:VARIABLE"` (preferred: read from the environment) or the value itself.
 */
const connectorSeedSchema = z
  .object({ ...newConnectorFields, secrets: z.record(connectorSecretNameSchema, z.string().min(1)).default({}) })
  .strict()
  .transform((connector, ctx) => {
    const options = checkConnectorOptions(connector, ctx);
    return options ? { ...connector, options } : z.NEVER;
  });
export type ConnectorSeedInFile = z.infer<typeof connectorSeedSchema>;

export const collectiviteSeedSchema = z
  .object({
    slug,
    name: z.string().min(1).max(120),
    appLinks: z.array(appLinkSchema).max(50).optional(),
    connectors: z
      .array(connectorSeedSchema)
      .max(50)
      .refine(
        (connectors) => new Set(connectors.map((connector) => connector.label)).size === connectors.length,
        'libellés de connecteurs en double',
      )
      .optional(),
  })
  .strict();
export type CollectiviteSeed = z.infer<typeof collectiviteSeedSchema>;

export const configFileSchema = z
  .object({
    providers: z
      .array(providerSchema)
      .min(1)
      .refine((providers) => new Set(providers.map((p) => p.id)).size === providers.length, 'identifiants en double'),
    collectivites: z.array(collectiviteSeedSchema).default([]),
  })
  .strict();
export type ConfigFile = z.infer<typeof configFileSchema>;

/** Reads and validates the file; returns problems named by their path in the file. */
export function readConfigFile(file: string): { ok: true; value: ConfigFile } | { ok: false; problems: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, problems: [`PLEIADE_CONFIG_FILE : ${file} illisible (${(error as Error).message})`] };
  }
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (issue) => `PLEIADE_CONFIG_FILE (${file}) ${issue.path.join('.')} : ${issue.message}`,
      ),
    };
  }
  return { ok: true, value: parsed.data };
}
