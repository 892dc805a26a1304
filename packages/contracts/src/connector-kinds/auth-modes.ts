import { z } from 'zod';

/**
 * How Pléiade authenticates to an application for the signed-in person. Each connector kind says
 * which of these it can use, with the secrets and the credential each needs (definition.ts).
 */
export const CONNECTOR_AUTH_MODES = [
  'oidc_token',
  'token_exchange',
  'zimbra_preauth',
  'personal_secret',
  'service_account',
  'none',
] as const;
export const connectorAuthModeSchema = z.enum(CONNECTOR_AUTH_MODES);
export type ConnectorAuthMode = z.infer<typeof connectorAuthModeSchema>;

/** What the administration shows for each mode; a kind may explain a mode its own way (`help`). */
export const AUTH_MODE_TEXTS: { readonly [M in ConnectorAuthMode]: { readonly label: string; readonly help: string } } =
  {
    oidc_token: {
      label: 'Jeton OpenID Connect de l’agent',
      help: 'Pléiade présente à l’application le jeton reçu à la connexion de l’agent (même fournisseur d’identité).',
    },
    token_exchange: {
      label: 'Échange de jeton (RFC 8693)',
      help: 'Pléiade échange le jeton de l’agent contre un jeton destiné à l’application, auprès du fournisseur d’identité.',
    },
    zimbra_preauth: {
      label: 'Pré-authentification Zimbra',
      help: 'Pléiade ouvre la session Zimbra de l’agent avec la clé de pré-authentification du domaine (secret).',
    },
    personal_secret: {
      label: 'Mot de passe d’application personnel',
      help: 'Chaque agent saisit son propre mot de passe d’application ou jeton dans Pléiade.',
    },
    service_account: {
      label: 'Compte de service',
      help: 'Un compte technique de la collectivité, dont l’identifiant et le mot de passe sont des secrets.',
    },
    none: {
      label: 'Aucune',
      help: 'L’application ne demande aucune authentification (par exemple un Jitsi public).',
    },
  };
