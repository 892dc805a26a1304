import {
  personalCredentialRequestSchema,
  personalSecretForm,
  type ConnectorKind,
  type PersonalCredentialRequest,
  type PersonalSecretForm,
} from '@pleiade/contracts';
import { sentence } from '../format';

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
      errors.username = 'L’identifiant compte au plus 200 caractères.';
    } else if (field === 'secret' && !errors.secret) {
      errors.secret =
        issue.code === 'too_big' ? 'Ce secret est trop long (4 096 caractères au plus).' : sentence(issue.message);
    }
  }
  return { ok: false, errors };
}

/**
 * What the person is asked for this application, from its definition in the contracts: an app
 * password with an optional login, or a token that names its user (Matrix).
 */
export function credentialFormOf(kind: ConnectorKind): PersonalSecretForm {
  return personalSecretForm(kind) ?? { secretLabel: 'Mot de passe d’application', askUsername: true };
}
