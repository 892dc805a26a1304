import {
  connectorDefinition,
  optionFieldsOf,
  secretFieldsOf,
  createConnectorRequestSchema,
  parseConnectorOptions,
  PRIVATE_ADDRESS_NEEDS_OPERATOR,
  PRIVATE_ADDRESS_NOT_ALLOWED,
  PRIVATE_NETWORKS_OPERATOR_ONLY,
  updateConnectorRequestSchema,
  type Connector,
  type ConnectorAuthMode,
  type ConnectorKind,
  type CreateConnectorRequest,
  type ErrorDetail,
  type SecretField,
  type UpdateConnectorRequest,
} from '@pleiade/contracts';
import { i18n } from '../i18n';
import { authModesFor } from './auth-requirements';
import { privateNetworkMessage, secretFieldIn } from './contract-texts';
import { optionExpectation, visibleOptionFields, type OptionField } from './option-fields';

/**
 * The connector form as typed, and its two translations: to the API's request bodies, and from the
 * API's validation details back to the fields. Pure, so the rules are unit-tested without a DOM.
 */

/**
 * A named secret as the form holds it. One the connector already has (`stored`) is never shown:
 * it is kept, replaced by `value` or removed. One it does not have is set when `value` is typed.
 */
export interface SecretDraft {
  stored: boolean;
  action: 'keep' | 'replace' | 'remove';
  value: string;
}

export interface ConnectorFormState {
  kind: ConnectorKind;
  label: string;
  baseUrl: string;
  authMode: ConnectorAuthMode;
  /** Values of the described option fields, as typed (numbers stay text until sent). */
  options: Record<string, string>;
  /** Options of the connector that the field table does not describe: sent back unchanged. */
  otherOptions: Record<string, unknown>;
  /**
   * By name: the secrets the connector has, and those typed for the fields of the chosen mode
   * (secretFieldsOf in the contracts: the form offers exactly these, named, labelled, explained).
   */
  secrets: Record<string, SecretDraft>;
  /** One entry per line. */
  allowPrivateNetworks: string;
  enabled: boolean;
}

/** Field keys: the unit of error display and focus. */
export type FieldKey = string;
export type FieldErrors = Record<FieldKey, string>;

/** Errors that belong to no field (an unexpected path): shown at the top of the form. */
export const FORM_KEY = 'form';

export const secretKey = (name: string): FieldKey => `secret:${name}`;
export const optionKey = (name: string): FieldKey => `options.${name}`;

/** The DOM id of a field's control: keys are unique and space-free (secret and option names), so ids are too. */
export function fieldId(key: FieldKey): string {
  return `connector-${key}`;
}

/** The mode proposed when an application is chosen for a new connector. */
const suggestedAuthMode = (kind: ConnectorKind): ConnectorAuthMode => connectorDefinition(kind).suggestedAuthMode;

const UNSET: SecretDraft = { stored: false, action: 'keep', value: '' };

export function secretDraft(state: ConnectorFormState, name: string): SecretDraft {
  return state.secrets[name] ?? UNSET;
}

/** The secrets the chosen mode reads: one field each, named and explained in the interface's language. */
export function expectedSecretFields(state: ConnectorFormState): readonly SecretField[] {
  return secretFieldsOf(state.kind, state.authMode).map((field) => secretFieldIn(state.kind, field));
}

/** Secrets the connector has that the chosen mode does not read: they can be removed. */
export function otherStoredSecrets(state: ConnectorFormState): string[] {
  const expected = new Set(expectedSecretFields(state).map((field) => field.name));
  return Object.entries(state.secrets)
    .filter(([name, draft]) => draft.stored && !expected.has(name))
    .map(([name]) => name)
    .sort();
}

/** The value a secret field will send, if any: typed for an unset secret, or replacing a stored one. */
function valueToSend(draft: SecretDraft): string | undefined {
  if (draft.action === 'remove' || draft.value === '') return undefined;
  return !draft.stored || draft.action === 'replace' ? draft.value : undefined;
}

function optionToText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** Form values of a kind's options: the contract's defaults for a new connector, the stored ones otherwise. */
function optionValues(kind: ConnectorKind, stored: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of optionFieldsOf(kind)) values[field.name] = optionToText(stored[field.name]);
  return values;
}

/** A placeholder that the contract accepts, to read the other defaults of a kind with a required option. */
function placeholder(field: OptionField): unknown {
  if (field.type === 'integer') return field.min;
  return field.type === 'choice' ? field.choices[0]?.value : field.example;
}

/** The contract's defaults of a kind's options (parseConnectorOptions), without required ones. */
export function defaultOptions(kind: ConnectorKind): Record<string, unknown> {
  const required = optionFieldsOf(kind).filter((field) => field.required);
  const parsed = parseConnectorOptions(
    kind,
    Object.fromEntries(required.map((field) => [field.name, placeholder(field)])),
  );
  if (!parsed.success) return {};
  const defaults = { ...parsed.data };
  for (const field of required) delete defaults[field.name];
  return defaults;
}

export function emptyForm(kind: ConnectorKind = 'nextcloud'): ConnectorFormState {
  return {
    kind,
    label: '',
    baseUrl: '',
    authMode: suggestedAuthMode(kind),
    options: optionValues(kind, defaultOptions(kind)),
    otherOptions: {},
    secrets: {},
    allowPrivateNetworks: '',
    enabled: true,
  };
}

export function formFromConnector(connector: Connector): ConnectorFormState {
  const described = new Set(optionFieldsOf(connector.kind).map((field) => field.name));
  return {
    kind: connector.kind,
    label: connector.label,
    baseUrl: connector.baseUrl,
    authMode: connector.authMode,
    // The server stores options parsed, defaults included; the merge only covers older rows.
    options: optionValues(connector.kind, { ...defaultOptions(connector.kind), ...connector.options }),
    otherOptions: Object.fromEntries(Object.entries(connector.options).filter(([name]) => !described.has(name))),
    secrets: Object.fromEntries(
      connector.secretNames.map((name) => [name, { stored: true, action: 'keep', value: '' }]),
    ),
    allowPrivateNetworks: connector.allowPrivateNetworks.join('\n'),
    enabled: connector.enabled,
  };
}

/** A new connector's application changed: its options start again from that kind's defaults. */
export function withKind(state: ConnectorFormState, kind: ConnectorKind): ConnectorFormState {
  // A mode the person chose is kept if the new application can use it; a suggested one follows the kind.
  const keepMode =
    state.authMode !== suggestedAuthMode(state.kind) &&
    authModesFor(kind, suggestedAuthMode(kind)).includes(state.authMode);
  return {
    ...state,
    kind,
    authMode: keepMode ? state.authMode : suggestedAuthMode(kind),
    options: optionValues(kind, defaultOptions(kind)),
    otherOptions: {},
    // A new connector: nothing stored; what was typed for the other application is not its secret.
    secrets: {},
  };
}

function optionToRequest(field: OptionField, value: string | undefined): unknown {
  const text = value?.trim() ?? '';
  if (text === '') return undefined;
  // Anything else than an integer goes as typed: the contract refuses it under this field's path.
  if (field.type === 'integer') return /^-?\d+$/.test(text) ? Number(text) : text;
  return text;
}

/** The `options` object sent: visible fields (blank ones omitted, so defaults apply) plus undescribed ones. */
export function optionsToRequest(state: ConnectorFormState): Record<string, unknown> {
  const options: Record<string, unknown> = { ...state.otherOptions };
  for (const field of visibleOptionFields(state.kind, state.authMode)) {
    const value = optionToRequest(field, state.options[field.name]);
    if (value !== undefined) options[field.name] = value;
  }
  return options;
}

export function networksFromText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The secrets of the chosen mode given a value (sent exactly as typed: spaces may be part of them). */
function secretValues(state: ConnectorFormState): [string, string][] {
  return expectedSecretFields(state).flatMap((field) => {
    const value = valueToSend(secretDraft(state, field.name));
    return value === undefined ? [] : [[field.name, value]];
  });
}

/**
 * What the person may change beyond the collectivité's own settings: the private networks are the
 * installation operator's (policy `connector.allowPrivateNetworks`); for anyone else the form never sends them.
 */
export interface FormPermissions {
  privateNetworks: boolean;
}

export function toCreateRequest(state: ConnectorFormState, permissions: FormPermissions): CreateConnectorRequest {
  return {
    kind: state.kind,
    label: state.label.trim(),
    baseUrl: state.baseUrl.trim(),
    authMode: state.authMode,
    options: optionsToRequest(state),
    secrets: Object.fromEntries(secretValues(state)),
    allowPrivateNetworks: permissions.privateNetworks ? networksFromText(state.allowPrivateNetworks) : [],
    enabled: state.enabled,
  };
}

/**
 * The PUT body: every editable field, and in `secrets` only the changes — a value sets (replaced or
 * new), `null` removes, and a secret kept is left out so the server keeps it as it is.
 */
export function toUpdateRequest(state: ConnectorFormState, permissions: FormPermissions): UpdateConnectorRequest {
  const secrets: Record<string, string | null> = {};
  for (const [name, draft] of Object.entries(state.secrets)) {
    if (draft.stored && draft.action === 'remove') secrets[name] = null;
  }
  for (const [name, value] of secretValues(state)) secrets[name] = value;
  const body: UpdateConnectorRequest = {
    label: state.label.trim(),
    baseUrl: state.baseUrl.trim(),
    authMode: state.authMode,
    options: optionsToRequest(state),
    enabled: state.enabled,
  };
  if (permissions.privateNetworks) body.allowPrivateNetworks = networksFromText(state.allowPrivateNetworks);
  if (Object.keys(secrets).length > 0) body.secrets = secrets;
  return body;
}

type MessageKey =
  | 'kind'
  | 'label'
  | 'baseUrl'
  | 'authMode'
  | 'enabled'
  | 'secretValue'
  | 'secretReplacement'
  | 'secretsCount'
  | 'networksCount';

/** What the form says about a field it refuses, in the interface's language. */
const refusal = (key: MessageKey): string => i18n.t(`admin:validation.${key}`);

const PRIVATE_ADDRESS_MESSAGES = new Set([PRIVATE_ADDRESS_NEEDS_OPERATOR, PRIVATE_ADDRESS_NOT_ALLOWED]);

function networkMessage(state: ConnectorFormState, index: number): string {
  const entry = networksFromText(state.allowPrivateNetworks)[index];
  return entry === undefined
    ? i18n.t('admin:validation.networkLine', { line: index + 1 })
    : i18n.t('admin:validation.networkLineWithEntry', { line: index + 1, entry });
}

function addError(errors: FieldErrors, key: FieldKey, message: string): void {
  const current = errors[key];
  if (current === undefined) errors[key] = message;
  else if (!current.includes(message)) errors[key] = `${current} ${message}`;
}

/** Where a secret named in an error path is typed in the form, and what to say about it. */
function secretError(state: ConnectorFormState, name: string, message: string): [FieldKey, string] {
  const shown = expectedSecretFields(state).some((field) => field.name === name) || secretDraft(state, name).stored;
  if (!shown) return ['secrets', message];
  const draft = secretDraft(state, name);
  return [
    secretKey(name),
    draft.stored && draft.action === 'replace' ? refusal('secretReplacement') : refusal('secretValue'),
  ];
}

/**
 * The API's validation details (`body.options.port`, `body.allowPrivateNetworks.2`…) as messages
 * next to the fields they concern. Messages are the form's own, in the interface's language: the
 * server's may be zod's defaults. A path the form does not know goes to the top of the form.
 */
export function fieldErrorsFromDetails(details: readonly ErrorDetail[], state: ConnectorFormState): FieldErrors {
  const errors: FieldErrors = {};
  const visible = visibleOptionFields(state.kind, state.authMode);
  for (const detail of details) {
    const [root, ...rest] = detail.path.split('.');
    const [field, sub] = root === 'body' ? rest : [undefined];
    switch (field) {
      case 'baseUrl':
        // The server's own words when the address leads to a private network: they say who may allow it.
        addError(
          errors,
          field,
          PRIVATE_ADDRESS_MESSAGES.has(detail.message) ? privateNetworkMessage(detail.message) : refusal(field),
        );
        break;
      case 'kind':
      case 'label':
      case 'authMode':
      case 'enabled':
        addError(errors, field, refusal(field));
        break;
      case 'options': {
        const option = visible.find((candidate) => candidate.name === sub);
        if (option && PRIVATE_ADDRESS_MESSAGES.has(detail.message))
          addError(errors, optionKey(option.name), privateNetworkMessage(detail.message));
        else if (option) addError(errors, optionKey(option.name), optionExpectation(option));
        else
          addError(
            errors,
            'options',
            sub
              ? i18n.t('admin:validation.namedOptionRefused', { name: sub, message: detail.message })
              : i18n.t('admin:validation.optionRefused', { message: detail.message }),
          );
        break;
      }
      case 'secrets':
        if (sub === undefined) addError(errors, 'secrets', refusal('secretsCount'));
        else addError(errors, ...secretError(state, sub, detail.message));
        break;
      case 'allowPrivateNetworks': {
        const index = Number(sub);
        const said =
          detail.message === PRIVATE_NETWORKS_OPERATOR_ONLY
            ? privateNetworkMessage(detail.message)
            : sub !== undefined && Number.isInteger(index)
              ? networkMessage(state, index)
              : refusal('networksCount');
        addError(errors, 'allowPrivateNetworks', said);
        break;
      }
      default:
        addError(errors, FORM_KEY, detail.message);
    }
  }
  return errors;
}

/** Zod issues of a local check, as the server would have reported them. */
function asDetails(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  prefix: string,
): ErrorDetail[] {
  return issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)].join('.'), message: issue.message }));
}

/**
 * Checks the form before sending, with the contract itself plus what only the form can see (a value
 * typed without a name, the same name twice). The server checks everything again.
 */
export function validateForm(
  state: ConnectorFormState,
  mode: 'create' | 'update',
  permissions: FormPermissions,
): FieldErrors {
  const details: ErrorDetail[] = [];
  const body = mode === 'create' ? toCreateRequest(state, permissions) : toUpdateRequest(state, permissions);
  const schema = mode === 'create' ? createConnectorRequestSchema : updateConnectorRequestSchema;
  const parsed = schema.safeParse(body);
  if (!parsed.success) details.push(...asDetails(parsed.error.issues, 'body'));
  const options = parseConnectorOptions(state.kind, body.options);
  if (!options.success) details.push(...asDetails(options.error.issues, 'body.options'));
  const errors = fieldErrorsFromDetails(details, state);

  // A replacement asked for but not typed would silently keep the old value.
  for (const field of expectedSecretFields(state)) {
    const draft = secretDraft(state, field.name);
    if (draft.stored && draft.action === 'replace' && draft.value === '') {
      addError(errors, secretKey(field.name), refusal('secretReplacement'));
    }
  }
  return errors;
}

/** Field keys in the order of the form, so focus goes to the first invalid one. */
export function fieldOrder(state: ConnectorFormState): FieldKey[] {
  return [
    'kind',
    'label',
    'baseUrl',
    'authMode',
    ...visibleOptionFields(state.kind, state.authMode).map((field) => optionKey(field.name)),
    'options',
    ...expectedSecretFields(state).map((field) => secretKey(field.name)),
    ...otherStoredSecrets(state).map(secretKey),
    'secrets',
    'allowPrivateNetworks',
    'enabled',
    FORM_KEY,
  ];
}

export function firstInvalidField(state: ConnectorFormState, errors: FieldErrors): FieldKey | undefined {
  const order = fieldOrder(state);
  return order.find((key) => errors[key] !== undefined) ?? Object.keys(errors)[0];
}
