// Demo data of the dematerialisation chain (i-Parapheur, S2low, i-delibRE, Pastell) for the demo
// accounts of the development IdP, in French. Two collectivités never share an item: demo-a
// (commune de démonstration A and its CCAS) and demo-b (communauté de communes B). Times are
// relative to "now" (minutes ago, days ahead) so the dashboard always shows fresh items.
// Credentials are demo values, like the IdP's "demo" password.

// ---------------------------------------------------------------------------------------------
// i-Parapheur (v5 tenants/desks/folders; the v4 simulator shows the same desks as "bureaux")

export interface IparapheurTenantSeed {
  id: string;
  name: string;
  collectivite: string;
}

export interface IparapheurDeskSeed {
  id: string;
  tenantId: string;
  name: string;
  shortName: string;
  /** Demo usernames holding the desk (the standard API lists "the desks of the current user"). */
  holders: string[];
}

export type IparapheurFolderState = 'DRAFT' | 'PENDING' | 'FINISHED' | 'REJECTED';

export interface IparapheurFolderSeed {
  id: string;
  deskId: string;
  name: string;
  state: IparapheurFolderState;
  /** What the desk is asked to do (v4's actionDemandee). */
  action: 'SIGNATURE' | 'VISA' | 'CACHET';
  type: string;
  subtype: string;
  createdMinutesAgo: number;
  /** Days from now to the due date (negative: already late); null without a due date. */
  dueInDays: number | null;
  metadata: Record<string, string>;
}

export interface IparapheurAccountSeed {
  username: string;
  password: string;
  firstName: string;
  lastName: string;
}

// ---------------------------------------------------------------------------------------------
// S2low (ACTES): one authority per collectivité, its technical account and its transactions

export interface S2lowAuthoritySeed {
  id: number;
  name: string;
  siren: string;
  collectivite: string;
}

export interface S2lowAccountSeed {
  login: string;
  password: string;
  authorityId: number;
  /** Name of the client certificate the simulator issues for this account (one per authority). */
  certificate: string;
}

export interface S2lowTransactionSeed {
  id: number;
  authorityId: number;
  subject: string;
  number: string;
  /** 1 DE, 2 AR, 3 AI, 4 CC, 5 BF, 6 AU (S2low's nature codes). */
  natureCode: 1 | 2 | 3 | 4 | 5 | 6;
  classification: string;
  decisionDaysAgo: number;
  /** Status changes, oldest first; the last one is the transaction's current status. */
  workflow: { status: number; minutesAgo: number; message: string }[];
}

// ---------------------------------------------------------------------------------------------
// i-delibRE: structures, their users (élus and agents), sittings and convocations

export interface IdelibreStructureSeed {
  id: string;
  name: string;
  /** Usernames are `login@suffix` in i-delibRE. */
  suffix: string;
  collectivite: string;
  apiUserName: string;
  apiToken: string;
}

export interface IdelibreUserSeed {
  id: string;
  structureId: string;
  username: string;
  firstName: string;
  lastName: string;
  role: 'Actor' | 'Employee' | 'Guest' | 'Secretary' | 'StructureAdministrator';
}

export interface IdelibreSittingSeed {
  id: string;
  structureId: string;
  name: string;
  typeId: string;
  /** Days from today (Europe/Paris) and the wall-clock time of the sitting. */
  dayOffset: number;
  time: string;
  place: string;
  isArchived: boolean;
  isRemoteAllowed: boolean;
  isMandatorAllowed: boolean;
}

export interface IdelibreConvocationSeed {
  id: string;
  sittingId: string;
  userId: string;
  category: 'convocation' | 'invitation';
  isActive: boolean;
  isRead: boolean;
  isEmailed: boolean;
  sentMinutesAgo: number | null;
  receivedMinutesAgo: number | null;
  /** '' until the person answers; 'present', 'remote', 'absent', 'poa' (procuration), 'deputy'. */
  attendance: '' | 'present' | 'remote' | 'absent' | 'poa' | 'deputy';
}

// ---------------------------------------------------------------------------------------------
// Pastell: entities, flows, users with their roles per entity, documents

export interface PastellEntitySeed {
  id_e: number;
  denomination: string;
  siren: string;
  type: 'collectivite' | 'centre_de_gestion' | 'service';
  entite_mere: number;
  collectivite: string;
}

export interface PastellUserSeed {
  id_u: number;
  login: string;
  password: string;
  /** `Authorization: Bearer` token of the user (Pastell's "jetons d'authentification"). */
  token: string;
  firstName: string;
  lastName: string;
  email: string;
  /** Entities on which the user has a role (rights reach their child entities too). */
  entities: number[];
  enabled: boolean;
}

export interface PastellDocumentSeed {
  id_d: string;
  id_e: number;
  type: string;
  titre: string;
  lastAction: string;
  lastActionMinutesAgo: number;
  createdMinutesAgo: number;
}

export interface DematDemoData {
  iparapheur: {
    tenants: IparapheurTenantSeed[];
    desks: IparapheurDeskSeed[];
    folders: IparapheurFolderSeed[];
    accounts: IparapheurAccountSeed[];
  };
  s2low: {
    authorities: S2lowAuthoritySeed[];
    accounts: S2lowAccountSeed[];
    transactions: S2lowTransactionSeed[];
  };
  idelibre: {
    structures: IdelibreStructureSeed[];
    users: IdelibreUserSeed[];
    sittings: IdelibreSittingSeed[];
    convocations: IdelibreConvocationSeed[];
  };
  pastell: {
    entities: PastellEntitySeed[];
    flux: Record<string, { nom: string; type: string }>;
    users: PastellUserSeed[];
    documents: PastellDocumentSeed[];
  };
}

const DAY = 24 * 60;

// Identifiers in each application's own format: UUIDs for i-Parapheur 5 and i-delibRE,
// integers for S2low and Pastell entities, 7-character codes for Pastell documents.
const TENANT_A = '5b0c1f6e-8f3d-4a51-9d0e-1a2b3c4d5e01';
const TENANT_B = '5b0c1f6e-8f3d-4a51-9d0e-1a2b3c4d5e02';
const DESK_MAIRE = '7d3e0a42-1c5b-4f6a-8e9d-0b1c2d3e4f01';
const DESK_DGS = '7d3e0a42-1c5b-4f6a-8e9d-0b1c2d3e4f02';
const DESK_FINANCES = '7d3e0a42-1c5b-4f6a-8e9d-0b1c2d3e4f03';
const DESK_PRESIDENT_B = '7d3e0a42-1c5b-4f6a-8e9d-0b1c2d3e4f04';
const DESK_ADMIN_B = '7d3e0a42-1c5b-4f6a-8e9d-0b1c2d3e4f05';

const folderId = (n: number) => `9a1b2c3d-4e5f-4a6b-8c7d-${String(n).padStart(12, '0')}`;

function folder(
  n: number,
  deskId: string,
  name: string,
  options: Partial<Omit<IparapheurFolderSeed, 'id' | 'deskId' | 'name'>>,
): IparapheurFolderSeed {
  return {
    id: folderId(n),
    deskId,
    name,
    state: 'PENDING',
    action: 'SIGNATURE',
    type: 'Actes',
    subtype: 'Délibération',
    createdMinutesAgo: 2 * DAY,
    dueInDays: 5,
    metadata: {},
    ...options,
  };
}

const STRUCTURE_A = 'c0a80101-0000-4000-8000-00000000000a';
const STRUCTURE_B = 'c0a80101-0000-4000-8000-00000000000b';
const TYPE_CONSEIL_A = 'c0a80102-0000-4000-8000-0000000000a1';
const TYPE_COMMISSION_A = 'c0a80102-0000-4000-8000-0000000000a2';
const TYPE_CONSEIL_B = 'c0a80102-0000-4000-8000-0000000000b1';
const idelibreUserId = (n: number) => `c0a80103-0000-4000-8000-${String(n).padStart(12, '0')}`;
const sittingId = (n: number) => `c0a80104-0000-4000-8000-${String(n).padStart(12, '0')}`;
const convocationId = (n: number) => `c0a80105-0000-4000-8000-${String(n).padStart(12, '0')}`;

function convocation(
  n: number,
  sitting: number,
  user: number,
  options: Partial<Omit<IdelibreConvocationSeed, 'id' | 'sittingId' | 'userId'>> = {},
): IdelibreConvocationSeed {
  return {
    id: convocationId(n),
    sittingId: sittingId(sitting),
    userId: idelibreUserId(user),
    category: 'convocation',
    isActive: true,
    isRead: false,
    isEmailed: true,
    sentMinutesAgo: 3 * DAY,
    receivedMinutesAgo: null,
    attendance: '',
    ...options,
  };
}

function transaction(
  id: number,
  authorityId: number,
  subject: string,
  number: string,
  natureCode: S2lowTransactionSeed['natureCode'],
  classification: string,
  statuses: [number, number, string][],
): S2lowTransactionSeed {
  const first = statuses[0]?.[1] ?? 0;
  return {
    id,
    authorityId,
    subject,
    number,
    natureCode,
    classification,
    decisionDaysAgo: Math.ceil(first / DAY) + 1,
    workflow: statuses.map(([status, minutesAgo, message]) => ({ status, minutesAgo, message })),
  };
}

// S2low status ids (ActesStatusSQL): -1 erreur, 1 posté, 2 en attente de transmission,
// 3 transmis, 4 acquittement reçu.
const POSTE: [number, string] = [1, 'Dépôt de l’enveloppe'];
const ATTENTE: [number, string] = [2, 'Accepté par le TdT : validation OK'];
const TRANSMIS: [number, string] = [3, 'Transmis au MI'];
const ACQUITTE: [number, string] = [4, 'Reçu par le MI le 2026-01-01'];
const ERREUR: [number, string] = [-1, 'Erreur lors de la transmission : classification inconnue'];
const at = (step: [number, string], minutesAgo: number): [number, number, string] => [step[0], minutesAgo, step[1]];

export const DEMAT_DEMO_DATA: DematDemoData = {
  iparapheur: {
    tenants: [
      { id: TENANT_A, name: 'Commune de démonstration A', collectivite: 'demo-a' },
      { id: TENANT_B, name: 'Communauté de communes de démonstration B', collectivite: 'demo-b' },
    ],
    desks: [
      { id: DESK_MAIRE, tenantId: TENANT_A, name: 'Signature du maire', shortName: 'Maire', holders: ['elu'] },
      {
        id: DESK_DGS,
        tenantId: TENANT_A,
        name: 'Direction générale des services',
        shortName: 'DGS',
        holders: ['admin', 'agent'],
      },
      {
        id: DESK_FINANCES,
        tenantId: TENANT_A,
        name: 'Service des finances',
        shortName: 'Finances',
        holders: ['agent'],
      },
      {
        id: DESK_PRESIDENT_B,
        tenantId: TENANT_B,
        name: 'Signature du président',
        shortName: 'Président',
        holders: [],
      },
      {
        id: DESK_ADMIN_B,
        tenantId: TENANT_B,
        name: 'Administration générale',
        shortName: 'Admin. générale',
        holders: ['agent-b'],
      },
    ],
    folders: [
      folder(1, DESK_MAIRE, 'Délibération 2026-014 — Tarifs de la cantine scolaire', {
        dueInDays: 2,
        createdMinutesAgo: 26 * 60,
        metadata: { numero_acte: '2026-014' },
      }),
      folder(2, DESK_MAIRE, 'Arrêté de voirie — Rue des Écoles, travaux de réseau', {
        subtype: 'Arrêté temporaire',
        dueInDays: -1,
        createdMinutesAgo: 4 * DAY,
        metadata: { numero_acte: 'AT-2026-031' },
      }),
      folder(3, DESK_MAIRE, 'Convention de mise à disposition du gymnase', {
        type: 'Contrats',
        subtype: 'Convention',
        dueInDays: null,
        createdMinutesAgo: 90,
      }),
      folder(4, DESK_MAIRE, 'Délibération 2026-009 — Budget primitif', {
        state: 'FINISHED',
        dueInDays: -20,
        createdMinutesAgo: 30 * DAY,
      }),
      folder(5, DESK_DGS, 'Bon de commande — Fournitures scolaires', {
        action: 'VISA',
        type: 'Commande publique',
        subtype: 'Bon de commande',
        dueInDays: 6,
        createdMinutesAgo: 5 * 60,
      }),
      folder(6, DESK_DGS, 'Contrat de maintenance — Chaudière de la mairie', {
        action: 'VISA',
        type: 'Contrats',
        subtype: 'Marché',
        dueInDays: -3,
        createdMinutesAgo: 8 * DAY,
      }),
      folder(7, DESK_FINANCES, 'Mandat de paiement n° 1248', {
        action: 'VISA',
        type: 'Finances',
        subtype: 'Mandat',
        dueInDays: 1,
        createdMinutesAgo: 3 * 60,
      }),
      folder(8, DESK_FINANCES, 'Titre de recette — Location de la salle des fêtes', {
        state: 'DRAFT',
        action: 'VISA',
        type: 'Finances',
        subtype: 'Titre',
        dueInDays: 10,
        createdMinutesAgo: 40,
      }),
      folder(9, DESK_PRESIDENT_B, 'Délibération communautaire — Schéma de mutualisation', {
        dueInDays: 4,
        createdMinutesAgo: 2 * DAY,
      }),
      folder(10, DESK_ADMIN_B, 'Convention de collecte des déchets verts', {
        action: 'VISA',
        type: 'Contrats',
        subtype: 'Convention',
        dueInDays: -2,
        createdMinutesAgo: 6 * DAY,
      }),
      folder(11, DESK_ADMIN_B, 'Arrêté de nomination — Agent de déchetterie', {
        type: 'Ressources humaines',
        subtype: 'Arrêté individuel',
        dueInDays: 3,
        createdMinutesAgo: 20 * 60,
      }),
    ],
    accounts: [
      { username: 'agent', password: 'demo-ip-agent', firstName: 'Camille', lastName: 'Martin' },
      { username: 'elu', password: 'demo-ip-elu', firstName: 'Dominique', lastName: 'Leroy' },
      { username: 'admin', password: 'demo-ip-admin', firstName: 'Alex', lastName: 'Moreau' },
      { username: 'operateur', password: 'demo-ip-operateur', firstName: 'Claude', lastName: 'Petit' },
      { username: 'agent-b', password: 'demo-ip-agent-b', firstName: 'Sacha', lastName: 'Girard' },
    ],
  },
  s2low: {
    authorities: [
      { id: 1, name: 'Commune de démonstration A', siren: '210100011', collectivite: 'demo-a' },
      { id: 2, name: 'Communauté de communes de démonstration B', siren: '200200022', collectivite: 'demo-b' },
    ],
    accounts: [
      { login: 'pleiade-demo-a', password: 'demo-s2low-demo-a', authorityId: 1, certificate: 'demo-a' },
      { login: 'pleiade-demo-b', password: 'demo-s2low-demo-b', authorityId: 2, certificate: 'demo-b' },
    ],
    transactions: [
      transaction(101, 1, 'Tarifs de la restauration scolaire 2026', '20260114A', 1, '7.1', [
        at(POSTE, 9 * DAY),
        at(ATTENTE, 9 * DAY - 10),
        at(TRANSMIS, 9 * DAY - 20),
        at(ACQUITTE, 9 * DAY - 60),
      ]),
      transaction(102, 1, 'Arrêté de circulation — Marché de Noël', 'AT2026031', 2, '6.1', [
        at(POSTE, 2 * DAY),
        at(ATTENTE, 2 * DAY - 5),
        at(TRANSMIS, 2 * DAY - 15),
      ]),
      transaction(103, 1, 'Convention avec l’association sportive', '20260115C', 4, '1.4', [
        at(POSTE, 26 * 60),
        at(ERREUR, 26 * 60 - 3),
      ]),
      transaction(104, 1, 'Décision modificative n° 1', '20260116D', 5, '7.1', [
        at(POSTE, 3 * 60),
        at(ATTENTE, 3 * 60 - 2),
        at(TRANSMIS, 3 * 60 - 10),
        at(ACQUITTE, 2 * 60),
      ]),
      transaction(105, 1, 'Nomination d’un agent de police municipale', '20260117E', 3, '4.1', [
        at(POSTE, 45),
        at(ERREUR, 40),
      ]),
      transaction(106, 1, 'Subvention au comité des fêtes', '20260118F', 1, '7.5', [
        at(POSTE, 40 * DAY),
        at(ATTENTE, 40 * DAY - 5),
        at(TRANSMIS, 40 * DAY - 15),
        at(ACQUITTE, 40 * DAY - 70),
      ]),
      transaction(201, 2, 'Schéma de mutualisation des services', '20260201A', 1, '5.7', [
        at(POSTE, 5 * DAY),
        at(ATTENTE, 5 * DAY - 5),
        at(TRANSMIS, 5 * DAY - 12),
        at(ACQUITTE, 5 * DAY - 50),
      ]),
      transaction(202, 2, 'Marché de collecte des déchets verts', '20260202B', 4, '1.1', [
        at(POSTE, 80),
        at(ERREUR, 75),
      ]),
    ],
  },
  idelibre: {
    structures: [
      {
        id: STRUCTURE_A,
        name: 'Commune de démonstration A',
        suffix: 'demo-a',
        collectivite: 'demo-a',
        apiUserName: 'Pléiade',
        apiToken: 'demo-idelibre-demo-a-0f4c2a9e7b1d',
      },
      {
        id: STRUCTURE_B,
        name: 'Communauté de communes de démonstration B',
        suffix: 'demo-b',
        collectivite: 'demo-b',
        apiUserName: 'Pléiade',
        apiToken: 'demo-idelibre-demo-b-5e8d1b3c9a7f',
      },
    ],
    users: [
      // demo-a: the demo élu and admin, and other élus of the council (their convocations prove
      // that the BFF keeps only the signed-in person's).
      {
        id: idelibreUserId(1),
        structureId: STRUCTURE_A,
        username: 'elu@demo-a',
        firstName: 'Dominique',
        lastName: 'Leroy',
        role: 'Actor',
      },
      {
        id: idelibreUserId(2),
        structureId: STRUCTURE_A,
        username: 'admin@demo-a',
        firstName: 'Alex',
        lastName: 'Moreau',
        role: 'Employee',
      },
      {
        id: idelibreUserId(3),
        structureId: STRUCTURE_A,
        username: 'marie.dupont@demo-a',
        firstName: 'Marie',
        lastName: 'Dupont',
        role: 'Actor',
      },
      {
        id: idelibreUserId(4),
        structureId: STRUCTURE_A,
        username: 'jean.bernard@demo-a',
        firstName: 'Jean',
        lastName: 'Bernard',
        role: 'Actor',
      },
      {
        id: idelibreUserId(5),
        structureId: STRUCTURE_A,
        username: 'agent@demo-a',
        firstName: 'Camille',
        lastName: 'Martin',
        role: 'Secretary',
      },
      // demo-b
      {
        id: idelibreUserId(6),
        structureId: STRUCTURE_B,
        username: 'agent-b@demo-b',
        firstName: 'Sacha',
        lastName: 'Girard',
        role: 'Employee',
      },
      {
        id: idelibreUserId(7),
        structureId: STRUCTURE_B,
        username: 'paul.lefebvre@demo-b',
        firstName: 'Paul',
        lastName: 'Lefebvre',
        role: 'Actor',
      },
    ],
    sittings: [
      {
        id: sittingId(1),
        structureId: STRUCTURE_A,
        name: 'Conseil municipal',
        typeId: TYPE_CONSEIL_A,
        dayOffset: 5,
        time: '18:30',
        place: 'Salle du conseil, hôtel de ville',
        isArchived: false,
        isRemoteAllowed: false,
        isMandatorAllowed: true,
      },
      {
        id: sittingId(2),
        structureId: STRUCTURE_A,
        name: 'Commission urbanisme',
        typeId: TYPE_COMMISSION_A,
        dayOffset: 2,
        time: '14:00',
        place: 'Salle Jean-Moulin',
        isArchived: false,
        isRemoteAllowed: true,
        isMandatorAllowed: false,
      },
      {
        id: sittingId(3),
        structureId: STRUCTURE_A,
        name: 'Conseil municipal',
        typeId: TYPE_CONSEIL_A,
        dayOffset: -25,
        time: '18:30',
        place: 'Salle du conseil, hôtel de ville',
        isArchived: true,
        isRemoteAllowed: false,
        isMandatorAllowed: true,
      },
      {
        id: sittingId(4),
        structureId: STRUCTURE_B,
        name: 'Conseil communautaire',
        typeId: TYPE_CONSEIL_B,
        dayOffset: 9,
        time: '19:00',
        place: 'Siège de la communauté de communes',
        isArchived: false,
        isRemoteAllowed: true,
        isMandatorAllowed: true,
      },
    ],
    convocations: [
      // Conseil municipal in 5 days: the élu has not read it yet.
      convocation(1, 1, 1),
      convocation(2, 1, 3, { isRead: true, receivedMinutesAgo: 2 * DAY, attendance: 'present' }),
      convocation(3, 1, 4, { isRead: true, receivedMinutesAgo: DAY, attendance: 'absent' }),
      convocation(4, 1, 2, { category: 'invitation', isRead: true, receivedMinutesAgo: 50 * 60 }),
      // Commission urbanisme in 2 days: read, attendance still to confirm.
      convocation(5, 2, 1, { isRead: true, receivedMinutesAgo: 20 * 60 }),
      convocation(6, 2, 4, { isRead: false }),
      // The archived council: everything answered long ago.
      convocation(7, 3, 1, {
        isRead: true,
        sentMinutesAgo: 40 * DAY,
        receivedMinutesAgo: 39 * DAY,
        attendance: 'present',
      }),
      // demo-b
      convocation(8, 4, 7),
      convocation(9, 4, 6, { category: 'invitation', isRead: false }),
    ],
  },
  pastell: {
    entities: [
      {
        id_e: 1,
        denomination: 'Commune de démonstration A',
        siren: '210100011',
        type: 'collectivite',
        entite_mere: 0,
        collectivite: 'demo-a',
      },
      {
        id_e: 2,
        denomination: 'CCAS de la commune de démonstration A',
        siren: '260100014',
        type: 'collectivite',
        entite_mere: 1,
        collectivite: 'demo-a',
      },
      {
        id_e: 3,
        denomination: 'Communauté de communes de démonstration B',
        siren: '200200022',
        type: 'collectivite',
        entite_mere: 0,
        collectivite: 'demo-b',
      },
    ],
    flux: {
      'actes-generique': { nom: 'Actes (générique)', type: 'Flux Généraux' },
      'helios-generique': { nom: 'Hélios (générique)', type: 'Flux Généraux' },
      'document-a-signer': { nom: 'Document à faire signer', type: 'Flux Généraux' },
      'convocation-idelibre': { nom: 'Convocations i-delibRE', type: 'Flux Généraux' },
    },
    users: [
      {
        id_u: 1,
        login: 'pleiade-technique',
        password: 'demo-pastell-technique',
        token: 'demo-pastell-token-technique-2d7f',
        firstName: 'Compte',
        lastName: 'technique Pléiade',
        email: 'pleiade@pleiade.test',
        entities: [0],
        enabled: true,
      },
      {
        id_u: 2,
        login: 'agent',
        password: 'demo-pastell-agent',
        token: 'demo-pastell-token-agent-81c3',
        firstName: 'Camille',
        lastName: 'Martin',
        email: 'agent@demo-a.pleiade.test',
        entities: [1],
        enabled: true,
      },
      {
        id_u: 3,
        login: 'admin',
        password: 'demo-pastell-admin',
        token: 'demo-pastell-token-admin-4b90',
        firstName: 'Alex',
        lastName: 'Moreau',
        email: 'admin@demo-a.pleiade.test',
        entities: [1],
        enabled: true,
      },
      {
        id_u: 4,
        login: 'elu',
        password: 'demo-pastell-elu',
        token: 'demo-pastell-token-elu-6a12',
        firstName: 'Dominique',
        lastName: 'Leroy',
        email: 'elu@demo-a.pleiade.test',
        entities: [2],
        enabled: true,
      },
      {
        id_u: 5,
        login: 'agent-b',
        password: 'demo-pastell-agent-b',
        token: 'demo-pastell-token-agent-b-c5e7',
        firstName: 'Sacha',
        lastName: 'Girard',
        email: 'agent-b@demo-b.pleiade.test',
        entities: [3],
        enabled: true,
      },
      {
        id_u: 6,
        login: 'ancien-agent',
        password: 'demo-pastell-ancien',
        token: 'demo-pastell-token-ancien-0000',
        firstName: 'Ancien',
        lastName: 'Agent',
        email: 'ancien@demo-a.pleiade.test',
        entities: [1],
        enabled: false,
      },
    ],
    documents: [
      {
        id_d: 'Xk4pQ2a',
        id_e: 1,
        type: 'actes-generique',
        titre: 'Délibération 2026-014 — Tarifs de la cantine scolaire',
        lastAction: 'acquiter-tdt',
        lastActionMinutesAgo: 9 * DAY - 60,
        createdMinutesAgo: 10 * DAY,
      },
      {
        id_d: 'Lm8rT5b',
        id_e: 1,
        type: 'actes-generique',
        titre: 'Convention avec l’association sportive',
        lastAction: 'tdt-error',
        lastActionMinutesAgo: 26 * 60 - 3,
        createdMinutesAgo: 2 * DAY,
      },
      {
        id_d: 'Qz3wE7c',
        id_e: 1,
        type: 'helios-generique',
        titre: 'PES Aller — Bordereau de mandats n° 312',
        lastAction: 'erreur-verif-tdt',
        lastActionMinutesAgo: 5 * 60,
        createdMinutesAgo: 6 * 60,
      },
      {
        id_d: 'Hn6yU1d',
        id_e: 1,
        type: 'document-a-signer',
        titre: 'Courrier au préfet — Demande de subvention DETR',
        lastAction: 'send-iparapheur',
        lastActionMinutesAgo: 3 * 60,
        createdMinutesAgo: 4 * 60,
      },
      {
        id_d: 'Vb2sK9e',
        id_e: 1,
        type: 'actes-generique',
        titre: 'Arrêté de circulation — Marché de Noël',
        lastAction: 'rejet-iparapheur',
        lastActionMinutesAgo: 50,
        createdMinutesAgo: 2 * DAY,
      },
      {
        id_d: 'Pc7dM4f',
        id_e: 1,
        type: 'convocation-idelibre',
        titre: 'Convocation — Conseil municipal',
        lastAction: 'termine',
        lastActionMinutesAgo: 3 * DAY,
        createdMinutesAgo: 4 * DAY,
      },
      {
        id_d: 'Gt5hJ8g',
        id_e: 2,
        type: 'actes-generique',
        titre: 'Attribution des aides sociales facultatives',
        lastAction: 'fatal-error',
        lastActionMinutesAgo: 30,
        createdMinutesAgo: DAY,
      },
      {
        id_d: 'Rw1fN3h',
        id_e: 2,
        type: 'helios-generique',
        titre: 'PES Aller — Bordereau de titres n° 18',
        lastAction: 'termine',
        lastActionMinutesAgo: 7 * DAY,
        createdMinutesAgo: 8 * DAY,
      },
      {
        id_d: 'Yd9cB6i',
        id_e: 3,
        type: 'actes-generique',
        titre: 'Marché de collecte des déchets verts',
        lastAction: 'tdt-error',
        lastActionMinutesAgo: 75,
        createdMinutesAgo: 2 * 60,
      },
      {
        id_d: 'Mj4gV2j',
        id_e: 3,
        type: 'document-a-signer',
        titre: 'Rapport d’activité 2025',
        lastAction: 'recu-iparapheur',
        lastActionMinutesAgo: 4 * 60,
        createdMinutesAgo: 3 * DAY,
      },
    ],
  },
};
