import { lazy } from 'react';
import { WIDGET_TITLES, type WidgetKind } from '@pleiade/contracts';
import type { WidgetDefinition, WidgetRegistry } from './types';

export const WIDGET_REGISTRY: WidgetRegistry = {
  welcome: {
    kind: 'welcome',
    title: WIDGET_TITLES.welcome,
    description: "Vous salue et affiche la date et l'heure de Paris.",
    component: lazy(() => import('./WelcomeWidget')),
  },
  'app-launcher': {
    kind: 'app-launcher',
    title: WIDGET_TITLES['app-launcher'],
    description: 'Ouvre les applications de votre collectivité auxquelles vous avez accès.',
    component: lazy(() => import('./AppLauncherWidget')),
  },
  notes: {
    kind: 'notes',
    title: WIDGET_TITLES.notes,
    description: 'Un bloc-notes personnel, enregistré avec votre tableau.',
    component: lazy(() => import('./NotesWidget')),
  },
  mail: {
    kind: 'mail',
    title: WIDGET_TITLES.mail,
    description: 'Affiche vos messages non lus et les derniers reçus.',
    component: lazy(() => import('./MailWidget')),
  },
  agenda: {
    kind: 'agenda',
    title: WIDGET_TITLES.agenda,
    description: 'Montre vos rendez-vous du jour et des prochains jours, avec leurs liens de visio.',
    component: lazy(() => import('./AgendaWidget')),
  },
  'nextcloud-notifications': {
    kind: 'nextcloud-notifications',
    title: WIDGET_TITLES['nextcloud-notifications'],
    description: 'Liste vos dernières notifications Nextcloud : partages, commentaires, mentions.',
    component: lazy(() => import('./NextcloudNotificationsWidget')),
  },
  'nextcloud-files': {
    kind: 'nextcloud-files',
    title: WIDGET_TITLES['nextcloud-files'],
    description: 'Donne accès aux fichiers Nextcloud que vous avez modifiés récemment.',
    component: lazy(() => import('./NextcloudFilesWidget')),
  },
  'nextcloud-dashboard': {
    kind: 'nextcloud-dashboard',
    title: WIDGET_TITLES['nextcloud-dashboard'],
    description: 'Reprend un widget de votre tableau de bord Nextcloud, comme les recommandations.',
    component: lazy(() => import('./NextcloudDashboardWidget')),
  },
  chat: {
    kind: 'chat',
    title: WIDGET_TITLES.chat,
    description: 'Compte vos conversations non lues et vos mentions, et ouvre la discussion.',
    component: lazy(() => import('./ChatWidget')),
  },
  visio: {
    kind: 'visio',
    title: WIDGET_TITLES.visio,
    description: 'Démarre une visio en un clic et rappelle les prochaines visios de votre agenda.',
    component: lazy(() => import('./VisioWidget')),
  },
  indicator: {
    kind: 'indicator',
    title: WIDGET_TITLES.indicator,
    description: 'Suit un chiffre de la collectivité : sa valeur, son évolution et son seuil.',
    component: lazy(() => import('./IndicatorWidget')),
  },
};

export function widgetDefinition<K extends WidgetKind>(kind: K): WidgetDefinition<K> {
  return WIDGET_REGISTRY[kind];
}
