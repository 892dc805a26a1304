import { z } from 'zod';
import type { ConnectedWidgetKind } from '../widget-data.js';
import { AUTH_MODE_TEXTS, CONNECTOR_AUTH_MODES, type ConnectorAuthMode } from './auth-modes.js';
import { business } from './business.js';
import { caldav } from './caldav.js';
import { glpi } from './glpi.js';
import type {
  AuthModeSpec,
  AuthModeSpecs,
  ConnectorOption,
  OptionFieldSpec,
  PersonalSecretForm,
  SecretField,
  UpstreamCredentialType,
} from './definition.js';
import { idelibre } from './idelibre.js';
import { imap } from './imap.js';
import { iparapheur } from './iparapheur.js';
import { jitsi } from './jitsi.js';
import { matrix } from './matrix.js';
import { nextcloud } from './nextcloud.js';
import { pastell } from './pastell.js';
import { s2low } from './s2low.js';
import { news } from './news.js';
import { zimbra } from './zimbra.js';

export * from './auth-modes.js';
export { PASTELL_ENTITY_IDS_PATTERN, pastellEntityIds } from './pastell.js';
export {
  TOKEN_EXCHANGE_OPTIONS,
  UPSTREAM_CREDENTIAL_TYPES,
  defineConnectorKind,
  option,
  type AuthModeSpec,
  type ConnectorKindSpec,
  type ConnectorOption,
  type OptionChoice,
  type OptionFieldSpec,
  type PersonalAuthModeSpec,
  type PersonalSecretForm,
  type SecretField,
  type UpstreamCredentialType,
} from './definition.js';

/**
 * Every connector kind, one definition each (one file per kind in this folder). The kinds are
 * this object's keys; their order is the preference when several kinds feed one widget (Zimbra's
 * mail before IMAP's). The BFF's registry (apps/bff/src/connectors/registry.ts) is typed by these
 * keys: a kind without its BFF side does not compile.
 */
export const CONNECTOR_DEFINITIONS = registry({
  nextcloud,
  zimbra,
  matrix,
  imap,
  caldav,
  jitsi,
  iparapheur,
  s2low,
  idelibre,
  pastell,
  news,
  business,
  glpi,
});

/** Each definition under its own kind's name. */
function registry<const R extends { readonly [K in keyof R]: { readonly kind: K } }>(definitions: R): R {
  return definitions;
}

export type ConnectorKind = keyof typeof CONNECTOR_DEFINITIONS;
export type ConnectorDefinitionOf<K extends ConnectorKind> = (typeof CONNECTOR_DEFINITIONS)[K];
/** The auth modes kind K can use. */
export type AuthModeOf<K extends ConnectorKind> = keyof ConnectorDefinitionOf<K>['authModes'] & ConnectorAuthMode;
/** The credential type the BFF sends for kind K in mode M. */
export type CredentialTypeOf<
  K extends ConnectorKind,
  M extends AuthModeOf<K> = AuthModeOf<K>,
> = ConnectorDefinitionOf<K>['authModes'][M] extends { credential: infer C extends UpstreamCredentialType } ? C : never;
/** The secrets kind K reads in mode M. */
export type SecretNameOf<
  K extends ConnectorKind,
  M extends AuthModeOf<K>,
> = ConnectorDefinitionOf<K>['authModes'][M] extends {
  secrets: readonly (infer S)[];
}
  ? S extends { name: infer N }
    ? N
    : never
  : never;
/** Kind K's options once parsed (defaults applied). */
export type ConnectorOptionsOf<K extends ConnectorKind> = z.output<ConnectorDefinitionOf<K>['optionsSchema']>;
/** The widgets kind K feeds. */
export type FedWidgetOf<K extends ConnectorKind> = ConnectorDefinitionOf<K>['feeds'][number];

function keysOf<T extends object>(value: T): (keyof T & string)[] {
  return Object.keys(value) as (keyof T & string)[];
}

export const CONNECTOR_KINDS: readonly ConnectorKind[] = keysOf(CONNECTOR_DEFINITIONS);
export const connectorKindSchema = z.enum(keysOf(CONNECTOR_DEFINITIONS));

/**
 * A connector's stored settings, `{ kind, authMode, options }`, checked against its kind's
 * definition: a mode the kind uses, its options parsed (defaults applied). The parsed value is a
 * union discriminated by `kind`, each member typed by its own definition.
 */
export const connectorSettingsSchema = z.union(
  Object.values(CONNECTOR_DEFINITIONS).map((definition) => definition.settingsSchema),
);
export type ConnectorSettings = z.output<typeof connectorSettingsSchema>;
export type ConnectorSettingsOf<K extends ConnectorKind> = Extract<ConnectorSettings, { kind: K }>;

/** A definition seen without its literal types: what generic code (the SPA's forms, the checks) reads. */
export interface ConnectorDefinition {
  readonly label: string;
  readonly suggestedAuthMode: ConnectorAuthMode;
  readonly authModes: AuthModeSpecs;
  readonly options: { readonly [name: string]: ConnectorOption };
  readonly optionsSchema: z.ZodType<Record<string, unknown>>;
  readonly feeds: readonly ConnectedWidgetKind[];
}

export function connectorDefinition(kind: ConnectorKind): ConnectorDefinition {
  return CONNECTOR_DEFINITIONS[kind];
}

/** The application's name, in French, the same everywhere. */
export function connectorKindLabel(kind: ConnectorKind): string {
  return CONNECTOR_DEFINITIONS[kind].label;
}

/** The modes a kind can use, in the order of CONNECTOR_AUTH_MODES (the administration's order). */
export function authModesOf(kind: ConnectorKind): ConnectorAuthMode[] {
  const modes = connectorDefinition(kind).authModes;
  return CONNECTOR_AUTH_MODES.filter((mode) => modes[mode] !== undefined);
}

/** Whether kind `kind` can use `mode` (a stored row may name a mode its kind no longer offers). */
export function isAuthModeOf<K extends ConnectorKind>(kind: K, mode: ConnectorAuthMode): mode is AuthModeOf<K> {
  return connectorDefinition(kind).authModes[mode] !== undefined;
}

export function authModeSpec(kind: ConnectorKind, mode: ConnectorAuthMode): AuthModeSpec | undefined {
  return connectorDefinition(kind).authModes[mode];
}

/** The mode's label, and its explanation for this application. */
export function authModeTexts(kind: ConnectorKind, mode: ConnectorAuthMode): { label: string; help: string } {
  const texts = AUTH_MODE_TEXTS[mode];
  return { label: texts.label, help: authModeSpec(kind, mode)?.help ?? texts.help };
}

/** The secrets the kind reads in this mode (none for a mode it cannot use). */
export function secretFieldsOf(kind: ConnectorKind, mode: ConnectorAuthMode): readonly SecretField[] {
  return authModeSpec(kind, mode)?.secrets ?? [];
}

/** Every secret name the kind reads, whatever the mode: the API refuses to store another. */
export function secretNamesOf(kind: ConnectorKind): string[] {
  const names = Object.values(connectorDefinition(kind).authModes).flatMap((spec) =>
    spec.secrets.map((secret) => secret.name),
  );
  return [...new Set(names)];
}

/** What a person types for a `personal_secret` connector of this kind; undefined if it has no such mode. */
export function personalSecretForm(kind: ConnectorKind): PersonalSecretForm | undefined {
  return connectorDefinition(kind).authModes.personal_secret?.personal;
}

/** An option's form field, with its name and whether the connector needs a value (no default). */
export type OptionField = OptionFieldSpec & { readonly name: string; readonly required: boolean };

/** The options of a kind as the administration form shows them, in the definition's order. */
export function optionFieldsOf(kind: ConnectorKind): OptionField[] {
  return Object.entries(connectorDefinition(kind).options).map(([name, entry]) => ({
    ...entry.field,
    name,
    // Optional or defaulted options accept nothing; a required one does not.
    required: !entry.schema.safeParse(undefined).success,
  }));
}

/** The kinds each connected widget can read from, preferred first (the registry's order). */
export function connectorKindsFeeding(widget: ConnectedWidgetKind): ConnectorKind[] {
  return CONNECTOR_KINDS.filter((kind) => connectorDefinition(kind).feeds.includes(widget));
}
