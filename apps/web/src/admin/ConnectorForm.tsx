import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { CONNECTOR_KINDS, authModeTexts, connectorKindLabel, secretFieldsOf, type Connector } from '@pleiade/contracts';
import { isApiError } from '../api/errors';
import {
  FORM_KEY,
  emptyForm,
  fieldErrorsFromDetails,
  fieldId,
  firstInvalidField,
  formFromConnector,
  newSecretDraft,
  newSecretNameKey,
  newSecretValueKey,
  optionKey,
  secretKey,
  validateForm,
  withKind,
  type ConnectorFormState,
  type ExistingSecretDraft,
  type FieldErrors,
  type FieldKey,
  type NewSecretDraft,
} from './connector-form';
import { authModesFor } from './auth-requirements';
import { visibleOptionFields, type OptionField } from './option-fields';

export type SaveOutcome = { ok: true } | { ok: false; error: unknown };

interface ConnectorFormProps {
  /** Absent: a new connector. */
  connector?: Connector;
  headingId: string;
  onSave: (state: ConnectorFormState) => Promise<SaveOutcome>;
  onCancel: () => void;
}

const errorId = (key: FieldKey): string => `${fieldId(key)}-error`;

/** The id of a radio button: the focus target (the field's id) for the checked one, derived otherwise. */
const radioId = (key: FieldKey, value: string, checked: string): string =>
  value === checked ? fieldId(key) : `${fieldId(key)}:${value}`;

/** The error of a field, in words (« Erreur : »), not only in colour. */
function FieldError({ errors, name }: { errors: FieldErrors; name: FieldKey }) {
  const message = errors[name];
  if (message === undefined) return null;
  return (
    <p id={errorId(name)} className="admin-field-error">
      <span aria-hidden="true">⚠ </span>Erreur : {message}
    </p>
  );
}

/** aria attributes tying a control to its hint and error. */
function described(errors: FieldErrors, name: FieldKey, hintId?: string) {
  const ids = [hintId, errors[name] !== undefined ? errorId(name) : undefined].filter(Boolean).join(' ');
  return {
    id: fieldId(name),
    'aria-invalid': errors[name] !== undefined ? true : undefined,
    'aria-describedby': ids === '' ? undefined : ids,
  } as const;
}

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="admin-hint">
      {children}
    </p>
  );
}

function failureMessage(error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 403)
      return 'Vous n’avez pas le droit de gérer les applications connectées de la collectivité.';
    return error.requestId ? `${error.message} (référence : ${error.requestId})` : error.message;
  }
  return 'Une erreur inattendue est survenue.';
}

/** Turns a failed save into field errors: 400 details next to their fields, 409 on the label. */
function errorsOfFailure(error: unknown, state: ConnectorFormState): FieldErrors {
  if (isApiError(error) && error.code === 'CONNECTOR_LABEL_TAKEN') return { label: error.message };
  if (isApiError(error) && error.code === 'VALIDATION_FAILED' && error.details.length > 0) {
    return fieldErrorsFromDetails(error.details, state);
  }
  return { [FORM_KEY]: failureMessage(error) };
}

export function ConnectorForm({ connector, headingId, onSave, onCancel }: ConnectorFormProps) {
  const [state, setState] = useState<ConnectorFormState>(() =>
    connector ? formFromConnector(connector) : emptyForm(),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [focusKey, setFocusKey] = useState<{ key: FieldKey } | null>(null);
  const uid = useId();
  const hint = (name: string): string => `${uid}-${name}-hint`;
  const creating = connector === undefined;
  const savingRef = useRef(false);

  useEffect(() => {
    if (!focusKey) return;
    const element = document.getElementById(fieldId(focusKey.key));
    element?.focus();
  }, [focusKey]);

  const update = (patch: Partial<ConnectorFormState>): void => setState((current) => ({ ...current, ...patch }));
  const errorCount = Object.keys(errors).length;

  const fail = (next: FieldErrors, from: ConnectorFormState): void => {
    setErrors(next);
    const first = firstInvalidField(from, next);
    if (first !== undefined) setFocusKey({ key: first });
  };

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (savingRef.current) return;
    const local = validateForm(state, creating ? 'create' : 'update');
    if (Object.keys(local).length > 0) {
      fail(local, state);
      return;
    }
    savingRef.current = true;
    setSaving(true);
    const submitted = state;
    const outcome = await onSave(submitted);
    savingRef.current = false;
    setSaving(false);
    // On success the parent closes the form; on failure everything typed stays as it was.
    if (!outcome.ok) fail(errorsOfFailure(outcome.error, submitted), submitted);
  };

  const setExistingSecret = (name: string, patch: Partial<ExistingSecretDraft>): void =>
    setState((current) => ({
      ...current,
      existingSecrets: current.existingSecrets.map((secret) =>
        secret.name === name ? { ...secret, ...patch } : secret,
      ),
    }));
  const setNewSecret = (id: string, patch: Partial<NewSecretDraft>): void =>
    setState((current) => ({
      ...current,
      newSecrets: current.newSecrets.map((draft) => (draft.id === id ? { ...draft, ...patch } : draft)),
    }));
  const addSecret = (name = ''): void => {
    const draft = { ...newSecretDraft(), name };
    setState((current) => ({ ...current, newSecrets: [...current.newSecrets, draft] }));
    setFocusKey({ key: name === '' ? newSecretNameKey(draft.id) : newSecretValueKey(draft.id) });
  };
  const removeNewSecret = (id: string): void => {
    setState((current) => ({ ...current, newSecrets: current.newSecrets.filter((draft) => draft.id !== id) }));
    setFocusKey({ key: 'secrets' });
  };

  const options = visibleOptionFields(state.kind, state.authMode);
  const expected = secretFieldsOf(state.kind, state.authMode);

  return (
    <form className="admin-form" noValidate aria-labelledby={headingId} onSubmit={(event) => void submit(event)}>
      {errorCount > 0 && (
        <div role="alert" className="admin-form-alert" id={fieldId(FORM_KEY)} tabIndex={-1}>
          <p className="admin-form-alert-title">
            {errorCount === 1
              ? 'L’application n’a pas été enregistrée : un point est à corriger.'
              : `L’application n’a pas été enregistrée : ${errorCount} points sont à corriger.`}
          </p>
          {errors[FORM_KEY] !== undefined && <p>{errors[FORM_KEY]}</p>}
        </div>
      )}

      <div className="admin-field">
        {creating ? (
          <>
            <label htmlFor={fieldId('kind')}>Application</label>
            <select
              {...described(errors, 'kind', hint('kind'))}
              value={state.kind}
              onChange={(event) => {
                const kind = CONNECTOR_KINDS.find((known) => known === event.target.value);
                if (kind) setState((current) => withKind(current, kind));
              }}
            >
              {CONNECTOR_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {connectorKindLabel(kind)}
                </option>
              ))}
            </select>
            <Hint id={hint('kind')}>Ne peut plus être changée après la création.</Hint>
            <FieldError errors={errors} name="kind" />
          </>
        ) : (
          <p>
            <span className="admin-field-label">Application</span> {connectorKindLabel(state.kind)}{' '}
            <span className="admin-hint">(fixée à la création)</span>
          </p>
        )}
      </div>

      <div className="admin-field">
        <label htmlFor={fieldId('label')}>Libellé</label>
        <input
          {...described(errors, 'label', hint('label'))}
          type="text"
          required
          maxLength={80}
          autoComplete="off"
          value={state.label}
          onChange={(event) => update({ label: event.target.value })}
        />
        <Hint id={hint('label')}>
          Le nom que verront les agents, unique dans la collectivité (80 caractères au plus).
        </Hint>
        <FieldError errors={errors} name="label" />
      </div>

      <div className="admin-field">
        <label htmlFor={fieldId('baseUrl')}>Adresse</label>
        <input
          {...described(errors, 'baseUrl', hint('baseUrl'))}
          type="url"
          required
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          value={state.baseUrl}
          onChange={(event) => update({ baseUrl: event.target.value })}
        />
        <Hint id={hint('baseUrl')}>L’adresse de base de l’application, par exemple https://cloud.exemple.fr.</Hint>
        <FieldError errors={errors} name="baseUrl" />
      </div>

      <fieldset className="admin-fieldset" aria-describedby={errors.authMode ? errorId('authMode') : undefined}>
        <legend>Mode d’authentification</legend>
        {authModesFor(state.kind, connector?.authMode ?? state.authMode).map((mode) => {
          // Focus lands on the checked choice, as arrow keys would.
          const id = radioId('authMode', mode, state.authMode);
          return (
            <div className="admin-choice" key={mode}>
              <input
                type="radio"
                name={`${uid}-authMode`}
                id={id}
                value={mode}
                checked={state.authMode === mode}
                aria-invalid={errors.authMode !== undefined ? true : undefined}
                aria-describedby={hint(`mode-${mode}`)}
                onChange={() => update({ authMode: mode })}
              />
              <label htmlFor={id}>{authModeTexts(state.kind, mode).label}</label>
              <Hint id={hint(`mode-${mode}`)}>{authModeTexts(state.kind, mode).help}</Hint>
            </div>
          );
        })}
        <FieldError errors={errors} name="authMode" />
      </fieldset>

      <fieldset className="admin-fieldset" id={fieldId('options')} tabIndex={-1}>
        <legend>Options de {connectorKindLabel(state.kind)}</legend>
        {options.length === 0 && <p className="admin-hint">Cette application n’a pas d’option pour ce mode.</p>}
        {options.map((field) => (
          <OptionInput
            key={field.name}
            field={field}
            value={state.options[field.name] ?? ''}
            errors={errors}
            uid={uid}
            hintId={hint(`option-${field.name}`)}
            onChange={(value) => update({ options: { ...state.options, [field.name]: value } })}
          />
        ))}
        <FieldError errors={errors} name="options" />
      </fieldset>

      <fieldset className="admin-fieldset">
        <legend>Secrets</legend>
        <Hint id={hint('secrets')}>
          Clés, mots de passe ou jetons utilisés par Pléiade pour cette application. Ils sont chiffrés et ne sont jamais
          réaffichés : on peut seulement les remplacer ou les supprimer.
        </Hint>
        {expected.length > 0 && (
          <div className="admin-expected">
            <p>Secrets attendus pour ce mode :</p>
            <ul>
              {expected.map((secret) => {
                const present =
                  state.existingSecrets.some((row) => row.name === secret.name && row.action !== 'remove') ||
                  state.newSecrets.some((row) => row.name.trim() === secret.name);
                return (
                  <li key={secret.name}>
                    <code>{secret.name}</code> — {secret.label}
                    {secret.optional ? ' (facultatif)' : ''} : {present ? 'prévu' : 'à définir'}
                    {!present && (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="button button-secondary"
                          onClick={() => addSecret(secret.name)}
                        >
                          Définir<span className="visually-hidden"> le secret</span> « {secret.name} »
                        </button>
                      </>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        )}
        {state.existingSecrets.length > 0 && (
          <ul className="admin-secret-list">
            {state.existingSecrets.map((secret) => (
              <ExistingSecretRow
                key={secret.name}
                secret={secret}
                errors={errors}
                onChange={(patch) => setExistingSecret(secret.name, patch)}
                focus={(key) => setFocusKey({ key })}
              />
            ))}
          </ul>
        )}
        {state.newSecrets.map((draft, index) => (
          <div className="admin-secret-new" key={draft.id} role="group" aria-label={`Nouveau secret ${index + 1}`}>
            <div className="admin-field">
              <label htmlFor={fieldId(newSecretNameKey(draft.id))}>Nom du nouveau secret</label>
              <input
                {...described(errors, newSecretNameKey(draft.id))}
                type="text"
                autoComplete="off"
                spellCheck={false}
                value={draft.name}
                onChange={(event) => setNewSecret(draft.id, { name: event.target.value })}
              />
              <FieldError errors={errors} name={newSecretNameKey(draft.id)} />
            </div>
            <div className="admin-field">
              <label htmlFor={fieldId(newSecretValueKey(draft.id))}>
                Valeur{draft.name.trim() ? ` de « ${draft.name.trim()} »` : ''}
              </label>
              <input
                {...described(errors, newSecretValueKey(draft.id))}
                type="password"
                autoComplete="new-password"
                spellCheck={false}
                value={draft.value}
                onChange={(event) => setNewSecret(draft.id, { value: event.target.value })}
              />
              <FieldError errors={errors} name={newSecretValueKey(draft.id)} />
            </div>
            <button type="button" className="button button-secondary" onClick={() => removeNewSecret(draft.id)}>
              Retirer ce secret{draft.name.trim() ? ` « ${draft.name.trim()} »` : ''}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-secondary"
          {...described(errors, 'secrets', hint('secrets'))}
          onClick={() => addSecret()}
        >
          Ajouter un secret
        </button>
        <FieldError errors={errors} name="secrets" />
      </fieldset>

      <div className="admin-field">
        <label htmlFor={fieldId('allowPrivateNetworks')}>Réseaux privés autorisés</label>
        <textarea
          {...described(errors, 'allowPrivateNetworks', hint('allowPrivateNetworks'))}
          rows={3}
          spellCheck={false}
          value={state.allowPrivateNetworks}
          onChange={(event) => update({ allowPrivateNetworks: event.target.value })}
        />
        <Hint id={hint('allowPrivateNetworks')}>
          Un par ligne : sous-réseau (10.0.0.0/8), adresse IP ou nom d’hôte. Seulement si l’application est hébergée sur
          un réseau interne ; par sécurité, Pléiade refuse sinon les adresses privées.
        </Hint>
        <FieldError errors={errors} name="allowPrivateNetworks" />
      </div>

      <div className="admin-field admin-choice">
        <input
          {...described(errors, 'enabled', hint('enabled'))}
          type="checkbox"
          checked={state.enabled}
          onChange={(event) => update({ enabled: event.target.checked })}
        />
        <label htmlFor={fieldId('enabled')}>Activé</label>
        <Hint id={hint('enabled')}>Désactivé, le connecteur est conservé mais les widgets ne l’utilisent plus.</Hint>
        <FieldError errors={errors} name="enabled" />
      </div>

      <div className="admin-form-actions">
        <button type="submit" className="button button-primary" aria-disabled={saving || undefined}>
          {saving ? 'Enregistrement…' : creating ? 'Ajouter l’application' : 'Enregistrer les modifications'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Annuler
        </button>
      </div>
      <p role="status" className="visually-hidden">
        {saving ? 'Enregistrement en cours…' : ''}
      </p>
    </form>
  );
}

function OptionInput({
  field,
  value,
  errors,
  hintId,
  uid,
  onChange,
}: {
  field: OptionField;
  value: string;
  errors: FieldErrors;
  hintId: string;
  uid: string;
  onChange: (value: string) => void;
}) {
  const key = optionKey(field.name);
  const label = `${field.label}${field.required ? ' (obligatoire)' : ''}`;
  if (field.type === 'choice') {
    return (
      <fieldset className="admin-fieldset" aria-describedby={errors[key] !== undefined ? errorId(key) : undefined}>
        <legend>{label}</legend>
        {field.choices.map((choice) => {
          const id = radioId(key, choice.value, value || (field.choices[0]?.value ?? ''));
          return (
            <div className="admin-choice" key={choice.value}>
              <input
                type="radio"
                name={`${uid}-${key}`}
                id={id}
                value={choice.value}
                checked={value === choice.value}
                aria-invalid={errors[key] !== undefined ? true : undefined}
                onChange={() => onChange(choice.value)}
              />
              <label htmlFor={id}>{choice.label}</label>
            </div>
          );
        })}
        {field.help && <Hint id={hintId}>{field.help}</Hint>}
        <FieldError errors={errors} name={key} />
      </fieldset>
    );
  }
  return (
    <div className="admin-field">
      <label htmlFor={fieldId(key)}>{label}</label>
      <input
        {...described(errors, key, field.help ? hintId : undefined)}
        type={field.type === 'text' && field.url ? 'url' : 'text'}
        inputMode={field.type === 'integer' ? 'numeric' : field.url ? 'url' : undefined}
        autoComplete="off"
        spellCheck={false}
        required={field.required}
        maxLength={field.type === 'text' ? field.maxLength : undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      {field.help && <Hint id={hintId}>{field.help}</Hint>}
      <FieldError errors={errors} name={key} />
    </div>
  );
}

function ExistingSecretRow({
  secret,
  errors,
  onChange,
  focus,
}: {
  secret: ExistingSecretDraft;
  errors: FieldErrors;
  onChange: (patch: Partial<ExistingSecretDraft>) => void;
  focus: (key: FieldKey) => void;
}) {
  const key = secretKey(secret.name);
  // Each button gives way to another: focus moves to it, so keyboard users keep their place.
  const replaceKey = `${key}:replace`;
  const undoKey = `${key}:undo`;
  const status =
    secret.action === 'keep'
      ? 'défini'
      : secret.action === 'replace'
        ? 'sera remplacé'
        : 'sera supprimé à l’enregistrement';
  return (
    <li className="admin-secret">
      <p>
        <span className="admin-secret-name">{secret.name}</span> : <span className="admin-secret-status">{status}</span>
      </p>
      {secret.action === 'keep' && (
        <div className="admin-secret-actions">
          <button
            type="button"
            id={fieldId(replaceKey)}
            className="button button-secondary"
            onClick={() => {
              onChange({ action: 'replace', value: '' });
              focus(key);
            }}
          >
            Remplacer<span className="visually-hidden"> le secret {secret.name}</span>
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              onChange({ action: 'remove', value: '' });
              focus(undoKey);
            }}
          >
            Supprimer<span className="visually-hidden"> le secret {secret.name}</span>
          </button>
        </div>
      )}
      {secret.action === 'replace' && (
        <div className="admin-field">
          <label htmlFor={fieldId(key)}>Nouvelle valeur de « {secret.name} »</label>
          <input
            {...described(errors, key)}
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            value={secret.value}
            onChange={(event) => onChange({ value: event.target.value })}
          />
          <FieldError errors={errors} name={key} />
        </div>
      )}
      {secret.action !== 'keep' && (
        <button
          type="button"
          id={fieldId(undoKey)}
          className="button button-secondary"
          onClick={() => {
            onChange({ action: 'keep', value: '' });
            focus(replaceKey);
          }}
        >
          {secret.action === 'replace' ? 'Annuler le remplacement' : 'Annuler la suppression'}
          <span className="visually-hidden"> du secret {secret.name}</span>
        </button>
      )}
    </li>
  );
}
