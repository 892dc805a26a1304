import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CONNECTOR_KINDS, type Connector, type SecretField } from '@pleiade/contracts';
import { isApiError } from '../api/errors';
import { i18n } from '../i18n';
import { connectorKindName } from '../i18n/kinds';
import {
  FORM_KEY,
  emptyForm,
  fieldErrorsFromDetails,
  fieldId,
  firstInvalidField,
  formFromConnector,
  networksFromText,
  expectedSecretFields,
  otherStoredSecrets,
  secretDraft,
  optionKey,
  secretKey,
  validateForm,
  withKind,
  type ConnectorFormState,
  type FieldErrors,
  type FieldKey,
  type SecretDraft,
} from './connector-form';
import { authModesFor, secretLabel } from './auth-requirements';
import { authModeTextsIn } from './contract-texts';
import { visibleOptionFields, type OptionField } from './option-fields';

export type SaveOutcome = { ok: true } | { ok: false; error: unknown };

interface ConnectorFormProps {
  /** Absent: a new connector. */
  connector?: Connector;
  headingId: string;
  onSave: (state: ConnectorFormState) => Promise<SaveOutcome>;
  onCancel: () => void;
  /** Whether the person may change the private networks (the operator): else shown, not editable. */
  privateNetworksEditable: boolean;
}

const errorId = (key: FieldKey): string => `${fieldId(key)}-error`;

/** The id of a radio button: the focus target (the field's id) for the checked one, derived otherwise. */
const radioId = (key: FieldKey, value: string, checked: string): string =>
  value === checked ? fieldId(key) : `${fieldId(key)}:${value}`;

/** The error of a field, in words (« Erreur : »), not only in colour. */
function FieldError({ errors, name }: { errors: FieldErrors; name: FieldKey }) {
  const { t } = useTranslation('admin');
  const message = errors[name];
  if (message === undefined) return null;
  return (
    <p id={errorId(name)} className="admin-field-error">
      <span aria-hidden="true">⚠ </span>
      {t('form.error', { message })}
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
    if (error.status === 403) return i18n.t('admin:form.forbidden');
    return error.requestId
      ? i18n.t('admin:form.withReference', { message: error.message, reference: error.requestId })
      : error.message;
  }
  return i18n.t('admin:form.unexpected');
}

/** Turns a failed save into field errors: 400 details next to their fields, 409 on the label. */
function errorsOfFailure(error: unknown, state: ConnectorFormState): FieldErrors {
  if (isApiError(error) && error.code === 'CONNECTOR_LABEL_TAKEN') return { label: error.message };
  // 403 with details: a field only the operator may change (the private networks).
  if (
    isApiError(error) &&
    (error.code === 'VALIDATION_FAILED' || error.code === 'FORBIDDEN') &&
    error.details.length > 0
  ) {
    return fieldErrorsFromDetails(error.details, state);
  }
  return { [FORM_KEY]: failureMessage(error) };
}

export function ConnectorForm({ connector, headingId, onSave, onCancel, privateNetworksEditable }: ConnectorFormProps) {
  const { t } = useTranslation('admin');
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
    const local = validateForm(state, creating ? 'create' : 'update', { privateNetworks: privateNetworksEditable });
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

  const setSecret = (name: string, patch: Partial<SecretDraft>): void =>
    setState((current) => ({
      ...current,
      secrets: { ...current.secrets, [name]: { ...secretDraft(current, name), ...patch } },
    }));

  const options = visibleOptionFields(state.kind, state.authMode);
  const expected = expectedSecretFields(state);
  const others = otherStoredSecrets(state);

  return (
    <form className="admin-form" noValidate aria-labelledby={headingId} onSubmit={(event) => void submit(event)}>
      {errorCount > 0 && (
        <div role="alert" className="admin-form-alert" id={fieldId(FORM_KEY)} tabIndex={-1}>
          <p className="admin-form-alert-title">{t('form.notSaved', { count: errorCount })}</p>
          {errors[FORM_KEY] !== undefined && <p>{errors[FORM_KEY]}</p>}
        </div>
      )}

      <div className="admin-field">
        {creating ? (
          <>
            <label htmlFor={fieldId('kind')}>{t('form.application')}</label>
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
                  {connectorKindName(kind)}
                </option>
              ))}
            </select>
            <Hint id={hint('kind')}>{t('form.applicationHint')}</Hint>
            <FieldError errors={errors} name="kind" />
          </>
        ) : (
          <p>
            <span className="admin-field-label">{t('form.application')}</span> {connectorKindName(state.kind)}{' '}
            <span className="admin-hint">{t('form.applicationFixed')}</span>
          </p>
        )}
      </div>

      <div className="admin-field">
        <label htmlFor={fieldId('label')}>{t('form.label')}</label>
        <input
          {...described(errors, 'label', hint('label'))}
          type="text"
          required
          maxLength={80}
          autoComplete="off"
          value={state.label}
          onChange={(event) => update({ label: event.target.value })}
        />
        <Hint id={hint('label')}>{t('form.labelHint')}</Hint>
        <FieldError errors={errors} name="label" />
      </div>

      <div className="admin-field">
        <label htmlFor={fieldId('baseUrl')}>{t('form.address')}</label>
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
        <Hint id={hint('baseUrl')}>{t('form.addressHint')}</Hint>
        <FieldError errors={errors} name="baseUrl" />
      </div>

      <fieldset className="admin-fieldset" aria-describedby={errors.authMode ? errorId('authMode') : undefined}>
        <legend>{t('form.authMode')}</legend>
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
              <label htmlFor={id}>{authModeTextsIn(state.kind, mode).label}</label>
              <Hint id={hint(`mode-${mode}`)}>{authModeTextsIn(state.kind, mode).help}</Hint>
            </div>
          );
        })}
        <FieldError errors={errors} name="authMode" />
      </fieldset>

      <fieldset className="admin-fieldset" id={fieldId('options')} tabIndex={-1}>
        <legend>{t('form.options', { application: connectorKindName(state.kind) })}</legend>
        {options.length === 0 && <p className="admin-hint">{t('form.noOptions')}</p>}
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

      <fieldset className="admin-fieldset" id={fieldId('secrets')} tabIndex={-1} aria-describedby={hint('secrets')}>
        <legend>{t('form.secrets')}</legend>
        <Hint id={hint('secrets')}>{t('form.secretsHint')}</Hint>
        {expected.length === 0 && <p className="admin-hint">{t('form.noSecrets')}</p>}
        {expected.map((field) => (
          <SecretInput
            key={field.name}
            field={field}
            draft={secretDraft(state, field.name)}
            errors={errors}
            hintId={hint(`secret-${field.name}`)}
            onChange={(patch) => setSecret(field.name, patch)}
            focus={(key) => setFocusKey({ key })}
          />
        ))}
        {others.length > 0 && (
          <div className="admin-other-secrets">
            <p>{t('form.otherSecrets')}</p>
            <ul className="admin-secret-list">
              {others.map((name) => (
                <OtherSecretRow
                  key={name}
                  name={name}
                  label={secretLabel(state.kind, name)}
                  draft={secretDraft(state, name)}
                  onChange={(patch) => setSecret(name, patch)}
                  focus={(key) => setFocusKey({ key })}
                />
              ))}
            </ul>
          </div>
        )}
        <FieldError errors={errors} name="secrets" />
      </fieldset>

      {privateNetworksEditable ? (
        <div className="admin-field">
          <label htmlFor={fieldId('allowPrivateNetworks')}>{t('form.privateNetworks')}</label>
          <textarea
            {...described(errors, 'allowPrivateNetworks', hint('allowPrivateNetworks'))}
            rows={3}
            spellCheck={false}
            value={state.allowPrivateNetworks}
            onChange={(event) => update({ allowPrivateNetworks: event.target.value })}
          />
          <Hint id={hint('allowPrivateNetworks')}>{t('form.privateNetworksHint')}</Hint>
          <FieldError errors={errors} name="allowPrivateNetworks" />
        </div>
      ) : (
        <div className="admin-field" id={fieldId('allowPrivateNetworks')} tabIndex={-1}>
          <p>
            <span className="admin-field-label">{t('form.privateNetworks')}</span>{' '}
            {networksFromText(state.allowPrivateNetworks).join(', ') || t('form.noPrivateNetworks')}
          </p>
          <Hint id={hint('allowPrivateNetworks')}>{t('form.privateNetworksOperatorHint')}</Hint>
          <FieldError errors={errors} name="allowPrivateNetworks" />
        </div>
      )}

      <div className="admin-field admin-choice">
        <input
          {...described(errors, 'enabled', hint('enabled'))}
          type="checkbox"
          checked={state.enabled}
          onChange={(event) => update({ enabled: event.target.checked })}
        />
        <label htmlFor={fieldId('enabled')}>{t('form.enabled')}</label>
        <Hint id={hint('enabled')}>{t('form.enabledHint')}</Hint>
        <FieldError errors={errors} name="enabled" />
      </div>

      <div className="admin-form-actions">
        <button type="submit" className="button button-primary" aria-disabled={saving || undefined}>
          {saving ? t('form.saving') : creating ? t('form.add') : t('form.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
      <p role="status" className="visually-hidden">
        {saving ? t('form.savingStatus') : ''}
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
  const { t } = useTranslation('admin');
  const key = optionKey(field.name);
  const label = field.required ? t('form.required', { label: field.label }) : field.label;
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

/** What a secret's field says about its state (never its value). */
function secretStatus(draft: SecretDraft): string {
  if (!draft.stored) return i18n.t('admin:form.secretUnset');
  if (draft.action === 'replace') return i18n.t('admin:form.secretReplaced');
  if (draft.action === 'remove') return i18n.t('admin:form.secretRemoved');
  return i18n.t('admin:form.secretSet');
}

/**
 * One secret the mode reads, under its name in French with its explanation. Not set yet: a field
 * to type it. Set: « Remplacer » or « Supprimer », each undoable; each button gives way to
 * another and focus follows, so keyboard users keep their place.
 */
function SecretInput({
  field,
  draft,
  errors,
  hintId,
  onChange,
  focus,
}: {
  field: SecretField;
  draft: SecretDraft;
  errors: FieldErrors;
  hintId: string;
  onChange: (patch: Partial<SecretDraft>) => void;
  focus: (key: FieldKey) => void;
}) {
  const { t } = useTranslation('admin');
  const key = secretKey(field.name);
  const replaceKey = `${key}:replace`;
  const undoKey = `${key}:undo`;
  const label = field.optional ? t('form.optional', { label: field.label }) : field.label;
  const target = <span className="visually-hidden">{t('form.fieldTarget', { label: field.label })}</span>;
  const typing = !draft.stored || draft.action === 'replace';
  const input = {
    ...described(errors, key, hintId),
    autoComplete: 'new-password',
    spellCheck: false,
    value: draft.value,
  } as const;
  return (
    <div className="admin-field admin-secret-field">
      {typing ? (
        <label htmlFor={fieldId(key)}>{draft.stored ? t('form.newValue', { label }) : label}</label>
      ) : (
        <p className="admin-field-label">{label}</p>
      )}
      {draft.stored && <p className="admin-secret-status">{secretStatus(draft)}</p>}
      {typing &&
        (field.multiline ? (
          <textarea {...input} rows={6} onChange={(event) => onChange({ value: event.target.value })} />
        ) : (
          <input {...input} type="password" onChange={(event) => onChange({ value: event.target.value })} />
        ))}
      <Hint id={hintId}>{field.help}</Hint>
      {draft.stored && draft.action === 'keep' && (
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
            {t('form.replace')}
            {target}
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              onChange({ action: 'remove', value: '' });
              focus(undoKey);
            }}
          >
            {t('form.remove')}
            {target}
          </button>
        </div>
      )}
      {draft.stored && draft.action !== 'keep' && (
        <button
          type="button"
          id={fieldId(undoKey)}
          className="button button-secondary"
          onClick={() => {
            onChange({ action: 'keep', value: '' });
            focus(replaceKey);
          }}
        >
          {draft.action === 'replace' ? t('form.undoReplace') : t('form.undoRemove')}
          {target}
        </button>
      )}
      <FieldError errors={errors} name={key} />
    </div>
  );
}

/** A stored secret the chosen mode does not read (kept for another mode, or left from an older one). */
function OtherSecretRow({
  name,
  label,
  draft,
  onChange,
  focus,
}: {
  name: string;
  label: string;
  draft: SecretDraft;
  onChange: (patch: Partial<SecretDraft>) => void;
  focus: (key: FieldKey) => void;
}) {
  const { t } = useTranslation('admin');
  const key = secretKey(name);
  const removeKey = `${key}:remove`;
  const target = <span className="visually-hidden">{t('form.fieldTarget', { label })}</span>;
  return (
    <li className="admin-secret" id={fieldId(key)} tabIndex={-1}>
      <p>
        <span className="admin-secret-name">{label}</span>
        {t('form.secretStatusSeparator')}
        <span className="admin-secret-status">{secretStatus(draft)}</span>
      </p>
      {draft.action === 'remove' ? (
        <button
          type="button"
          id={fieldId(`${key}:undo`)}
          className="button button-secondary"
          onClick={() => {
            onChange({ action: 'keep' });
            focus(removeKey);
          }}
        >
          {t('form.undoRemove')}
          {target}
        </button>
      ) : (
        <button
          type="button"
          id={fieldId(removeKey)}
          className="button button-secondary"
          onClick={() => {
            onChange({ action: 'remove' });
            focus(`${key}:undo`);
          }}
        >
          {t('form.remove')}
          {target}
        </button>
      )}
    </li>
  );
}
