import {
  connectorDefinition,
  connectorSecretNameSchema,
  optionFieldsOf,
  createConnectorRequestSchema,
  parseConnectorOptions,
  updateConnectorRequestSchema,
  type Connector,
  type ConnectorAuthMode,
  type ConnectorKind,
  type CreateConnectorRequest,
  type ErrorDetail,
  type UpdateConnectorRequest,
} from '@pleiade/contracts';
import { authModesFor } from './auth-requirements';
import { optionExpectation, visibleOptionFields, type OptionField } from './option-fields';

/**
 * The connector form as typed, and its two translations: to the API's request bodies, and from the
 * API's validation details back to the fields. Pure, so the rules are unit-tested without a DOM.
 */

/** A secret the connector already has: its value is never shown, only replaced or removed. */
export interface ExistingSecretDraft {
  name: string;
  action: 'keep' | 'replace' | 'remove';
  /** The replacement, when `action` is `replace`. */
  value: string;
}

export interface NewSecretDraft {
  /** Stable across renders and edits of the name (React key, field ids). */
  id: string;
  name: string;
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
  existingSecrets: ExistingSecretDraft[];
  newSecrets: NewSecretDraft[];
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
export const newSecretNameKey = (id: string): FieldKey => `newSecret:${id}:name`;
export const newSecretValueKey = (id: string): FieldKey => `newSecret:${id}:value`;
export const optionKey = (name: string): FieldKey => `options.${name}`;

/** The DOM id of a field's control: keys are unique and space-free (secret names, draft ids), so ids are too. */
export function fieldId(key: FieldKey): string {
  return `connector-${key}`;
}

/** The mode proposed when an application is chosen for a new connector. */
const suggestedAuthMode = (kind: ConnectorKind): ConnectorAuthMode => connectorDefinition(kind).suggestedAuthMode;

let draftCounter = 0;
export function newSecretDraft(): NewSecretDraft {
  draftCounter += 1;
  return { id: `n${draftCounter}`, name: '', value: '' };
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
    existingSecrets: [],
    newSecrets: [],
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
    existingSecrets: connector.secretNames.map((name) => ({ name, action: 'keep', value: '' })),
    newSecrets: [],
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

/** New secrets with a name; a row left entirely blank is ignored. */
function newSecretEntries(state: ConnectorFormState): [string, string][] {
  return state.newSecrets
    .filter((draft) => draft.name.trim() !== '' || draft.value !== '')
    .map((draft) => [draft.name.trim(), draft.value]);
}

export function toCreateRequest(state: ConnectorFormState): CreateConnectorRequest {
  return {
    kind: state.kind,
    label: state.label.trim(),
    baseUrl: state.baseUrl.trim(),
    authMode: state.authMode,
    options: optionsToRequest(state),
    secrets: Object.fromEntries(newSecretEntries(state)),
    allowPrivateNetworks: networksFromText(state.allowPrivateNetworks),
    enabled: state.enabled,
  };
}

/**
 * The PUT body: every editable field, and in `secrets` only the changes — a value sets (replaced or
 * new), `null` removes, and a secret kept is left out so the server keeps it as it is.
 */
export function toUpdateRequest(state: ConnectorFormState): UpdateConnectorRequest {
  const secrets: Record<string, string | null> = {};
  for (const secret of state.existingSecrets) {
    if (secret.action === 'remove') secrets[secret.name] = null;
    if (secret.action === 'replace') secrets[secret.name] = secret.value;
  }
  for (const [name, value] of newSecretEntries(state)) secrets[name] = value;
  const body: UpdateConnectorRequest = {
    label: state.label.trim(),
    baseUrl: state.baseUrl.trim(),
    authMode: state.authMode,
    options: optionsToRequest(state),
    allowPrivateNetworks: networksFromText(state.allowPrivateNetworks),
    enabled: state.enabled,
  };
  if (Object.keys(secrets).length > 0) body.secrets = secrets;
  return body;
}

const MESSAGES = {
  kind: 'Choisissez l’application.',
  label: 'Indiquez un libellé (80 caractères au plus).',
  baseUrl:
    'Indiquez une adresse http(s) absolue, sans identifiants, paramètres (?…) ni fragment (#…), par exemple https://cloud.exemple.fr.',
  authMode: 'Choisissez un mode d’authentification.',
  enabled: 'Cochez ou décochez la case.',
  secretName: 'Nom du secret : une lettre, puis des lettres, chiffres, « _ » ou « - » (64 caractères au plus).',
  secretValue: 'Saisissez la valeur du secret (4 096 caractères au plus).',
  secretReplacement: 'Saisissez la nouvelle valeur, ou annulez le remplacement.',
  secretsCount: 'Un connecteur a au plus 20 secrets.',
  networksCount: 'Indiquez au plus 20 réseaux.',
} as const;

function networkMessage(state: ConnectorFormState, index: number): string {
  const entry = networksFromText(state.allowPrivateNetworks)[index];
  const what = entry === undefined ? '' : ` (« ${entry} »)`;
  return `Ligne ${index + 1}${what} : indiquez un sous-réseau (10.0.0.0/8), une adresse IP ou un nom d’hôte.`;
}

function addError(errors: FieldErrors, key: FieldKey, message: string): void {
  const current = errors[key];
  if (current === undefined) errors[key] = message;
  else if (!current.includes(message)) errors[key] = `${current} ${message}`;
}

/** Where a secret named in an error path is typed in the form, and what to say about it. */
function secretError(state: ConnectorFormState, name: string): [FieldKey, string] {
  const existing = state.existingSecrets.find((secret) => secret.name === name && secret.action === 'replace');
  if (existing) return [secretKey(name), MESSAGES.secretReplacement];
  const draft = state.newSecrets.find((row) => row.name.trim() === name);
  if (!draft) return ['secrets', MESSAGES.secretName];
  if (!connectorSecretNameSchema.safeParse(name).success) return [newSecretNameKey(draft.id), MESSAGES.secretName];
  return [newSecretValueKey(draft.id), MESSAGES.secretValue];
}

/**
 * The API's validation details (`body.options.port`, `body.allowPrivateNetworks.2`…) as messages
 * next to the fields they concern. Messages are the form's own French ones: the server's may be
 * zod's English defaults. A path the form does not know goes to the top of the form.
 */
export function fieldErrorsFromDetails(details: readonly ErrorDetail[], state: ConnectorFormState): FieldErrors {
  const errors: FieldErrors = {};
  const visible = visibleOptionFields(state.kind, state.authMode);
  for (const detail of details) {
    const [root, ...rest] = detail.path.split('.');
    const [field, sub] = root === 'body' ? rest : [undefined];
    switch (field) {
      case 'kind':
      case 'label':
      case 'baseUrl':
      case 'authMode':
      case 'enabled':
        addError(errors, field, MESSAGES[field]);
        break;
      case 'options': {
        const option = visible.find((candidate) => candidate.name === sub);
        if (option) addError(errors, optionKey(option.name), optionExpectation(option));
        else addError(errors, 'options', `Option ${sub ? `« ${sub} » ` : ''}refusée : ${detail.message}`);
        break;
      }
      case 'secrets':
        if (sub === undefined) addError(errors, 'secrets', MESSAGES.secretsCount);
        else addError(errors, ...secretError(state, sub));
        break;
      case 'allowPrivateNetworks': {
        const index = Number(sub);
        const message =
          sub !== undefined && Number.isInteger(index) ? networkMessage(state, index) : MESSAGES.networksCount;
        addError(errors, 'allowPrivateNetworks', message);
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
export function validateForm(state: ConnectorFormState, mode: 'create' | 'update'): FieldErrors {
  const details: ErrorDetail[] = [];
  const body = mode === 'create' ? toCreateRequest(state) : toUpdateRequest(state);
  const schema = mode === 'create' ? createConnectorRequestSchema : updateConnectorRequestSchema;
  const parsed = schema.safeParse(body);
  if (!parsed.success) details.push(...asDetails(parsed.error.issues, 'body'));
  const options = parseConnectorOptions(state.kind, body.options);
  if (!options.success) details.push(...asDetails(options.error.issues, 'body.options'));
  const errors = fieldErrorsFromDetails(details, state);

  const existing = new Set(state.existingSecrets.map((secret) => secret.name));
  const added = new Set<string>();
  for (const draft of state.newSecrets) {
    const name = draft.name.trim();
    if (name === '' && draft.value === '') continue;
    const nameKey = newSecretNameKey(draft.id);
    if (name === '') addError(errors, nameKey, MESSAGES.secretName);
    else if (existing.has(name))
      addError(errors, nameKey, `Le secret « ${name} » existe déjà : utilisez « Remplacer ».`);
    else if (added.has(name)) addError(errors, nameKey, `Le secret « ${name} » est déjà ajouté plus haut.`);
    else if (draft.value === '') addError(errors, newSecretValueKey(draft.id), MESSAGES.secretValue);
    added.add(name);
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
    ...state.existingSecrets.map((secret) => secretKey(secret.name)),
    ...state.newSecrets.flatMap((draft) => [newSecretNameKey(draft.id), newSecretValueKey(draft.id)]),
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
