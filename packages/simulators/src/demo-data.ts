// Demo data of the five demo accounts of the development IdP (packages/dev-idp), in French.
// Times are relative to "now" (minutes ago) or to today in Europe/Paris (appointments), so the
// dashboard always shows fresh items. Credentials here are demo values, like the IdP's "demo" password.

export interface NextcloudNotificationSeed {
  id: number;
  app: string;
  minutesAgo: number;
  objectType: string;
  objectId: string;
  subject: string;
  message: string;
  /** Path on the Nextcloud server, made absolute with the simulator's URL. */
  linkPath: string;
  iconPath: string;
  actions: { label: string; linkPath: string; type: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'WEB'; primary: boolean }[];
}

export interface NextcloudWidgetItemSeed {
  title: string;
  subtitle: string;
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
}

export interface ZimbraAppointmentSeed {
  id: string;
  name: string;
  location: string;
  /** Today in Europe/Paris, "HH:MM". */
  start: string;
  durationMinutes: number;
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
        },
        {
          id: '2102',
          fromName: 'Préfecture du Rhône',
          fromAddress: 'pref-courrier@rhone.gouv.test',
          subject: 'Contrôle de légalité : accusé de réception',
          fragment: 'La délibération n° 2026-045 a bien été reçue au titre du contrôle de légalité.',
          minutesAgo: 95,
          unread: true,
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
      notifications: [shareNotification(201, 30, 'Note de synthèse conseil du 12.pdf', 'Secrétariat général')],
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
        },
      ],
      appointments: [
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
      ],
      widgetItems: {},
      files: [
        {
          fileId: 707,
          path: 'Finances/Budget 2027.xlsx',
          contentType: XLSX,
          size: 48213,
          minutesAgo: 12,
          favorite: true,
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
      ],
      appointments: [],
    },
    rooms: [],
  }),
  user('operateur', 'Claude Petit', 'demo-a', {
    nextcloud: { notifications: [], widgetItems: {}, files: [] },
    zimbra: { messages: [], appointments: [] },
    rooms: [],
  }),
  user('agent-b', 'Sacha Girard', 'demo-b', {
    nextcloud: {
      notifications: [shareNotification(901, 5, 'Planning déneigement.xlsx', 'Services techniques')],
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
        },
      ],
      appointments: [
        { id: '7201', name: 'Réunion voirie', location: 'Centre technique', start: '10:00', durationMinutes: 60 },
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
