import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Trans, useTranslation } from 'react-i18next';
import type { ConnectorSource } from '@pleiade/contracts';
import { errorMessage, isApiError } from '../../api/errors';
import { myConnectorsQuery, savePersonalCredential, widgetDataKeys } from '../../api/widget-data';
import { ExternalLink } from './ExternalLink';
import { checkCredentialForm, credentialFormOf, type CredentialField } from './credential-form';

interface CredentialFormProps {
  source: ConnectorSource;
  /** Why the link is needed: the BFF's French explanation, or its status's text in another language. */
  message: string;
}

/**
 * « Relier mon compte »: the person's own app password or token for a `personal_secret`
 * connector. The secret goes to the BFF, which seals it; it is never shown or sent back.
 */
export function CredentialForm({ source, message }: CredentialFormProps) {
  const { t } = useTranslation('widgets');
  const id = useId();
  const queryClient = useQueryClient();
  const connectors = useQuery(myConnectorsQuery);
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [errors, setErrors] = useState<Partial<Record<CredentialField, string>>>({});
  const usernameRef = useRef<HTMLInputElement>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const mine = connectors.data?.connectors.find((connector) => connector.id === source.id);

  const save = useMutation({
    mutationFn: (request: Parameters<typeof savePersonalCredential>[1]) => savePersonalCredential(source.id, request),
    onSuccess: async () => {
      setSecret('');
      // Every widget reading from this connector (files and notifications alike) can now answer.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: widgetDataKeys.all }),
        queryClient.invalidateQueries({ queryKey: widgetDataKeys.myConnectors }),
      ]);
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      const fieldErrors: Partial<Record<CredentialField, string>> = {};
      for (const detail of error.details) {
        if (detail.path === 'username' || detail.path === 'secret') fieldErrors[detail.path] = detail.message;
      }
      setErrors(fieldErrors);
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const check = checkCredentialForm({ username, secret });
    if (!check.ok) {
      setErrors(check.errors);
      (check.errors.username ? usernameRef : secretRef).current?.focus();
      return;
    }
    setErrors({});
    save.mutate(check.request);
  };

  const { secretLabel: label, askUsername, origin } = credentialFormOf(source.kind);
  const heading = t('credential.heading', { app: source.label });
  return (
    <form className="cw-credential" aria-labelledby={`${id}-title`} noValidate onSubmit={onSubmit}>
      <h3 id={`${id}-title`} className="cw-subtitle">
        {heading}
      </h3>
      <p className="cw-help">{message}</p>
      {origin ? (
        <p className="cw-help">{origin}</p>
      ) : (
        mine && (
          <p className="cw-help">
            <Trans
              t={t}
              i18nKey="credential.createIn"
              values={{ app: source.label }}
              components={{ app: <ExternalLink href={mine.appUrl} /> }}
            />
          </p>
        )
      )}
      {/* A token that names its user (Matrix) needs no login. */}
      {askUsername && (
        <>
          <div className="cw-field">
            <label htmlFor={`${id}-username`}>{t('credential.usernameLabel')}</label>
            <input
              ref={usernameRef}
              id={`${id}-username`}
              className="cw-input"
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={username}
              aria-invalid={errors.username ? true : undefined}
              aria-describedby={`${id}-username-help${errors.username ? ` ${id}-username-error` : ''}`}
              onChange={(event) => setUsername(event.target.value)}
            />
            <p id={`${id}-username-help`} className="cw-hint">
              {t('credential.usernameHelp')}
            </p>
            {errors.username && (
              <p id={`${id}-username-error`} className="cw-field-error" role="alert">
                {errors.username}
              </p>
            )}
          </div>
        </>
      )}
      <div className="cw-field">
        <label htmlFor={`${id}-secret`}>{label}</label>
        <input
          ref={secretRef}
          id={`${id}-secret`}
          className="cw-input"
          type="password"
          autoComplete="off"
          required
          value={secret}
          aria-invalid={errors.secret ? true : undefined}
          aria-describedby={errors.secret ? `${id}-secret-error` : undefined}
          onChange={(event) => setSecret(event.target.value)}
        />
        {errors.secret && (
          <p id={`${id}-secret-error`} className="cw-field-error" role="alert">
            {errors.secret}
          </p>
        )}
      </div>
      <div role="alert" className="cw-alert-slot">
        {save.isError && !errors.username && !errors.secret && <p className="cw-error">{errorMessage(save.error)}</p>}
      </div>
      <button type="submit" className="button button-primary" disabled={save.isPending}>
        {save.isPending ? t('credential.saving') : t('credential.submit')}
      </button>
    </form>
  );
}
