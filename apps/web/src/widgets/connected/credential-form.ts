import {
  personalCredentialRequestSchema,
  personalSecretForm,
  type ConnectorKind,
  type PersonalCredentialRequest,
  type PersonalSecretForm,
} from '@pleiade/contracts';
import { i18n } from '../../i18n';
import { fr } from '../../i18n/locales/fr';

export interface CredentialFormValues {
  username: string;
  secret: string;
}

export type CredentialField = keyof CredentialFormValues;

export type CredentialFormCheck =
  { ok: true; request: PersonalCredentialRequest } | { ok: false; errors: Partial<Record<CredentialField, string>> };

/** Checks the form with the contract's own rules; an empty identifiant means « my usual login ». */
export function checkCredentialForm(values: CredentialFormValues): CredentialFormCheck {
  const username = values.username.trim();
  const parsed = personalCredentialRequestSchema.safeParse({
    ...(username === '' ? {} : { username }),
    secret: values.secret,
  });
  if (parsed.success) return { ok: true, request: parsed.data };
  const errors: Partial<Record<CredentialField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === 'username' && !errors.username) {
      errors.username = i18n.t('widgets:credential.usernameTooLong');
    } else if (field === 'secret' && !errors.secret) {
      // The contract refuses a secret for two reasons only: too long, or empty.
      errors.secret = i18n.t(
        issue.code === 'too_big' ? 'widgets:credential.secretTooLong' : 'widgets:credential.secretRequired',
      );
    }
  }
  return { ok: false, errors };
}

type SecretLabelKind = keyof typeof fr.widgets.credential.secretLabel;
type OriginKind = keyof typeof fr.widgets.credential.origin;

const hasSecretLabel = (kind: string): kind is SecretLabelKind =>
  Object.hasOwn(fr.widgets.credential.secretLabel, kind);
const hasOrigin = (kind: string): kind is OriginKind => Object.hasOwn(fr.widgets.credential.origin, kind);

/**
 * What the person is asked for this application, from its definition in the contracts: an app
 * password with an optional login, or a token that names its user (Matrix). The words are the
 * contracts' in French (i18n.test.ts checks it), translated by kind in other languages.
 */
export function credentialFormOf(kind: ConnectorKind): PersonalSecretForm {
  const form = personalSecretForm(kind) ?? { secretLabel: '', askUsername: true };
  const secretLabel = i18n.t(`widgets:credential.secretLabel.${hasSecretLabel(kind) ? kind : 'default'}`);
  const origin =
    form.origin === undefined ? undefined : hasOrigin(kind) ? i18n.t(`widgets:credential.origin.${kind}`) : form.origin;
  return origin === undefined
    ? { secretLabel, askUsername: form.askUsername }
    : { secretLabel, askUsername: form.askUsername, origin };
}
