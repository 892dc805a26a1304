import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { checkConnectorOptions, connectorSecretNameSchema, newConnectorFields, ROLES } from '@pleiade/contracts';
import { issuerUrl, signingAlg, siren } from './config-schemas.js';
import { dataSourceSeedSchema } from './declarative/provisioning.js';

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

/** What every provider declares, whatever its type. */
const providerFields = {
  id: slug,
  label: z.string().min(1),
  issuer: issuerUrl,
  clientId: z.string().min(1),
  /** The secret itself, or the name of the environment variable holding it (preferred). */
  clientSecret: z.string().min(1).optional(),
  clientSecretEnv: z.string().min(1).optional(),
  /**
   * How a front-channel logout's `sid` is matched: "sid" (the ID token's sid claim, the standard) or
   * "sid-or-subject" for LemonLDAP::NG 2.16, which sends the user id there. The latter lets anyone
   * who knows a user id sign that person out of Pléiade: choose it knowingly.
   */
  frontChannelLogout: z.enum(['sid', 'sid-or-subject']).default('sid'),
  idTokenSigningAlg: signingAlg.default('RS256'),
};

/** A provider whose ID token names the collectivité and the groups (LemonLDAP::NG, Keycloak…). */
const oidcProviderSchema = z
  .object({
    type: z.literal('oidc'),
    ...providerFields,
    scopes: z.string().min(1).default('openid profile email groups'),
    /** Slugs of the collectivités this provider may sign people into; absent = any. */
    collectivites: z.array(slug).min(1).optional(),
    claims: z
      .object({ collectivite: z.string().min(1).default('collectivite'), groups: z.string().min(1).default('groups') })
      .strict()
      .default({ collectivite: 'collectivite', groups: 'groups' }),
    /** Groups giving each role; `{collectivite}` stands for the person's collectivité slug. */
    roles: roleGroupsSchema,
  })
  .strict();

/** The scopes ProConnect releases to a service provider (its « identité pivot » and the IdP used). */
export const PROCONNECT_SCOPES = 'openid given_name usual_name email uid siret idp_id';

const emailList = z
  .email('une adresse électronique')
  .transform((value) => value.toLowerCase())
  .array();

/**
 * Who may sign in to one collectivité through ProConnect, which sends no groups: the people named
 * for a role get it (the highest when named twice), everyone else of the collectivité gets
 * `defaultRole` (agent or élu; a higher role is always given by name), or is refused without one.
 * `identityProviders`, when set, keeps only people authenticated by those ProConnect identity
 * providers (their `idp_id`, e.g. the collectivité's own directory).
 */
const proConnectAccessSchema = z
  .object({
    defaultRole: z.enum(['agent', 'elu']).optional(),
    roles: z
      .object(
        Object.fromEntries(ROLES.map((role) => [role, emailList.default([])])) as {
          [K in (typeof ROLES)[number]]: z.ZodDefault<typeof emailList>;
        },
      )
      .strict()
      .default({ agent: [], elu: [], admin: [], operator: [] }),
    identityProviders: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

/**
 * ProConnect, the State's identity federation for public agents: userinfo answered as a signed JWT,
 * the organisation given by its SIRET (the collectivité is the one with its SIREN), no groups.
 */
const proConnectProviderSchema = z
  .object({
    type: z.literal('proconnect'),
    ...providerFields,
    scopes: z.string().min(1).default(PROCONNECT_SCOPES),
    /** Sent as acr_values (e.g. "eidas1"); the ID token's acr must then be one of them or a higher eIDAS level. */
    acrValues: z.string().min(1).optional(),
    /** The only algorithm accepted for the userinfo JWT (asymmetric: checked against the provider's keys). */
    userinfoSigningAlg: signingAlg.default('RS256'),
    /** The collectivités (slugs) ProConnect may sign people into, with who gets which role there. */
    access: z
      .record(slug, proConnectAccessSchema)
      .refine((access) => Object.keys(access).length > 0, 'au moins une collectivité'),
  })
  .strict();

const providerSchema = z
  .preprocess(
    // `type` may be left out for an ordinary OpenID provider.
    (value) => (value && typeof value === 'object' && !('type' in value) ? { ...value, type: 'oidc' } : value),
    z.discriminatedUnion('type', [oidcProviderSchema, proConnectProviderSchema]),
  )
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
    /** The collectivité's SIREN: how a ProConnect sign-in (which gives a SIRET) finds it. */
    siren: siren.optional(),
    appLinks: z.array(appLinkSchema).max(50).optional(),
    connectors: z
      .array(connectorSeedSchema)
      .max(50)
      .refine(
        (connectors) => new Set(connectors.map((connector) => connector.label)).size === connectors.length,
        'libellés de connecteurs en double',
      )
      .optional(),
    /** Declarative data sources (indicators) on these connectors, by name (declarative/provisioning.ts). */
    dataSources: z.array(dataSourceSeedSchema).max(100).optional(),
  })
  .strict();
export type CollectiviteSeed = z.infer<typeof collectiviteSeedSchema>;

export const configFileSchema = z
  .object({
    providers: z
      .array(providerSchema)
      .min(1)
      .refine((providers) => new Set(providers.map((p) => p.id)).size === providers.length, 'identifiants en double'),
    collectivites: z
      .array(collectiviteSeedSchema)
      .default([])
      .refine((collectivites) => {
        const sirens = collectivites.flatMap((collectivite) => (collectivite.siren ? [collectivite.siren] : []));
        return new Set(sirens).size === sirens.length;
      }, 'un même SIREN pour deux collectivités'),
  })
  .strict();
export type ConfigFile = z.infer<typeof configFileSchema>;

/** A `.yaml`/`.yml` file is YAML (comments welcome, the same keys); anything else is JSON. */
export const isYamlFile = (file: string): boolean => /\.ya?ml$/i.test(file);

/**
 * Reads and validates the file; returns problems named by their path in the file. YAML is read
 * with its core schema: no custom tags, no code; `yes`/`on` stay strings (YAML 1.2).
 */
export function readConfigFile(file: string): { ok: true; value: ConfigFile } | { ok: false; problems: string[] } {
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    raw = isYamlFile(file)
      ? parseYaml(text, { schema: 'core', uniqueKeys: true, maxAliasCount: 100 })
      : JSON.parse(text);
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
