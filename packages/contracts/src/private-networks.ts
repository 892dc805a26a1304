/*
 * What Pléiade says about private networks (`allowPrivateNetworks`, the SSRF guard's exceptions).
 * Who may set them is the policy `connector.allowPrivateNetworks` (policies/connector.ts): the
 * installation's operator only — the `operator` role through the API, or PLEIADE_CONFIG_FILE, which
 * the operator alone writes; never a collectivité's administrator.
 */

/** Answer to someone else who tries to change the allow-list (403, on `allowPrivateNetworks`). */
export const PRIVATE_NETWORKS_OPERATOR_ONLY =
  'Seul l’opérateur de l’installation peut autoriser des réseaux privés (réglage « Réseaux privés autorisés », allowPrivateNetworks).';

/** A base URL that leads to a refused address, saved by someone who may not open private networks (400, on `baseUrl`). */
export const PRIVATE_ADDRESS_NEEDS_OPERATOR =
  'Cette adresse mène à un réseau privé ou réservé, que Pléiade refuse par sécurité. Seul l’opérateur de l’installation peut l’autoriser, dans le réglage « Réseaux privés autorisés » (allowPrivateNetworks) du connecteur.';

/** The same, saved by the operator: what to add (400, on `baseUrl`). */
export const PRIVATE_ADDRESS_NOT_ALLOWED =
  'Cette adresse mène à un réseau privé ou réservé, que Pléiade refuse par sécurité. Pour l’accepter, ajoutez son réseau, son adresse ou son nom d’hôte aux « Réseaux privés autorisés » (allowPrivateNetworks) du connecteur.';
