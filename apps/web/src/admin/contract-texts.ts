import {
  PRIVATE_ADDRESS_NEEDS_OPERATOR,
  PRIVATE_ADDRESS_NOT_ALLOWED,
  PRIVATE_NETWORKS_OPERATOR_ONLY,
  authModeTexts,
  type ConnectorAuthMode,
  type ConnectorKind,
  type DeclarativePreset,
  type DeclarativeShape,
  type OptionField,
  type SecretField,
} from '@pleiade/contracts';
import { i18n } from '../i18n';
import type { fr } from '../i18n/locales/fr';

/**
 * The texts the contracts define for the administration (auth modes, option and secret fields,
 * declarative models), in the interface's language. They live in the `admin` namespace under
 * `contracts`, keyed by the contracts' own ids; their French is the contracts' word for word
 * (admin-texts.test.ts), so each thing keeps one name. A text missing from a language falls back
 * to the contracts' French.
 */

interface FieldTexts {
  readonly label: string;
  readonly help?: string;
  readonly expectation?: string;
  readonly choices?: Readonly<Record<string, string>>;
}
type ByName<T> = Readonly<Record<string, T | undefined>>;

type ContractTexts = (typeof fr)['admin']['contracts'];
const byLanguage = new Map<string, ContractTexts>();

/**
 * The namespace's `contracts` texts in the current language (French where English has none), read
 * once per language: a form asks for dozens of them at each render.
 */
function contractTexts(): ContractTexts {
  const known = byLanguage.get(i18n.language);
  if (known) return known;
  const texts: ContractTexts = i18n.t('admin:contracts', { returnObjects: true });
  // Kept only once the language's own texts are there (not French standing in while English loads).
  if (i18n.hasResourceBundle(i18n.language, 'admin')) byLanguage.set(i18n.language, texts);
  return texts;
}

export function authModeTextsIn(kind: ConnectorKind, mode: ConnectorAuthMode): { label: string; help: string } {
  const french = authModeTexts(kind, mode);
  const texts = contractTexts();
  const general: ByName<{ label: string; help: string }> = texts.authModes;
  const ownHelp: ByName<ByName<string>> = texts.authModeHelp;
  return {
    label: general[mode]?.label ?? french.label,
    help: ownHelp[kind]?.[mode] ?? general[mode]?.help ?? french.help,
  };
}

/** An option field of `kind` with its label, help, expectation and choices in the interface's language. */
export function optionFieldIn(kind: ConnectorKind, field: OptionField): OptionField {
  const texts = contractTexts();
  const ofKind: ByName<ByName<FieldTexts>> = texts.options;
  const shared: ByName<FieldTexts> = texts.tokenExchangeOptions;
  const own = ofKind[kind]?.[field.name] ?? shared[field.name];
  if (own === undefined) return field;
  const help = field.help === undefined ? {} : { help: own.help ?? field.help };
  switch (field.type) {
    case 'integer':
      return { ...field, label: own.label, ...help };
    case 'choice':
      return {
        ...field,
        label: own.label,
        ...help,
        choices: field.choices.map((choice) => ({ ...choice, label: own.choices?.[choice.value] ?? choice.label })),
      };
    case 'text':
      return { ...field, label: own.label, ...help, expectation: own.expectation ?? field.expectation };
  }
}

/** A secret field of `kind` with its label and help in the interface's language. */
export function secretFieldIn(kind: ConnectorKind, field: SecretField): SecretField {
  const secrets: ByName<ByName<{ label: string; help: string }>> = contractTexts().secrets;
  const own = secrets[kind]?.[field.name];
  return own === undefined ? field : { ...field, label: own.label, help: own.help };
}

/** A declarative model's category, name and description in the interface's language. */
export function presetTexts(preset: DeclarativePreset): { category: string; name: string; description: string } {
  const presets: ByName<{ category: string; name: string; description: string }> = contractTexts().presets;
  return presets[preset.id] ?? preset;
}

/** The shape of a declarative source's result (number, list, table). */
export const shapeLabel = (shape: DeclarativeShape): string => i18n.t(`admin:contracts.shapes.${shape}`);

/**
 * The server's messages about private networks are the contracts' constants: known, so said in the
 * interface's language; any other message is shown as the server wrote it.
 */
export function privateNetworkMessage(message: string): string {
  switch (message) {
    case PRIVATE_NETWORKS_OPERATOR_ONLY:
      return i18n.t('admin:validation.privateNetworksOperatorOnly');
    case PRIVATE_ADDRESS_NEEDS_OPERATOR:
      return i18n.t('admin:validation.privateAddressNeedsOperator');
    case PRIVATE_ADDRESS_NOT_ALLOWED:
      return i18n.t('admin:validation.privateAddressNotAllowed');
    default:
      return message;
  }
}
