import { z } from 'zod';
import type { ConnectedWidgetKind } from '../widget-data.js';
import type { ConnectorAuthMode } from './auth-modes.js';

/**
 * What a connector kind is, shared by the BFF and the SPA: its name, the authentication modes it
 * can use (the secrets each needs and the credential the BFF sends), its options with their form
 * fields, and the widgets it feeds. The BFF side (operations, credential adaptation, connection
 * test, client headers) is apps/bff/src/connectors/<kind>/index.ts, typed against this one.
 */

/**
 * What the BFF sends upstream once an auth mode is resolved (apps/bff/src/connectors/operation.ts
 * `UpstreamCredential` has one shape per type). A kind's mode names one: the BFF's adapter for
 * that mode must produce it, and the kind's operations receive only the types its modes name.
 */
export const UPSTREAM_CREDENTIAL_TYPES = ['bearer', 'basic', 'zimbra_preauth', 'matrix_appservice', 'none'] as const;
export type UpstreamCredentialType = (typeof UPSTREAM_CREDENTIAL_TYPES)[number];

/** A secret of the connector, typed by its administrator, sealed by the BFF, never shown again. */
export interface SecretField {
  /** Its key in the connector's sealed secrets (what the API and the configuration file name). */
  readonly name: string;
  readonly label: string;
  readonly help: string;
  /** The mode works without it (e.g. a Jitsi without tokens). */
  readonly optional?: boolean;
  /** Typed on several lines (a PEM certificate or key). */
  readonly multiline?: boolean;
}

export interface AuthModeSpec {
  /** What the BFF sends upstream in this mode. */
  readonly credential: UpstreamCredentialType;
  /** The connector's secrets this mode reads: the administration form offers exactly these. */
  readonly secrets: readonly SecretField[];
  /** This application's own explanation of the mode, instead of the general one (AUTH_MODE_TEXTS). */
  readonly help?: string;
}

/** What each person types in « Relier mon compte » for a `personal_secret` connector. */
export interface PersonalSecretForm {
  /** « Mot de passe d’application », « Jeton d’accès ». */
  readonly secretLabel: string;
  /** False when the secret names its user (a Matrix access token): no login is asked. */
  readonly askUsername: boolean;
  /**
   * Where the secret comes from, when it is not one the person creates in the application's
   * security settings (the default advice): their own password there (i-Parapheur, Pastell).
   */
  readonly origin?: string;
}

export interface PersonalAuthModeSpec extends AuthModeSpec {
  readonly personal: PersonalSecretForm;
}

export type AuthModeSpecs = {
  readonly [M in ConnectorAuthMode]?: M extends 'personal_secret' ? PersonalAuthModeSpec : AuthModeSpec;
};

interface OptionFieldBase {
  readonly label: string;
  readonly help?: string;
  /** Shown (and sent) only for these modes; the others have no use for it. */
  readonly onlyForAuthModes?: readonly ConnectorAuthMode[];
}

export interface OptionChoice {
  readonly value: string;
  readonly label: string;
}

/** How the administration form shows an option (its schema stays the authority on what is valid). */
export type OptionFieldSpec =
  | (OptionFieldBase & { readonly type: 'integer'; readonly min: number; readonly max: number })
  | (OptionFieldBase & { readonly type: 'choice'; readonly choices: readonly OptionChoice[] })
  | (OptionFieldBase & {
      readonly type: 'text';
      readonly maxLength: number;
      /** A valid value: shown to the administrator, and tried against the schema by the tests. */
      readonly example: string;
      /** What a valid value looks like, in French: the message shown when it is refused. */
      readonly expectation: string;
      readonly url?: boolean;
    });

/** One option of a kind: its schema (what the API accepts, defaults included) and its form field. */
export interface ConnectorOption<S extends z.ZodType = z.ZodType> {
  readonly schema: S;
  readonly field: OptionFieldSpec;
}

export function option<S extends z.ZodType>(schema: S, field: OptionFieldSpec): ConnectorOption<S> {
  return { schema, field };
}

export interface ConnectorKindSpec {
  /** The application's name in French, the same everywhere (administration, widgets, README). */
  readonly label: string;
  /** The mode proposed when an administrator picks this application. */
  readonly suggestedAuthMode: ConnectorAuthMode;
  /** The modes it can use, each with its credential and secrets. */
  readonly authModes: AuthModeSpecs;
  readonly options: { readonly [name: string]: ConnectorOption };
  /** The widgets it can feed; several kinds may feed one widget (registry order = preference). */
  readonly feeds: readonly ConnectedWidgetKind[];
}

/**
 * Options every kind may carry, read by the BFF when it exchanges the person's token for this
 * application (`token_exchange` auth mode, RFC 8693 `audience` and `scope`).
 */
export const TOKEN_EXCHANGE_OPTIONS = {
  tokenExchangeAudience: option(z.string().trim().min(1).max(200).optional(), {
    label: 'Audience du jeton échangé',
    type: 'text',
    maxLength: 200,
    example: 'nextcloud',
    expectation: 'Indiquez l’audience (200 caractères au plus), ou laissez vide.',
    help: 'Le paramètre « audience » demandé au fournisseur d’identité : souvent l’identifiant client de l’application.',
    onlyForAuthModes: ['token_exchange'],
  }),
  tokenExchangeScope: option(z.string().trim().min(1).max(1000).optional(), {
    label: 'Portée (scope) du jeton échangé',
    type: 'text',
    maxLength: 1000,
    example: 'openid profile',
    expectation: 'Indiquez les portées séparées par des espaces (1 000 caractères au plus), ou laissez vide.',
    help: 'Portées séparées par des espaces ; vide pour celles par défaut du fournisseur.',
    onlyForAuthModes: ['token_exchange'],
  }),
} as const;

type OptionsWithTokenExchange<O> = Omit<typeof TOKEN_EXCHANGE_OPTIONS, keyof O> & O;
type SchemaShape<O> = { [N in keyof O]: O[N] extends ConnectorOption<infer S> ? S : never };

/**
 * A connector kind's definition: the spec as written (its literal types kept, so the BFF can be
 * typed against each mode and option), the token-exchange options added, the options' schema,
 * and the schema of its stored settings (`{ kind, authMode, options }`) that the BFF parses each
 * row with. `suggestedAuthMode` must be one of its modes.
 */
export function defineConnectorKind<
  const Kind extends string,
  const Spec extends ConnectorKindSpec & { readonly suggestedAuthMode: keyof Spec['authModes'] },
>(kind: Kind, spec: Spec) {
  const options = { ...TOKEN_EXCHANGE_OPTIONS, ...spec.options } as OptionsWithTokenExchange<Spec['options']>;
  const shape = Object.fromEntries(
    Object.entries(options).map(([name, entry]: [string, ConnectorOption]) => [name, entry.schema]),
  ) as SchemaShape<OptionsWithTokenExchange<Spec['options']>>;
  const optionsSchema = z.object(shape).strict();
  const settingsSchema = z.object({
    kind: z.literal(kind),
    authMode: z.custom<keyof Spec['authModes'] & ConnectorAuthMode>(
      (value) => typeof value === 'string' && Object.hasOwn(spec.authModes, value),
      'un mode d’authentification de cette application',
    ),
    options: optionsSchema,
  });
  return { ...spec, kind, options, optionsSchema, settingsSchema };
}

/** A secret every service account has: its login at the application. */
export const serviceAccountUsername = (help: string) =>
  ({ name: 'username', label: 'Identifiant du compte de service', help }) as const;
/** The service account's password (or application password). */
export const serviceAccountPassword = (help: string) =>
  ({ name: 'password', label: 'Mot de passe du compte de service', help }) as const;

/** An absolute http(s) link without credentials (links to an application's own web client). */
export const httpLinkSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
  }, 'une URL http(s) absolue');
