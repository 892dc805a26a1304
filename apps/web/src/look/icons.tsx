import type { WidgetKind } from '@pleiade/contracts';

/**
 * Application icons drawn for Pléiade (24×24, stroked with the current colour), shipped in the
 * bundle: no request leaves the installation. Decorative: the text beside each names the application.
 */
const PATHS = {
  mail: 'M3 6h18v12H3z M3 7l9 6 9-6',
  calendar: 'M4 6h16v14H4z M4 10h16 M8 3v5 M16 3v5',
  folder: 'M3 6h6l2 2h10v11H3z',
  bell: 'M6 17V11a6 6 0 0 1 12 0v6l2 2H4z M10 21h4',
  chat: 'M4 5h16v11H9l-5 4z',
  video: 'M3 7h12v10H3z M15 11l6-4v10l-6-4',
  note: 'M5 3h10l4 4v14H5z M15 3v4h4 M8 12h8 M8 16h6',
  signature: 'M4 19c3-6 5-10 7-10s-1 8 2 8 3-4 5-4 M3 21h18',
  gavel: 'M14 4l6 6 M11 7l6 6 M12.5 5.5l-6 6 M9 14l-6 6 M3 21h9',
  flow: 'M4 6h10 M4 12h16 M4 18h10 M17 3l3 3-3 3 M17 15l3 3-3 3',
  dashboard: 'M4 4h7v7H4z M13 4h7v4h-7z M13 10h7v10h-7z M4 13h7v7H4z',
  apps: 'M4 4h6v6H4z M14 4h6v6h-6z M4 14h6v6H4z M14 14h6v6h-6z',
  home: 'M3 11l9-7 9 7 M5 10v10h14V10',
  chart: 'M4 20V4 M4 20h16 M8 16v-4 M12 16V8 M16 16v-6',
  people: 'M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6z M3 20c0-3 3-5 6-5s6 2 6 5 M16 11a3 3 0 1 0 0-6 M17 15c2 0 4 2 4 5',
  send: 'M3 11l18-8-8 18-2-8z',
  table: 'M4 5h16v14H4z M4 10h16 M4 15h16 M10 5v14',
  check: 'M4 12l5 5L20 6',
  megaphone: 'M3 10v4h4l8 5V5l-8 5z M18 9a4 4 0 0 1 0 6',
  news: 'M4 5h13v14H4z M17 9h3v9a1 1 0 0 1-3 0 M7 9h7 M7 13h7 M7 16h4',
  signOut: 'M10 4H5v16h5 M15 8l4 4-4 4 M19 12H9',
  settings: 'M4 6h9 M17 6h3 M15 4v4 M4 12h3 M11 12h9 M9 10v4 M4 18h11 M19 18h1 M17 16v4',
  link: 'M10 14a4 4 0 0 0 6 0l3-3a4 4 0 0 0-6-6l-1 1 M14 10a4 4 0 0 0-6 0l-3 3a4 4 0 0 0 6 6l1-1',
} as const;
export type IconName = keyof typeof PATHS;

export function AppIcon({ name, size = 20, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className ?? 'app-icon'}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}

/** Each widget kind's icon (a kind added without one does not compile). */
const WIDGET_ICONS: Readonly<Record<WidgetKind, IconName>> = {
  welcome: 'home',
  'app-launcher': 'apps',
  notes: 'note',
  mail: 'mail',
  agenda: 'calendar',
  'nextcloud-notifications': 'bell',
  'nextcloud-files': 'folder',
  'nextcloud-dashboard': 'dashboard',
  chat: 'chat',
  visio: 'video',
  parapheur: 'signature',
  teletransmission: 'send',
  seances: 'gavel',
  pastell: 'flow',
  todo: 'check',
  announcements: 'megaphone',
  news: 'news',
  'business-data': 'table',
  indicator: 'chart',
};

export function widgetIconOf(kind: string | null): IconName {
  return kind !== null && Object.hasOwn(WIDGET_ICONS, kind) ? WIDGET_ICONS[kind as WidgetKind] : 'dashboard';
}

/** Words in a launcher link's name or address, and the icon they suggest (first match wins). */
const LINK_ICON_RULES: readonly [RegExp, IconName][] = [
  [/messagerie|courriel|mail|zimbra/i, 'mail'],
  [/agenda|calendrier/i, 'calendar'],
  [/fichier|document|nextcloud|drive|ged/i, 'folder'],
  [/parapheur|signature/i, 'signature'],
  [/s[ée]ance|d[ée]lib|conseil|idelibre/i, 'gavel'],
  [/pastell|flux|s2low|t[ée]l[ée]transmission/i, 'flow'],
  [/visio|r[ée]union|jitsi|webconf/i, 'video'],
  [/discussion|chat|tchat|matrix|element/i, 'chat'],
  [/finance|budget|indicateur|tableau de bord/i, 'chart'],
  [/rh|ressources humaines|personnel|annuaire|kelio/i, 'people'],
];

export function linkIconOf(link: { label: string; url: string }): IconName {
  const text = `${link.label} ${link.url}`;
  return LINK_ICON_RULES.find(([pattern]) => pattern.test(text))?.[1] ?? 'link';
}
