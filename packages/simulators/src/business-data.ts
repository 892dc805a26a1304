// Demo data of the business applications (issue 11): GLPI tickets, an OData finance service
// (budget lines, purchase orders, leave requests to validate) and a Kelio-like time-management
// service (clockings, absences, balances), in French, for the demo IdP's accounts and for people
// who are not demo accounts, so that tests can prove a person only sees their own records.
// Instants are relative to "now" (minutes ago, days ahead) or wall-clock times today in Europe/Paris.

export type Collectivite = 'demo-a' | 'demo-b';

/** Someone known to the business applications. `username` is the login at the IdP and in GLPI. */
export interface BusinessPerson {
  username: string;
  firstName: string;
  surname: string;
  collectivite: Collectivite;
  /** True for the development IdP's demo accounts (agent, elu, admin, operateur, agent-b). */
  demoAccount: boolean;
  /** GLPI user id (glpi_users.id). */
  glpiUserId: number;
  /** GLPI "remote access key" (Préférences > Clés d'accès distant), for `Authorization: user_token`. */
  glpiUserToken: string;
  /** Time-management identifiers; absent for élus, who do not clock in. */
  employee?: { matricule: string; badge: string; key: number };
}

/** GLPI ITIL statuses (CommonITILObject): 1 new … 6 closed. */
export type GlpiStatus = 1 | 2 | 3 | 4 | 5 | 6;
/** GLPI priorities: 1 very low … 6 major. */
export type GlpiPriority = 1 | 2 | 3 | 4 | 5 | 6;

export interface GlpiTicketSeed {
  id: number;
  title: string;
  content: string;
  /** Requester usernames (Ticket_User type 1). */
  requesters: string[];
  /** Assigned technician usernames (Ticket_User type 2). */
  technicians: string[];
  /** Observer usernames (Ticket_User type 3). */
  observers?: string[];
  status: GlpiStatus;
  priority: GlpiPriority;
  /** 1 incident, 2 request. */
  type: 1 | 2;
  category: string;
  collectivite: Collectivite;
  openedMinutesAgo: number;
  updatedMinutesAgo: number;
}

export interface BudgetLineSeed {
  id: string;
  collectivite: Collectivite;
  exercice: number;
  section: 'Fonctionnement' | 'Investissement';
  chapitre: string;
  libelleChapitre: string;
  article: string;
  libelle: string;
  service: string;
  creditsVotes: number;
  montantEngage: number;
  montantMandate: number;
}

export type PurchaseOrderStatus = 'EnAttenteVisa' | 'Vise' | 'Refuse' | 'Solde';

export interface PurchaseOrderSeed {
  numero: string;
  collectivite: Collectivite;
  objet: string;
  fournisseur: string;
  montantTTC: number;
  service: string;
  /** Username of the person who must approve (viser) it. */
  valideur: string;
  statut: PurchaseOrderStatus;
  emisDaysAgo: number;
  /** Approval deadline, days from today (negative: late). */
  limiteVisaInDays: number;
}

export type LeaveRequestStatus = 'AValider' | 'Validee' | 'Refusee';

export interface LeaveRequestSeed {
  id: number;
  collectivite: Collectivite;
  /** Username of the person on leave. */
  agent: string;
  type: 'Congés annuels' | 'RTT' | 'Compte épargne-temps' | 'Autorisation d’absence';
  /** Days from today. */
  debutInDays: number;
  finInDays: number;
  nombreJours: number;
  statut: LeaveRequestStatus;
  /** Username of the manager who validates it. */
  valideur: string;
  demandeMinutesAgo: number;
}

export interface ClockingSeed {
  /** Europe/Paris wall-clock time "HH:MM" on the day `dayOffset` from today (0 today, -1 yesterday). */
  time: string;
  dayOffset: number;
  direction: 'ENTREE' | 'SORTIE';
  terminal: string;
}

export interface AbsenceFileSeed {
  abbreviation: 'CA' | 'RTT' | 'CET' | 'MAL' | 'FOR';
  description: string;
  startInDays: number;
  endInDays: number;
  days: number;
}

export interface LeaveBalanceSeed {
  abbreviation: 'CA' | 'RTT' | 'CET';
  description: string;
  acquired: number;
  taken: number;
  planned: number;
}

export interface TimeRecords {
  clockings: ClockingSeed[];
  absences: AbsenceFileSeed[];
  balances: LeaveBalanceSeed[];
  /** Hours credit (+) or debit (−) at the end of yesterday, in minutes. */
  creditDebitMinutes: number;
  /** Contracted weekly time, in minutes. */
  weeklyContractMinutes: number;
}

export interface NewsItemSeed {
  slug: string;
  title: string;
  /** HTML summary, as a collectivité's CMS writes it. */
  summaryHtml: string;
  category: string;
  minutesAgo: number;
  author: string;
}

export interface BusinessData {
  people: BusinessPerson[];
  glpi: { tickets: GlpiTicketSeed[] };
  finance: {
    budgetLines: BudgetLineSeed[];
    purchaseOrders: PurchaseOrderSeed[];
    leaveRequests: LeaveRequestSeed[];
  };
  /** Time-management records per username (employees only). */
  time: Record<string, TimeRecords>;
  /** News of each collectivité: demo-a publishes RSS 2.0, demo-b Atom 1.0. */
  news: Record<Collectivite, { title: string; description: string; items: NewsItemSeed[] }>;
}

export const COLLECTIVITE_NAMES: Readonly<Record<Collectivite, string>> = {
  'demo-a': 'Mairie de Demo A',
  'demo-b': 'Communauté de communes Demo B',
};

function person(
  username: string,
  firstName: string,
  surname: string,
  collectivite: Collectivite,
  glpiUserId: number,
  employee?: BusinessPerson['employee'],
): BusinessPerson {
  return {
    username,
    firstName,
    surname,
    collectivite,
    demoAccount: ['agent', 'elu', 'admin', 'operateur', 'agent-b'].includes(username),
    glpiUserId,
    glpiUserToken: `demo-glpi-${username.replace(/[^a-z]/g, '')}-user-token-0123456789`.slice(0, 40),
    ...(employee ? { employee } : {}),
  };
}

const workday = (arrive: string, lunchOut: string, lunchIn: string, terminal: string): ClockingSeed[] => [
  { time: arrive, dayOffset: 0, direction: 'ENTREE', terminal },
  { time: lunchOut, dayOffset: 0, direction: 'SORTIE', terminal },
  { time: lunchIn, dayOffset: 0, direction: 'ENTREE', terminal },
];

const yesterday = (arrive: string, leave: string, terminal: string): ClockingSeed[] => [
  { time: arrive, dayOffset: -1, direction: 'ENTREE', terminal },
  { time: leave, dayOffset: -1, direction: 'SORTIE', terminal },
];

const HALL = 'Badgeuse hall de la mairie';
const CTM = 'Badgeuse du centre technique';

export const DEMO_BUSINESS: BusinessData = {
  people: [
    person('agent', 'Camille', 'Martin', 'demo-a', 7, { matricule: 'A-00042', badge: '0004217', key: 1042 }),
    person('elu', 'Dominique', 'Leroy', 'demo-a', 8),
    person('admin', 'Alex', 'Moreau', 'demo-a', 9, { matricule: 'A-00007', badge: '0000791', key: 1007 }),
    person('operateur', 'Claude', 'Petit', 'demo-a', 10, { matricule: 'A-00031', badge: '0003144', key: 1031 }),
    person('jdupont', 'Jean', 'Dupont', 'demo-a', 11, { matricule: 'A-00050', badge: '0005002', key: 1050 }),
    person('mbernard', 'Marie', 'Bernard', 'demo-a', 12, { matricule: 'A-00051', badge: '0005118', key: 1051 }),
    person('agent-b', 'Sacha', 'Girard', 'demo-b', 21, { matricule: 'B-00112', badge: '0011203', key: 2112 }),
    person('tleroux', 'Théo', 'Leroux', 'demo-b', 22, { matricule: 'B-00113', badge: '0011377', key: 2113 }),
    person('iroux', 'Inès', 'Roux', 'demo-b', 23, { matricule: 'B-00114', badge: '0011460', key: 2114 }),
  ],
  glpi: {
    tickets: [
      {
        id: 1042,
        title: 'Imprimante du guichet état civil hors service',
        content: 'L’imprimante du guichet affiche « bourrage papier » alors qu’aucune feuille n’est coincée.',
        requesters: ['agent'],
        technicians: ['operateur'],
        status: 2,
        priority: 4,
        type: 1,
        category: 'Matériel > Imprimante',
        collectivite: 'demo-a',
        openedMinutesAgo: 60 * 26,
        updatedMinutesAgo: 35,
      },
      {
        id: 1051,
        title: 'Accès au logiciel de gestion du courrier',
        content: 'Bonjour, je n’arrive plus à me connecter au logiciel du courrier depuis ce matin.',
        requesters: ['agent'],
        technicians: [],
        status: 1,
        priority: 3,
        type: 2,
        category: 'Logiciels > Courrier',
        collectivite: 'demo-a',
        openedMinutesAgo: 50,
        updatedMinutesAgo: 50,
      },
      {
        id: 1012,
        title: 'Écran qui scintille au bureau 4',
        content: 'L’écran scintille quand on ouvre le logiciel d’état civil.',
        requesters: ['agent'],
        technicians: ['operateur'],
        status: 5,
        priority: 2,
        type: 1,
        category: 'Matériel > Écran',
        collectivite: 'demo-a',
        openedMinutesAgo: 60 * 24 * 9,
        updatedMinutesAgo: 60 * 24 * 2,
      },
      {
        id: 998,
        title: 'Installation du logiciel de cartographie',
        content: 'Merci d’installer le logiciel de cartographie sur le poste du service urbanisme.',
        requesters: ['agent'],
        technicians: ['operateur'],
        status: 6,
        priority: 3,
        type: 2,
        category: 'Logiciels > Installation',
        collectivite: 'demo-a',
        openedMinutesAgo: 60 * 24 * 30,
        updatedMinutesAgo: 60 * 24 * 21,
      },
      {
        id: 1047,
        title: 'Tablette pour les séances du conseil : mise à jour',
        content: 'La tablette demande une mise à jour avant la séance de jeudi.',
        requesters: ['elu'],
        technicians: ['operateur'],
        status: 4,
        priority: 3,
        type: 2,
        category: 'Matériel > Tablette',
        collectivite: 'demo-a',
        openedMinutesAgo: 60 * 24 * 3,
        updatedMinutesAgo: 60 * 5,
      },
      {
        id: 1039,
        title: 'Création des comptes des saisonniers de l’été',
        content: 'Six saisonniers arrivent le 1er juillet : comptes, messagerie et badges.',
        requesters: ['admin'],
        technicians: ['operateur'],
        status: 3,
        priority: 3,
        type: 2,
        category: 'Comptes > Création',
        collectivite: 'demo-a',
        openedMinutesAgo: 60 * 24 * 6,
        updatedMinutesAgo: 60 * 24,
      },
      {
        id: 1055,
        title: 'Renouvellement du certificat du site de la mairie',
        content: 'Le certificat du site expire dans cinq jours.',
        requesters: ['admin'],
        technicians: ['operateur'],
        observers: ['agent'],
        status: 2,
        priority: 5,
        type: 1,
        category: 'Réseau > Site internet',
        collectivite: 'demo-a',
        openedMinutesAgo: 60 * 8,
        updatedMinutesAgo: 20,
      },
      {
        id: 1058,
        title: 'Espace disque du serveur de fichiers',
        content: 'Le volume des partages dépasse 85 %.',
        requesters: ['operateur'],
        technicians: [],
        status: 1,
        priority: 4,
        type: 1,
        category: 'Serveurs > Stockage',
        collectivite: 'demo-a',
        openedMinutesAgo: 18,
        updatedMinutesAgo: 18,
      },
      {
        id: 1044,
        title: 'Téléphone du bureau 12 sans tonalité',
        content: 'Plus de tonalité sur le poste fixe du bureau 12.',
        requesters: ['jdupont'],
        technicians: ['operateur'],
        status: 2,
        priority: 3,
        type: 1,
        category: 'Téléphonie',
        collectivite: 'demo-a',
        openedMinutesAgo: 60 * 30,
        updatedMinutesAgo: 60 * 2,
      },
      {
        id: 1049,
        title: 'Badge d’accès au parking perdu',
        content: 'J’ai perdu mon badge de parking, pouvez-vous le désactiver ?',
        requesters: ['mbernard'],
        technicians: [],
        status: 1,
        priority: 2,
        type: 2,
        category: 'Accès > Badges',
        collectivite: 'demo-a',
        openedMinutesAgo: 60 * 4,
        updatedMinutesAgo: 60 * 4,
      },
      {
        id: 2003,
        title: 'Saleuse n° 2 : le boîtier GPS ne remonte plus',
        content: 'Le suivi des tournées de déneigement ne montre plus la saleuse n° 2.',
        requesters: ['agent-b'],
        technicians: ['tleroux'],
        status: 2,
        priority: 4,
        type: 1,
        category: 'Matériel > Véhicules',
        collectivite: 'demo-b',
        openedMinutesAgo: 60 * 5,
        updatedMinutesAgo: 45,
      },
      {
        id: 2007,
        title: 'VPN du centre technique',
        content: 'Le VPN coupe toutes les dix minutes depuis le centre technique.',
        requesters: ['agent-b'],
        technicians: [],
        status: 1,
        priority: 3,
        type: 1,
        category: 'Réseau > VPN',
        collectivite: 'demo-b',
        openedMinutesAgo: 90,
        updatedMinutesAgo: 90,
      },
      {
        id: 2005,
        title: 'Poste du gardiennage très lent',
        content: 'Le poste du gardiennage met dix minutes à démarrer.',
        requesters: ['iroux'],
        technicians: ['tleroux'],
        status: 4,
        priority: 2,
        type: 1,
        category: 'Matériel > Poste de travail',
        collectivite: 'demo-b',
        openedMinutesAgo: 60 * 24 * 2,
        updatedMinutesAgo: 60 * 6,
      },
    ],
  },
  finance: {
    budgetLines: [
      {
        id: '2027-F-011-6064',
        collectivite: 'demo-a',
        exercice: 2027,
        section: 'Fonctionnement',
        chapitre: '011',
        libelleChapitre: 'Charges à caractère général',
        article: '6064',
        libelle: 'Fournitures administratives',
        service: 'Accueil et état civil',
        creditsVotes: 18_000,
        montantEngage: 11_240.5,
        montantMandate: 9_870.25,
      },
      {
        id: '2027-F-011-6156',
        collectivite: 'demo-a',
        exercice: 2027,
        section: 'Fonctionnement',
        chapitre: '011',
        libelleChapitre: 'Charges à caractère général',
        article: '6156',
        libelle: 'Maintenance informatique',
        service: 'Systèmes d’information',
        creditsVotes: 42_500,
        montantEngage: 38_900,
        montantMandate: 27_310.8,
      },
      {
        id: '2027-F-012-64111',
        collectivite: 'demo-a',
        exercice: 2027,
        section: 'Fonctionnement',
        chapitre: '012',
        libelleChapitre: 'Charges de personnel et frais assimilés',
        article: '64111',
        libelle: 'Rémunération principale des titulaires',
        service: 'Ressources humaines',
        creditsVotes: 1_240_000,
        montantEngage: 1_240_000,
        montantMandate: 713_450.12,
      },
      {
        id: '2027-F-65-6574',
        collectivite: 'demo-a',
        exercice: 2027,
        section: 'Fonctionnement',
        chapitre: '65',
        libelleChapitre: 'Autres charges de gestion courante',
        article: '6574',
        libelle: 'Subventions aux associations',
        service: 'Vie associative',
        creditsVotes: 95_000,
        montantEngage: 61_500,
        montantMandate: 48_000,
      },
      {
        id: '2027-I-21-2183',
        collectivite: 'demo-a',
        exercice: 2027,
        section: 'Investissement',
        chapitre: '21',
        libelleChapitre: 'Immobilisations corporelles',
        article: '2183',
        libelle: 'Matériel de bureau et informatique',
        service: 'Systèmes d’information',
        creditsVotes: 60_000,
        montantEngage: 22_480,
        montantMandate: 12_990,
      },
      {
        id: '2027-I-23-2313',
        collectivite: 'demo-a',
        exercice: 2027,
        section: 'Investissement',
        chapitre: '23',
        libelleChapitre: 'Immobilisations en cours',
        article: '2313',
        libelle: 'Travaux de l’école Jules-Ferry',
        service: 'Bâtiments',
        creditsVotes: 480_000,
        montantEngage: 312_000,
        montantMandate: 104_250,
      },
      {
        id: '2027-F-011-60633',
        collectivite: 'demo-b',
        exercice: 2027,
        section: 'Fonctionnement',
        chapitre: '011',
        libelleChapitre: 'Charges à caractère général',
        article: '60633',
        libelle: 'Fournitures de voirie (sel de déneigement)',
        service: 'Services techniques',
        creditsVotes: 35_000,
        montantEngage: 33_100,
        montantMandate: 30_420,
      },
      {
        id: '2027-I-21-21571',
        collectivite: 'demo-b',
        exercice: 2027,
        section: 'Investissement',
        chapitre: '21',
        libelleChapitre: 'Immobilisations corporelles',
        article: '21571',
        libelle: 'Matériel roulant de voirie',
        service: 'Services techniques',
        creditsVotes: 150_000,
        montantEngage: 138_000,
        montantMandate: 0,
      },
    ],
    purchaseOrders: [
      {
        numero: 'BC-2027-00412',
        collectivite: 'demo-a',
        objet: 'Ramettes de papier recyclé pour les services',
        fournisseur: 'Papeterie Lyonnaise',
        montantTTC: 1_284.6,
        service: 'Accueil et état civil',
        valideur: 'admin',
        statut: 'EnAttenteVisa',
        emisDaysAgo: 2,
        limiteVisaInDays: 3,
      },
      {
        numero: 'BC-2027-00415',
        collectivite: 'demo-a',
        objet: 'Contrat de maintenance du logiciel d’état civil',
        fournisseur: 'Logitud Solutions',
        montantTTC: 8_940,
        service: 'Systèmes d’information',
        valideur: 'admin',
        statut: 'EnAttenteVisa',
        emisDaysAgo: 6,
        limiteVisaInDays: -1,
      },
      {
        numero: 'BC-2027-00418',
        collectivite: 'demo-a',
        objet: 'Location de chapiteaux pour la fête de la musique',
        fournisseur: 'Événements Rhône Services',
        montantTTC: 3_450,
        service: 'Culture et animations',
        valideur: 'elu',
        statut: 'EnAttenteVisa',
        emisDaysAgo: 1,
        limiteVisaInDays: 6,
      },
      {
        numero: 'BC-2027-00398',
        collectivite: 'demo-a',
        objet: 'Repas des aînés : traiteur',
        fournisseur: "Traiteur des Monts d'Or",
        montantTTC: 12_600,
        service: 'CCAS',
        valideur: 'elu',
        statut: 'Vise',
        emisDaysAgo: 15,
        limiteVisaInDays: -8,
      },
      {
        numero: 'BC-2027-00420',
        collectivite: 'demo-a',
        objet: 'Fournitures pour les ateliers périscolaires',
        fournisseur: 'Majuscule Collectivités',
        montantTTC: 640.2,
        service: 'Éducation',
        valideur: 'jdupont',
        statut: 'EnAttenteVisa',
        emisDaysAgo: 1,
        limiteVisaInDays: 4,
      },
      {
        numero: 'BC-2027-00390',
        collectivite: 'demo-a',
        objet: 'Réparation de la toiture du gymnase',
        fournisseur: 'Couverture Dauphinoise',
        montantTTC: 22_800,
        service: 'Bâtiments',
        valideur: 'admin',
        statut: 'Refuse',
        emisDaysAgo: 20,
        limiteVisaInDays: -12,
      },
      {
        numero: 'BC-2027-01107',
        collectivite: 'demo-b',
        objet: 'Sel de déneigement (40 tonnes)',
        fournisseur: 'Salins de l’Ouest',
        montantTTC: 4_720,
        service: 'Services techniques',
        valideur: 'agent-b',
        statut: 'EnAttenteVisa',
        emisDaysAgo: 1,
        limiteVisaInDays: 2,
      },
      {
        numero: 'BC-2027-01102',
        collectivite: 'demo-b',
        objet: 'Pneus neige pour la saleuse n° 2',
        fournisseur: 'Garage Pays de Retz',
        montantTTC: 2_316,
        service: 'Services techniques',
        valideur: 'iroux',
        statut: 'EnAttenteVisa',
        emisDaysAgo: 3,
        limiteVisaInDays: 1,
      },
    ],
    leaveRequests: [
      {
        id: 5101,
        collectivite: 'demo-a',
        agent: 'agent',
        type: 'Congés annuels',
        debutInDays: 24,
        finInDays: 35,
        nombreJours: 10,
        statut: 'AValider',
        valideur: 'admin',
        demandeMinutesAgo: 60 * 22,
      },
      {
        id: 5102,
        collectivite: 'demo-a',
        agent: 'jdupont',
        type: 'RTT',
        debutInDays: 3,
        finInDays: 3,
        nombreJours: 1,
        statut: 'AValider',
        valideur: 'admin',
        demandeMinutesAgo: 60 * 3,
      },
      {
        id: 5103,
        collectivite: 'demo-a',
        agent: 'mbernard',
        type: 'Autorisation d’absence',
        debutInDays: 1,
        finInDays: 1,
        nombreJours: 0.5,
        statut: 'AValider',
        valideur: 'admin',
        demandeMinutesAgo: 40,
      },
      {
        id: 5098,
        collectivite: 'demo-a',
        agent: 'operateur',
        type: 'Congés annuels',
        debutInDays: 12,
        finInDays: 16,
        nombreJours: 5,
        statut: 'Validee',
        valideur: 'admin',
        demandeMinutesAgo: 60 * 24 * 8,
      },
      {
        id: 5104,
        collectivite: 'demo-a',
        agent: 'admin',
        type: 'Compte épargne-temps',
        debutInDays: 40,
        finInDays: 44,
        nombreJours: 5,
        statut: 'AValider',
        valideur: 'elu',
        demandeMinutesAgo: 60 * 30,
      },
      {
        id: 6201,
        collectivite: 'demo-b',
        agent: 'tleroux',
        type: 'Congés annuels',
        debutInDays: 7,
        finInDays: 11,
        nombreJours: 5,
        statut: 'AValider',
        valideur: 'agent-b',
        demandeMinutesAgo: 60 * 5,
      },
      {
        id: 6202,
        collectivite: 'demo-b',
        agent: 'iroux',
        type: 'RTT',
        debutInDays: 2,
        finInDays: 2,
        nombreJours: 1,
        statut: 'AValider',
        valideur: 'agent-b',
        demandeMinutesAgo: 60 * 26,
      },
      {
        id: 6195,
        collectivite: 'demo-b',
        agent: 'agent-b',
        type: 'Congés annuels',
        debutInDays: 30,
        finInDays: 34,
        nombreJours: 5,
        statut: 'AValider',
        valideur: 'iroux',
        demandeMinutesAgo: 60 * 48,
      },
    ],
  },
  time: {
    agent: {
      clockings: [...yesterday('08:05', '17:12', HALL), ...workday('08:12', '12:03', '13:31', HALL)],
      absences: [
        { abbreviation: 'RTT', description: 'Réduction du temps de travail', startInDays: -6, endInDays: -6, days: 1 },
        { abbreviation: 'CA', description: 'Congés annuels', startInDays: 24, endInDays: 35, days: 10 },
      ],
      balances: [
        { abbreviation: 'CA', description: 'Congés annuels', acquired: 25, taken: 11, planned: 10 },
        { abbreviation: 'RTT', description: 'Réduction du temps de travail', acquired: 12, taken: 7, planned: 0 },
        { abbreviation: 'CET', description: 'Compte épargne-temps', acquired: 6, taken: 0, planned: 0 },
      ],
      creditDebitMinutes: 7 * 60 + 25,
      weeklyContractMinutes: 36 * 60,
    },
    admin: {
      clockings: [...yesterday('07:58', '18:40', HALL), ...workday('07:51', '12:30', '13:15', HALL)],
      absences: [{ abbreviation: 'CET', description: 'Compte épargne-temps', startInDays: 40, endInDays: 44, days: 5 }],
      balances: [
        { abbreviation: 'CA', description: 'Congés annuels', acquired: 25, taken: 15, planned: 0 },
        { abbreviation: 'RTT', description: 'Réduction du temps de travail', acquired: 22, taken: 14, planned: 0 },
        { abbreviation: 'CET', description: 'Compte épargne-temps', acquired: 18, taken: 0, planned: 5 },
      ],
      creditDebitMinutes: 14 * 60 + 40,
      weeklyContractMinutes: 39 * 60,
    },
    operateur: {
      clockings: [...yesterday('08:30', '17:05', HALL), ...workday('08:27', '12:10', '13:02', HALL)],
      absences: [{ abbreviation: 'CA', description: 'Congés annuels', startInDays: 12, endInDays: 16, days: 5 }],
      balances: [
        { abbreviation: 'CA', description: 'Congés annuels', acquired: 25, taken: 9, planned: 5 },
        { abbreviation: 'RTT', description: 'Réduction du temps de travail', acquired: 12, taken: 5, planned: 0 },
      ],
      creditDebitMinutes: -(1 * 60 + 50),
      weeklyContractMinutes: 36 * 60,
    },
    jdupont: {
      clockings: workday('08:45', '12:00', '13:30', HALL),
      absences: [
        { abbreviation: 'RTT', description: 'Réduction du temps de travail', startInDays: 3, endInDays: 3, days: 1 },
      ],
      balances: [{ abbreviation: 'CA', description: 'Congés annuels', acquired: 25, taken: 20, planned: 0 }],
      creditDebitMinutes: 2 * 60,
      weeklyContractMinutes: 35 * 60,
    },
    mbernard: {
      clockings: workday('09:02', '12:15', '13:45', HALL),
      absences: [],
      balances: [{ abbreviation: 'CA', description: 'Congés annuels', acquired: 25, taken: 3, planned: 0 }],
      creditDebitMinutes: 35,
      weeklyContractMinutes: 35 * 60,
    },
    'agent-b': {
      clockings: [...yesterday('05:30', '14:10', CTM), ...workday('05:42', '11:30', '12:15', CTM)],
      absences: [{ abbreviation: 'CA', description: 'Congés annuels', startInDays: 30, endInDays: 34, days: 5 }],
      balances: [
        { abbreviation: 'CA', description: 'Congés annuels', acquired: 25, taken: 12, planned: 5 },
        { abbreviation: 'RTT', description: 'Réduction du temps de travail', acquired: 12, taken: 4, planned: 0 },
      ],
      creditDebitMinutes: 11 * 60 + 5,
      weeklyContractMinutes: 37 * 60,
    },
    tleroux: {
      clockings: workday('06:00', '11:45', '12:30', CTM),
      absences: [{ abbreviation: 'CA', description: 'Congés annuels', startInDays: 7, endInDays: 11, days: 5 }],
      balances: [{ abbreviation: 'CA', description: 'Congés annuels', acquired: 25, taken: 8, planned: 5 }],
      creditDebitMinutes: 3 * 60 + 15,
      weeklyContractMinutes: 37 * 60,
    },
    iroux: {
      clockings: workday('07:10', '12:00', '13:00', CTM),
      absences: [],
      balances: [{ abbreviation: 'CA', description: 'Congés annuels', acquired: 25, taken: 10, planned: 0 }],
      creditDebitMinutes: -45,
      weeklyContractMinutes: 35 * 60,
    },
  },
  news: {
    'demo-a': {
      title: 'Mairie de Demo A — Actualités',
      description: 'Les actualités de la mairie et des services municipaux',
      items: [
        {
          slug: 'fermeture-exceptionnelle-mairie',
          title: 'Fermeture exceptionnelle de la mairie vendredi après-midi',
          summaryHtml:
            '<p>En raison de travaux de câblage, l’accueil de la mairie sera <strong>fermé vendredi à partir de 12 h</strong>. Les demandes urgentes d’état civil sont reçues à la mairie annexe.</p>',
          category: 'Vie municipale',
          minutesAgo: 90,
          author: 'Service communication',
        },
        {
          slug: 'conseil-municipal-ordre-du-jour',
          title: 'Conseil municipal du 12 : l’ordre du jour est en ligne',
          summaryHtml:
            '<p>Budget supplémentaire, tarifs de la cantine et <a href="https://demo-a.pleiade.test/conseil">subventions aux associations</a>.</p>',
          category: 'Conseil municipal',
          minutesAgo: 60 * 20,
          author: 'Secrétariat général',
        },
        {
          slug: 'travaux-ecole-jules-ferry',
          title: 'Travaux de l’école Jules-Ferry : point d’étape',
          summaryHtml:
            '<p>La toiture est achevée ; le chantier des sanitaires commence lundi.</p><p><img src="https://demo-a.pleiade.test/img/chantier.jpg" alt="Le chantier vu de la cour"></p>',
          category: 'Travaux',
          minutesAgo: 60 * 24 * 2,
          author: 'Services techniques',
        },
        {
          slug: 'journees-du-patrimoine',
          title: 'Journées du patrimoine : le programme',
          summaryHtml: '<p>Visites du lavoir restauré et de l’église Saint-Martin, exposition à la médiathèque.</p>',
          category: 'Culture',
          minutesAgo: 60 * 24 * 4,
          author: 'Médiathèque',
        },
        {
          slug: 'collecte-dechets-jours-feries',
          title: 'Collecte des déchets : les jours fériés changent les tournées',
          summaryHtml: '<p>Les bacs jaunes du lundi 14 seront collectés mardi 15.</p>',
          category: 'Environnement',
          minutesAgo: 60 * 24 * 6,
          author: 'Service environnement',
        },
      ],
    },
    'demo-b': {
      title: 'Communauté de communes Demo B — Actualités',
      description: 'Informations de la communauté de communes',
      items: [
        {
          slug: 'vigilance-neige-verglas',
          title: 'Vigilance neige et verglas : les circuits de déneigement',
          summaryHtml:
            '<p>Les saleuses partent à 5 h 30. <em>Priorité</em> aux circuits de bus scolaires et aux accès des écoles.</p>',
          category: 'Voirie',
          minutesAgo: 40,
          author: 'Services techniques',
        },
        {
          slug: 'convention-deneigement',
          title: 'Convention de déneigement 2026-2027 signée',
          summaryHtml: '<p>Onze communes membres adhèrent au service commun de viabilité hivernale.</p>',
          category: 'Intercommunalité',
          minutesAgo: 60 * 24 * 3,
          author: 'Direction générale des services',
        },
        {
          slug: 'recrutement-agents-saisonniers',
          title: 'Recrutement d’agents saisonniers pour l’été',
          summaryHtml: '<p>Candidatures jusqu’au 31 mars auprès du service des ressources humaines.</p>',
          category: 'Emploi',
          minutesAgo: 60 * 24 * 8,
          author: 'Ressources humaines',
        },
      ],
    },
  },
};

/** The person with this username, or undefined. */
export function findPerson(data: BusinessData, username: string): BusinessPerson | undefined {
  return data.people.find((p) => p.username === username);
}

export function fullName(p: BusinessPerson): string {
  return `${p.firstName} ${p.surname}`;
}
