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
  /** Of the person's organisation (ProConnect profile): the collectivité's SIREN + an establishment number. */
  siret: string;
  /** The identity provider ProConnect would have used for this person (ProConnect profile). */
  idpId: string;
  /** Matricule (LDAP `employeeNumber`), as the time-management simulator knows the person. */
  employeeNumber?: string;
}

type DemoAccountSeed = Omit<DemoAccount, 'password' | 'name' | 'email' | 'siret' | 'idpId'>;

/**
 * Fictitious SIRENs of the demo collectivités (département 99 has no commune), with a valid check
 * digit; Pléiade's demo seed gives demo-a and demo-b the same. `hors-pleiade` is an organisation
 * that has not opened Pléiade.
 */
export const DEMO_SIRETS: Readonly<Record<string, string>> = Object.freeze({
  'demo-a': '21990001600011',
  'demo-b': '24990002800013',
  'hors-pleiade': '21990003200018',
});

/** The identity provider of each demo organisation inside the ProConnect federation (`idp_id`). */
export const DEMO_IDP_IDS: Readonly<Record<string, string>> = Object.freeze({
  'demo-a': '7a1c3e52-0f4b-4d8e-9c21-6b5d0e8fa001',
  'demo-b': '7a1c3e52-0f4b-4d8e-9c21-6b5d0e8fa002',
  'hors-pleiade': '7a1c3e52-0f4b-4d8e-9c21-6b5d0e8fa003',
});

function demo(seed: DemoAccountSeed): DemoAccount {
  return {
    ...seed,
    password: 'demo',
    name: `${seed.givenName} ${seed.familyName}`,
    // Same shape as the LemonLDAP::NG test directory: <uid>@<collectivite>.pleiade.test
    email: `${seed.username}@${seed.collectivite}.pleiade.test`,
    siret: DEMO_SIRETS[seed.collectivite] ?? '',
    idpId: DEMO_IDP_IDS[seed.collectivite] ?? '',
  };
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = Object.freeze([
  demo({
    username: 'agent',
    employeeNumber: 'A-00042',
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
    employeeNumber: 'A-00007',
    givenName: 'Alex',
    familyName: 'Moreau',
    collectivite: 'demo-a',
    groups: ['agents', 'admins-demo-a', 'app-nextcloud', 'app-pastell', 'app-parapheur', 'app-idelibre'],
    description: 'Administratrice de la collectivité de démonstration A',
  }),
  demo({
    username: 'operateur',
    employeeNumber: 'A-00031',
    givenName: 'Claude',
    familyName: 'Petit',
    collectivite: 'demo-a',
    groups: ['agents', 'pleiade-operators'],
    description: 'Opérateur de l’installation (syndicat informatique)',
  }),
  demo({
    username: 'agent-b',
    employeeNumber: 'B-00112',
    givenName: 'Sacha',
    familyName: 'Girard',
    collectivite: 'demo-b',
    groups: ['agents', 'app-nextcloud'],
    description: 'Agent de la collectivité de démonstration B',
  }),
  demo({
    username: 'admin-b',
    givenName: 'Noa',
    familyName: 'Lambert',
    collectivite: 'demo-b',
    groups: ['agents', 'admins-demo-b', 'app-nextcloud'],
    description: 'Administrateur de la collectivité de démonstration B',
  }),
]);

/**
 * The accounts of the ProConnect profile: the same people (with their SIRET and no groups) and one
 * agent of an organisation that has not opened Pléiade, whose sign-in Pléiade must refuse.
 */
export const PROCONNECT_DEMO_ACCOUNTS: readonly DemoAccount[] = Object.freeze([
  ...DEMO_ACCOUNTS,
  demo({
    username: 'agent-hors-pleiade',
    givenName: 'Lou',
    familyName: 'Bernard',
    collectivite: 'hors-pleiade',
    groups: [],
    description: 'Agente d’une commune qui n’a pas ouvert Pléiade',
  }),
]);

export function findDemoAccount(username: string, accounts = DEMO_ACCOUNTS): DemoAccount | undefined {
  return accounts.find((a) => a.username === username);
}

export function authenticate(username: string, password: string, accounts = DEMO_ACCOUNTS): DemoAccount | undefined {
  const found = findDemoAccount(username, accounts);
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
    ...(a.employeeNumber ? { employeeNumber: a.employeeNumber } : {}),
  };
}

/** ProConnect's claims (its « identité pivot » and the identity provider used): no groups, no collectivité. */
export function proConnectClaimsOf(a: DemoAccount) {
  return {
    sub: a.username,
    given_name: a.givenName,
    usual_name: a.familyName,
    email: a.email,
    uid: a.username,
    siret: a.siret,
    idp_id: a.idpId,
  };
}
