// Demo data of the five demo accounts of the development IdP (packages/dev-idp), in French.
// Times are relative to "now" (minutes ago) or to today in Europe/Paris (appointments), so the
// dashboard always shows fresh items. Credentials here are demo values, like the IdP's "demo" password.
// Visio links are written with JITSI_URL_PLACEHOLDER, replaced by the Jitsi simulator's URL at start.

/** Stands for the Jitsi simulator's base URL in any text of the demo data (replaced at start). */
export const JITSI_URL_PLACEHOLDER = '{{jitsi}}';
const JITSI = JITSI_URL_PLACEHOLDER;

export interface NextcloudNotificationSeed {
  id: number;
  app: string;
  minutesAgo: number;
  objectType: string;
  objectId: string;
  subject: string;
  message: string;
  /** Path on the Nextcloud server, made absolute with the simulator's URL; an absolute URL (any scheme) is kept. */
  linkPath: string;
  iconPath: string;
  actions: { label: string; linkPath: string; type: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'WEB'; primary: boolean }[];
}

export interface NextcloudWidgetItemSeed {
  title: string;
  subtitle: string;
  /** As NextcloudNotificationSeed.linkPath. */
  linkPath: string;
  iconPath: string;
  overlayIconPath: string;
  minutesAgo: number;
}

export interface NextcloudFileSeed {
  fileId: number;
  /** Path inside the user's files, e.g. "Documents/Budget 2027.xlsx". */
  path: string;
  contentType: string;
  size: number;
  minutesAgo: number;
  favorite: boolean;
}

export interface ZimbraMessageSeed {
  id: string;
  fromName: string;
  fromAddress: string;
  subject: string;
  fragment: string;
  minutesAgo: number;
  unread: boolean;
  /** Flagged by the person (Zimbra flag `f`). */
  flagged?: boolean;
  /** Sent with high priority (Zimbra flag `!`). */
  highPriority?: boolean;
}

export interface ZimbraAppointmentSeed {
  id: string;
  name: string;
  location: string;
  /** Europe/Paris wall-clock time, "HH:MM", on the day `dayOffset` days from today. */
  start: string;
  /** 0 (default) today, 1 tomorrow… so the demo agenda always has something ahead. */
  dayOffset?: number;
  durationMinutes: number;
  /** Start of the description (Zimbra's `fr` fragment), e.g. the visio link. */
  description?: string;
}

export interface MatrixRoomSeed {
  roomId: string;
  name: string;
  notificationCount: number;
  highlightCount: number;
  lastMessage: { sender: string; body: string; minutesAgo: number };
  joinedMembers: number;
}

export interface SimUser {
  username: string;
  displayName: string;
  email: string;
  collectivite: string;
  nextcloud: {
    appPassword: string;
    /** Bearer tokens the simulator accepts for this user (as user_oidc would after validation). */
    bearerTokens: string[];
    notifications: NextcloudNotificationSeed[];
    /** Dashboard widget id → items, e.g. "recommendations", "spreed", "calendar". */
    widgetItems: Record<string, NextcloudWidgetItemSeed[]>;
    files: NextcloudFileSeed[];
  };
  zimbra: { messages: ZimbraMessageSeed[]; appointments: ZimbraAppointmentSeed[] };
  matrix: { userId: string; deviceId: string; accessToken: string; rooms: MatrixRoomSeed[] };
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PDF = 'application/pdf';

/** A meeting held in a Jitsi room: the room's address is its place and, as Zimbra shows it, its description. */
function visioMeeting(meeting: Omit<ZimbraAppointmentSeed, 'location' | 'description'> & { room: string }) {
  const { room, ...rest } = meeting;
  return {
    ...rest,
    location: `${JITSI}/${room}`,
    description: `Lien de la visio : ${JITSI}/${room}`,
  } satisfies ZimbraAppointmentSeed;
}

function shareNotification(id: number, minutesAgo: number, fileName: string, from: string) {
  return {
    id,
    app: 'files_sharing',
    minutesAgo,
    objectType: 'share',
    objectId: String(id * 7),
    subject: `Nouveau fichier partagé : ${fileName}`,
    message: `${from} a partagé « ${fileName} » avec vous.`,
    linkPath: `/index.php/f/${id * 7}`,
    iconPath: '/apps/files/img/app-dark.svg',
    actions: [],
  } satisfies NextcloudNotificationSeed;
}

function user(
  username: string,
  displayName: string,
  collectivite: string,
  data: Omit<SimUser, 'username' | 'displayName' | 'email' | 'collectivite' | 'matrix' | 'nextcloud'> & {
    nextcloud: Omit<SimUser['nextcloud'], 'appPassword' | 'bearerTokens'>;
    rooms: MatrixRoomSeed[];
  },
): SimUser {
  const domain = `${collectivite}.pleiade.test`;
  return {
    username,
    displayName,
    email: `${username}@${domain}`,
    collectivite,
    nextcloud: {
      appPassword: `demo-nc-${username}-app-password`,
      bearerTokens: [`demo-nc-${username}-bearer`],
      ...data.nextcloud,
    },
    zimbra: data.zimbra,
    matrix: {
      userId: `@${username}:${domain}`,
      deviceId: `PLEIADE${username.toUpperCase().replace(/[^A-Z]/g, '')}`,
      accessToken: `syt_demo_${username.replace(/[^a-z]/g, '')}_matrix_token`,
      rooms: data.rooms,
    },
  };
}

export const DEMO_USERS: readonly SimUser[] = [
  user('agent', 'Camille Martin', 'demo-a', {
    nextcloud: {
      notifications: [
        shareNotification(101, 12, 'Budget 2027.xlsx', 'Alex Moreau'),
        {
          id: 102,
          app: 'spreed',
          minutesAgo: 45,
          objectType: 'chat',
          objectId: 'k3x9ab2c',
          subject: 'Alex Moreau vous a mentionné dans « Accueil du public »',
          message: '@camille peux-tu vérifier les horaires de samedi ?',
          linkPath: '/index.php/call/k3x9ab2c',
          iconPath: '/apps/spreed/img/app-dark.svg',
          actions: [{ label: 'Voir', linkPath: '/index.php/call/k3x9ab2c', type: 'WEB', primary: true }],
        },
        {
          id: 103,
          app: 'calendar',
          minutesAgo: 180,
          objectType: 'calendar_event',
          objectId: 'evt-commission',
          subject: 'Rappel : Commission urbanisme aujourd’hui à 14:00',
          message: '',
          linkPath: '/index.php/apps/calendar',
          iconPath: '/apps/calendar/img/calendar-dark.svg',
          actions: [],
        },
        {
          id: 104,
          app: 'calendar',
          minutesAgo: 240,
          objectType: 'calendar_event',
          objectId: 'evt-point-ccas',
          subject: 'Rappel : Point CCAS en visio demain à 10:00',
          message: `Lien de la visio : ${JITSI}/point-ccas-demo-a`,
          linkPath: '/index.php/apps/calendar',
          iconPath: '/apps/calendar/img/calendar-dark.svg',
          actions: [
            { label: 'Rejoindre la visio', linkPath: `${JITSI}/point-ccas-demo-a`, type: 'WEB', primary: true },
          ],
        },
      ],
      widgetItems: {
        recommendations: [
          {
            title: 'Budget 2027.xlsx',
            subtitle: 'Partagé par Alex Moreau',
            linkPath: '/index.php/f/707',
            iconPath: '/core/preview?fileId=707&x=64&y=64',
            overlayIconPath: '',
            minutesAgo: 12,
          },
          {
            title: 'Compte rendu conseil municipal.docx',
            subtitle: 'Modifié hier',
            linkPath: '/index.php/f/512',
            iconPath: '/core/preview?fileId=512&x=64&y=64',
            overlayIconPath: '',
            minutesAgo: 60 * 20,
          },
        ],
        calendar: [
          {
            title: 'Point CCAS (visio)',
            subtitle: 'Demain 10:00 – 10:45',
            linkPath: `${JITSI}/point-ccas-demo-a`,
            iconPath: '/apps/calendar/img/calendar-dark.svg',
            overlayIconPath: '',
            minutesAgo: 240,
          },
        ],
        spreed: [
          {
            title: 'Accueil du public',
            subtitle: 'Alex Moreau : @camille peux-tu vérifier les horaires de samedi ?',
            linkPath: '/index.php/call/k3x9ab2c',
            iconPath: '/ocs/v2.php/apps/spreed/api/v1/room/k3x9ab2c/avatar',
            overlayIconPath: '',
            minutesAgo: 45,
          },
        ],
      },
      files: [
        {
          fileId: 707,
          path: 'Partagés/Budget 2027.xlsx',
          contentType: XLSX,
          size: 48213,
          minutesAgo: 12,
          favorite: false,
        },
        {
          fileId: 512,
          path: 'Documents/Compte rendu conseil municipal.docx',
          contentType: DOCX,
          size: 23877,
          minutesAgo: 60 * 20,
          favorite: true,
        },
        {
          fileId: 498,
          path: 'Documents/Arrêté de voirie 2026-114.pdf',
          contentType: PDF,
          size: 112004,
          minutesAgo: 60 * 24 * 3,
          favorite: false,
        },
        {
          fileId: 455,
          path: 'Accueil/Horaires d’ouverture été 2026.odt',
          contentType: 'application/vnd.oasis.opendocument.text',
          size: 15890,
          minutesAgo: 60 * 24 * 6,
          favorite: false,
        },
      ],
    },
    zimbra: {
      messages: [
        {
          id: '2101',
          fromName: 'Service état civil',
          fromAddress: 'etat-civil@demo-a.pleiade.test',
          subject: 'Dossier de mariage Dupont – pièces manquantes',
          fragment: 'Bonjour, il manque l’acte de naissance du futur époux pour compléter le dossier…',
          minutesAgo: 20,
          unread: true,
          flagged: true,
        },
        {
          id: '2102',
          fromName: 'Préfecture du Rhône',
          fromAddress: 'pref-courrier@rhone.gouv.test',
          subject: 'Contrôle de légalité : accusé de réception',
          fragment: 'La délibération n° 2026-045 a bien été reçue au titre du contrôle de légalité.',
          minutesAgo: 95,
          unread: true,
          highPriority: true,
        },
        {
          id: '2103',
          fromName: 'Direction des ressources humaines',
          fromAddress: 'rh@demo-a.pleiade.test',
          subject: 'Entretien professionnel annuel',
          fragment: 'Merci de renseigner votre formulaire d’auto-évaluation avant vendredi.',
          minutesAgo: 60 * 26,
          unread: true,
        },
        {
          id: '2090',
          fromName: 'Alex Moreau',
          fromAddress: 'admin@demo-a.pleiade.test',
          subject: 'Ordre du jour de la réunion de service',
          fragment: 'Voici l’ordre du jour de lundi prochain.',
          minutesAgo: 60 * 50,
          unread: false,
        },
      ],
      appointments: [
        { id: '3101', name: 'Point équipe accueil', location: 'Salle 2', start: '09:30', durationMinutes: 30 },
        {
          id: '3102',
          name: 'Commission urbanisme',
          location: 'Salle du conseil',
          start: '14:00',
          durationMinutes: 90,
        },
        visioMeeting({
          id: '3103',
          name: 'Réunion de service (visio)',
          room: 'reunion-service-accueil-demo-a',
          start: '10:00',
          durationMinutes: 45,
          dayOffset: 1,
        }),
        {
          id: '3104',
          name: 'Formation au nouveau logiciel d’état civil',
          location: 'Salle informatique',
          start: '14:00',
          dayOffset: 2,
          durationMinutes: 180,
        },
      ],
    },
    rooms: [
      {
        roomId: '!accueil:demo-a.pleiade.test',
        name: 'Équipe accueil',
        notificationCount: 4,
        highlightCount: 1,
        lastMessage: { sender: '@admin:demo-a.pleiade.test', body: 'Qui tient le guichet samedi ?', minutesAgo: 8 },
        joinedMembers: 6,
      },
      {
        roomId: '!urbanisme:demo-a.pleiade.test',
        name: 'Service urbanisme',
        notificationCount: 2,
        highlightCount: 0,
        lastMessage: {
          sender: '@elu:demo-a.pleiade.test',
          body: 'Le dossier PC-2026-031 est complet.',
          minutesAgo: 70,
        },
        joinedMembers: 4,
      },
    ],
  }),
  user('elu', 'Dominique Leroy', 'demo-a', {
    nextcloud: {
      notifications: [
        shareNotification(201, 30, 'Note de synthèse conseil du 12.pdf', 'Secrétariat général'),
        {
          id: 202,
          app: 'calendar',
          minutesAgo: 90,
          objectType: 'calendar_event',
          objectId: 'evt-bureau-municipal',
          subject: 'Rappel : Bureau municipal en visio aujourd’hui à 12:15',
          message: 'Ordre du jour : subventions aux associations, travaux de l’école Jules-Ferry.',
          linkPath: '/index.php/apps/calendar',
          iconPath: '/apps/calendar/img/calendar-dark.svg',
          actions: [
            { label: 'Rejoindre la visio', linkPath: `${JITSI}/bureau-municipal-demo-a`, type: 'WEB', primary: true },
          ],
        },
      ],
      widgetItems: {
        recommendations: [
          {
            title: 'Note de synthèse conseil du 12.pdf',
            subtitle: 'Partagé par le secrétariat général',
            linkPath: '/index.php/f/811',
            iconPath: '/core/preview?fileId=811&x=64&y=64',
            overlayIconPath: '',
            minutesAgo: 30,
          },
          {
            title: 'Projet de délibération – tarifs cantine.docx',
            subtitle: 'Modifié par la direction des finances',
            linkPath: '/index.php/f/826',
            iconPath: '/core/preview?fileId=826&x=64&y=64',
            overlayIconPath: '',
            minutesAgo: 60 * 5,
          },
        ],
        calendar: [
          {
            title: 'Bureau municipal (visio)',
            subtitle: 'Aujourd’hui 12:15 – 13:00',
            linkPath: `${JITSI}/bureau-municipal-demo-a`,
            iconPath: '/apps/calendar/img/calendar-dark.svg',
            overlayIconPath: '',
            minutesAgo: 90,
          },
        ],
      },
      files: [
        {
          fileId: 811,
          path: 'Conseil/Note de synthèse conseil du 12.pdf',
          contentType: PDF,
          size: 304112,
          minutesAgo: 30,
          favorite: false,
        },
        {
          fileId: 826,
          path: 'Conseil/Projet de délibération – tarifs cantine.docx',
          contentType: DOCX,
          size: 41230,
          minutesAgo: 60 * 5,
          favorite: true,
        },
        {
          fileId: 790,
          path: 'Commissions/Commission finances – procès-verbal.pdf',
          contentType: PDF,
          size: 208770,
          minutesAgo: 60 * 24 * 2,
          favorite: false,
        },
      ],
    },
    zimbra: {
      messages: [
        {
          id: '4101',
          fromName: 'Cabinet du maire',
          fromAddress: 'cabinet@demo-a.pleiade.test',
          subject: 'Inauguration de la médiathèque – discours',
          fragment: 'Vous trouverez ci-joint le projet de discours pour samedi.',
          minutesAgo: 40,
          unread: true,
          flagged: true,
        },
        {
          id: '4102',
          fromName: 'Association Les Amis du Patrimoine',
          fromAddress: 'contact@amis-patrimoine.asso.test',
          subject: 'Demande de rendez-vous – restauration du lavoir',
          fragment: 'Madame l’adjointe, nous souhaiterions vous présenter notre projet de restauration…',
          minutesAgo: 60 * 3,
          unread: true,
        },
        {
          id: '4090',
          fromName: 'Secrétariat général',
          fromAddress: 'secretariat@demo-a.pleiade.test',
          subject: 'Convocation au conseil municipal',
          fragment: 'Vous êtes convoquée à la séance du conseil municipal qui se tiendra…',
          minutesAgo: 60 * 24 * 4,
          unread: false,
        },
      ],
      appointments: [
        visioMeeting({
          id: '5102',
          name: 'Bureau municipal (visio)',
          room: 'bureau-municipal-demo-a',
          start: '12:15',
          durationMinutes: 45,
        }),
        { id: '5101', name: 'Conseil municipal', location: 'Salle du conseil', start: '18:30', durationMinutes: 150 },
      ],
    },
    rooms: [
      {
        roomId: '!elus:demo-a.pleiade.test',
        name: 'Bureau municipal',
        notificationCount: 1,
        highlightCount: 1,
        lastMessage: {
          sender: '@admin:demo-a.pleiade.test',
          body: '@dominique l’ordre du jour est en ligne.',
          minutesAgo: 15,
        },
        joinedMembers: 9,
      },
      {
        roomId: '!culture:demo-a.pleiade.test',
        name: 'Commission culture',
        notificationCount: 5,
        highlightCount: 0,
        lastMessage: {
          sender: '@agent:demo-a.pleiade.test',
          body: 'Le programme des journées du patrimoine est prêt.',
          minutesAgo: 110,
        },
        joinedMembers: 7,
      },
    ],
  }),
  user('admin', 'Alex Moreau', 'demo-a', {
    nextcloud: {
      notifications: [
        {
          id: 301,
          app: 'updatenotification',
          minutesAgo: 60 * 5,
          objectType: 'app_updated',
          objectId: 'calendar',
          subject: 'Une mise à jour de l’application Agenda est disponible',
          message: '',
          linkPath: '/index.php/settings/apps/updates',
          iconPath: '/apps/updatenotification/img/notification.svg',
          actions: [],
        },
        shareNotification(302, 35, 'Tableau des effectifs 2026.xlsx', 'Direction des ressources humaines'),
      ],
      widgetItems: {
        spreed: [
          {
            title: 'Direction générale',
            subtitle: 'Claude Petit : la sauvegarde de cette nuit s’est bien passée.',
            linkPath: '/index.php/call/dg7hq2mz',
            iconPath: '/ocs/v2.php/apps/spreed/api/v1/room/dg7hq2mz/avatar',
            overlayIconPath: '',
            minutesAgo: 50,
          },
        ],
      },
      files: [
        {
          fileId: 707,
          path: 'Finances/Budget 2027.xlsx',
          contentType: XLSX,
          size: 48213,
          minutesAgo: 12,
          favorite: true,
        },
        {
          fileId: 731,
          path: 'Ressources humaines/Tableau des effectifs 2026.xlsx',
          contentType: XLSX,
          size: 30544,
          minutesAgo: 35,
          favorite: false,
        },
        {
          fileId: 702,
          path: 'Marchés publics/Cahier des charges – restauration scolaire.pdf',
          contentType: PDF,
          size: 512330,
          minutesAgo: 60 * 30,
          favorite: false,
        },
      ],
    },
    zimbra: {
      messages: [
        {
          id: '6101',
          fromName: 'Support informatique',
          fromAddress: 'support@sitiv.pleiade.test',
          subject: 'Maintenance planifiée de la messagerie',
          fragment: 'Une maintenance aura lieu dimanche de 7 h à 9 h.',
          minutesAgo: 120,
          unread: true,
        },
        {
          id: '6102',
          fromName: 'Trésorerie de Villefranche',
          fromAddress: 'tresorerie@dgfip.gouv.test',
          subject: 'Rejet de mandat n° 2026-0412',
          fragment: 'Le mandat cité en objet est rejeté : pièce justificative manquante.',
          minutesAgo: 60 * 4,
          unread: true,
        },
        {
          id: '6090',
          fromName: 'Camille Martin',
          fromAddress: 'agent@demo-a.pleiade.test',
          subject: 'Congés d’été de l’équipe accueil',
          fragment: 'Voici le planning des congés proposé pour juillet et août.',
          minutesAgo: 60 * 24 * 2,
          unread: false,
        },
      ],
      appointments: [
        visioMeeting({
          id: '6201',
          name: 'Comité de direction (visio)',
          room: 'codir-demo-a',
          start: '08:45',
          durationMinutes: 60,
        }),
        {
          id: '6202',
          name: 'Entretien de recrutement – agent d’accueil',
          location: 'Bureau 12',
          start: '15:00',
          durationMinutes: 45,
        },
      ],
    },
    rooms: [
      {
        roomId: '!direction:demo-a.pleiade.test',
        name: 'Direction générale',
        notificationCount: 2,
        highlightCount: 0,
        lastMessage: {
          sender: '@operateur:demo-a.pleiade.test',
          body: 'La sauvegarde de cette nuit s’est bien passée.',
          minutesAgo: 50,
        },
        joinedMembers: 5,
      },
    ],
  }),
  user('operateur', 'Claude Petit', 'demo-a', {
    nextcloud: {
      notifications: [
        {
          id: 401,
          app: 'admin_notifications',
          minutesAgo: 25,
          objectType: 'admin_notification',
          objectId: 'backup-report',
          subject: 'Rapport de sauvegarde : 3 collectivités sauvegardées',
          message: 'Aucune erreur. Prochaine sauvegarde cette nuit à 2 h.',
          linkPath: '/index.php/settings/admin/overview',
          iconPath: '/apps/settings/img/admin.svg',
          actions: [],
        },
      ],
      widgetItems: {},
      files: [
        {
          fileId: 9001,
          path: 'Exploitation/Procédure de reprise d’activité.pdf',
          contentType: PDF,
          size: 98310,
          minutesAgo: 60 * 8,
          favorite: true,
        },
      ],
    },
    zimbra: {
      messages: [
        {
          id: '8101',
          fromName: 'Supervision',
          fromAddress: 'supervision@sitiv.pleiade.test',
          subject: 'Alerte : espace disque à 85 % sur le serveur de fichiers',
          fragment: 'Le volume /srv/nextcloud a dépassé le seuil d’alerte.',
          minutesAgo: 18,
          unread: true,
        },
      ],
      appointments: [
        visioMeeting({
          id: '8201',
          name: 'Point hebdomadaire syndicat informatique (visio)',
          room: 'point-hebdo-sitiv',
          start: '11:00',
          durationMinutes: 30,
        }),
      ],
    },
    rooms: [
      {
        roomId: '!exploitation:demo-a.pleiade.test',
        name: 'Exploitation',
        notificationCount: 1,
        highlightCount: 1,
        lastMessage: {
          sender: '@admin:demo-a.pleiade.test',
          body: '@claude peux-tu regarder l’alerte disque ?',
          minutesAgo: 16,
        },
        joinedMembers: 3,
      },
    ],
  }),
  user('agent-b', 'Sacha Girard', 'demo-b', {
    nextcloud: {
      notifications: [
        shareNotification(901, 5, 'Planning déneigement.xlsx', 'Services techniques'),
        {
          id: 902,
          app: 'calendar',
          minutesAgo: 60,
          objectType: 'calendar_event',
          objectId: 'evt-crise-neige',
          subject: 'Rappel : Cellule de crise neige en visio à 17:00',
          message: 'Participants : services techniques, police municipale, communauté de communes.',
          linkPath: '/index.php/apps/calendar',
          iconPath: '/apps/calendar/img/calendar-dark.svg',
          actions: [
            {
              label: 'Rejoindre la visio',
              linkPath: `${JITSI}/cellule-crise-neige-demo-b`,
              type: 'WEB',
              primary: true,
            },
          ],
        },
      ],
      widgetItems: {
        recommendations: [
          {
            title: 'Planning déneigement.xlsx',
            subtitle: 'Partagé par les services techniques',
            linkPath: '/index.php/f/6307',
            iconPath: '/core/preview?fileId=6307&x=64&y=64',
            overlayIconPath: '',
            minutesAgo: 5,
          },
        ],
        calendar: [
          {
            title: 'Cellule de crise neige (visio)',
            subtitle: 'Aujourd’hui 17:00 – 17:45',
            linkPath: `${JITSI}/cellule-crise-neige-demo-b`,
            iconPath: '/apps/calendar/img/calendar-dark.svg',
            overlayIconPath: '',
            minutesAgo: 60,
          },
        ],
      },
      files: [
        {
          fileId: 6307,
          path: 'Techniques/Planning déneigement.xlsx',
          contentType: XLSX,
          size: 18220,
          minutesAgo: 5,
          favorite: false,
        },
        {
          fileId: 6290,
          path: 'Techniques/Inventaire du sel de déneigement.ods',
          contentType: 'application/vnd.oasis.opendocument.spreadsheet',
          size: 9120,
          minutesAgo: 60 * 26,
          favorite: false,
        },
      ],
    },
    zimbra: {
      messages: [
        {
          id: '7101',
          fromName: 'Préfecture de la Loire-Atlantique',
          fromAddress: 'pref-courrier@loire-atlantique.gouv.test',
          subject: 'Vigilance orange neige et verglas',
          fragment: 'Les services de viabilité hivernale sont invités à se tenir prêts.',
          minutesAgo: 25,
          unread: true,
          highPriority: true,
        },
        {
          id: '7090',
          fromName: 'Communauté de communes',
          fromAddress: 'voirie@cc-demo-b.pleiade.test',
          subject: 'Convention de déneigement 2026-2027',
          fragment: 'Veuillez trouver la convention signée par le président.',
          minutesAgo: 60 * 24 * 5,
          unread: false,
        },
      ],
      appointments: [
        { id: '7201', name: 'Réunion voirie', location: 'Centre technique', start: '10:00', durationMinutes: 60 },
        visioMeeting({
          id: '7202',
          name: 'Cellule de crise neige (visio)',
          room: 'cellule-crise-neige-demo-b',
          start: '17:00',
          durationMinutes: 45,
        }),
      ],
    },
    rooms: [
      {
        roomId: '!technique:demo-b.pleiade.test',
        name: 'Services techniques',
        notificationCount: 3,
        highlightCount: 0,
        lastMessage: { sender: '@chef-equipe:demo-b.pleiade.test', body: 'Saleuse n° 2 révisée.', minutesAgo: 3 },
        joinedMembers: 12,
      },
    ],
  }),
  user('admin-b', 'Noa Lambert', 'demo-b', {
    nextcloud: {
      notifications: [
        shareNotification(951, 40, 'Convention de déneigement 2026-2027.pdf', 'Direction générale des services'),
        {
          id: 952,
          app: 'calendar',
          minutesAgo: 90,
          objectType: 'calendar_event',
          objectId: 'evt-conseil-communautaire',
          subject: 'Rappel : Bureau communautaire demain à 18:30',
          message: 'Ordre du jour : convention de déneigement, tarifs de la déchetterie.',
          linkPath: '/index.php/apps/calendar',
          iconPath: '/apps/calendar/img/calendar-dark.svg',
          actions: [],
        },
      ],
      widgetItems: {
        recommendations: [
          {
            title: 'Convention de déneigement 2026-2027.pdf',
            subtitle: 'Partagé par la direction générale des services',
            linkPath: '/index.php/f/6412',
            iconPath: '/core/preview?fileId=6412&x=64&y=64',
            overlayIconPath: '',
            minutesAgo: 40,
          },
        ],
      },
      files: [
        {
          fileId: 6412,
          path: 'Direction/Convention de déneigement 2026-2027.pdf',
          contentType: PDF,
          size: 284120,
          minutesAgo: 40,
          favorite: true,
        },
        {
          fileId: 6398,
          path: 'Direction/Tarifs de la déchetterie 2027.xlsx',
          contentType: XLSX,
          size: 14730,
          minutesAgo: 60 * 27,
          favorite: false,
        },
      ],
    },
    zimbra: {
      messages: [
        {
          id: '7301',
          fromName: 'Sacha Girard',
          fromAddress: 'agent-b@demo-b.pleiade.test',
          subject: 'Saleuse n° 2 : devis de réparation',
          fragment: 'Le garage propose deux devis, le second avec un délai de trois jours.',
          minutesAgo: 35,
          unread: true,
        },
        {
          id: '7290',
          fromName: 'Préfecture de la Loire-Atlantique',
          fromAddress: 'pref-courrier@loire-atlantique.gouv.test',
          subject: 'Contrôle de légalité : accusé de réception',
          fragment: 'La délibération relative aux tarifs de la déchetterie a bien été reçue.',
          minutesAgo: 60 * 24 * 2,
          unread: false,
        },
      ],
      appointments: [
        { id: '7401', name: 'Point budget avec la trésorerie', location: 'Siège', start: '09:30', durationMinutes: 45 },
        visioMeeting({
          id: '7402',
          name: 'Cellule de crise neige (visio)',
          room: 'cellule-crise-neige-demo-b',
          start: '17:00',
          durationMinutes: 45,
        }),
      ],
    },
    rooms: [
      {
        roomId: '!technique:demo-b.pleiade.test',
        name: 'Services techniques',
        notificationCount: 1,
        highlightCount: 1,
        lastMessage: {
          sender: '@agent-b:demo-b.pleiade.test',
          body: '@noa le devis de la saleuse est arrivé.',
          minutesAgo: 30,
        },
        joinedMembers: 12,
      },
    ],
  }),
];

/** The instant that is `hhmm` today in Europe/Paris (the dashboard's time zone). */
export function parisTimeToday(now: Date, hhmm: string): Date {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(now)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const offsetMs = Date.UTC(year, month - 1, day, hour, minute, second) - Math.floor(now.getTime() / 1000) * 1000;
  return new Date(Date.UTC(year, month - 1, day, h, m) - offsetMs);
}

export const minutesBefore = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);

/** Every string of the users' data with JITSI_URL_PLACEHOLDER replaced by `jitsiUrl`. */
export function withJitsiUrl(users: readonly SimUser[], jitsiUrl: string): SimUser[] {
  const replace = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replaceAll(JITSI_URL_PLACEHOLDER, jitsiUrl);
    if (Array.isArray(value)) return value.map(replace);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v)]));
    }
    return value;
  };
  return users.map((u) => replace(u) as SimUser);
}
