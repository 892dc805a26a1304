export interface DemoAccount {
  username: string;
  password: string;
  name: string;
  givenName: string;
  familyName: string;
  email: string;
  collectivite: string;
  groups: string[];
  description: string;
}

type DemoAccountSeed = Omit<DemoAccount, 'password' | 'name' | 'email'>;

function demo(seed: DemoAccountSeed): DemoAccount {
  return {
    ...seed,
    password: 'demo',
    name: `${seed.givenName} ${seed.familyName}`,
    // Same shape as the LemonLDAP::NG test directory: <uid>@<collectivite>.pleiade.test
    email: `${seed.username}@${seed.collectivite}.pleiade.test`,
  };
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = Object.freeze([
  demo({
    username: 'agent',
    givenName: 'Camille',
    familyName: 'Martin',
    collectivite: 'demo-a',
    groups: ['agents', 'app-nextcloud', 'app-pastell'],
    description: 'Agente de la collectivité de démonstration A',
  }),
  demo({
    username: 'elu',
    givenName: 'Dominique',
    familyName: 'Leroy',
    collectivite: 'demo-a',
    groups: ['elus', 'app-parapheur', 'app-idelibre'],
    description: 'Élue de la collectivité de démonstration A',
  }),
  demo({
    username: 'admin',
    givenName: 'Alex',
    familyName: 'Moreau',
    collectivite: 'demo-a',
    groups: ['agents', 'admins-demo-a', 'app-nextcloud', 'app-pastell', 'app-parapheur', 'app-idelibre'],
    description: 'Administratrice de la collectivité de démonstration A',
  }),
  demo({
    username: 'operateur',
    givenName: 'Claude',
    familyName: 'Petit',
    collectivite: 'demo-a',
    groups: ['agents', 'pleiade-operators'],
    description: 'Opérateur de l’installation (syndicat informatique)',
  }),
  demo({
    username: 'agent-b',
    givenName: 'Sacha',
    familyName: 'Girard',
    collectivite: 'demo-b',
    groups: ['agents', 'app-nextcloud'],
    description: 'Agent de la collectivité de démonstration B',
  }),
]);

export function findDemoAccount(username: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((a) => a.username === username);
}

export function authenticate(username: string, password: string): DemoAccount | undefined {
  const found = findDemoAccount(username);
  return found && found.password === password ? found : undefined;
}

/** Every claim LemonLDAP::NG can release; oidc-provider keeps only those of the granted scopes. */
export function claimsOf(a: DemoAccount) {
  return {
    sub: a.username,
    name: a.name,
    given_name: a.givenName,
    family_name: a.familyName,
    preferred_username: a.username,
    email: a.email,
    groups: [...a.groups],
    collectivite: a.collectivite,
  };
}
