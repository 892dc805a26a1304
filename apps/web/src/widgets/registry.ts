import { lazy } from 'react';
import type { WidgetKind } from '@pleiade/contracts';
import type { WidgetDefinition, WidgetRegistry } from './types';

export const WIDGET_REGISTRY: WidgetRegistry = {
  welcome: {
    kind: 'welcome',
    title: 'Bienvenue',
    description: "Vous salue et affiche la date et l'heure de Paris.",
    component: lazy(() => import('./WelcomeWidget')),
  },
  'app-launcher': {
    kind: 'app-launcher',
    title: 'Applications',
    description: 'Ouvre les applications de votre collectivité auxquelles vous avez accès.',
    component: lazy(() => import('./AppLauncherWidget')),
  },
  notes: {
    kind: 'notes',
    title: 'Notes',
    description: 'Un bloc-notes personnel, enregistré avec votre tableau.',
    component: lazy(() => import('./NotesWidget')),
  },
  mail: {
    kind: 'mail',
    title: 'Messagerie',
    description: 'Affiche vos messages non lus et les derniers reçus.',
    component: lazy(() => import('./MailWidget')),
  },
  agenda: {
    kind: 'agenda',
    title: 'Agenda',
    description: 'Montre vos rendez-vous du jour et des prochains jours, avec leurs liens de visio.',
    component: lazy(() => import('./AgendaWidget')),
  },
  'nextcloud-notifications': {
    kind: 'nextcloud-notifications',
    title: 'Notifications Nextcloud',
    description: 'Liste vos dernières notifications Nextcloud : partages, commentaires, mentions.',
    component: lazy(() => import('./NextcloudNotificationsWidget')),
  },
  'nextcloud-files': {
    kind: 'nextcloud-files',
    title: 'Fichiers récents',
    description: 'Donne accès aux fichiers Nextcloud que vous avez modifiés récemment.',
    component: lazy(() => import('./NextcloudFilesWidget')),
  },
  'nextcloud-dashboard': {
    kind: 'nextcloud-dashboard',
    title: 'Tableau de bord Nextcloud',
    description: 'Reprend un widget de votre tableau de bord Nextcloud, comme les recommandations.',
    component: lazy(() => import('./NextcloudDashboardWidget')),
  },
  chat: {
    kind: 'chat',
    title: 'Messagerie instantanée',
    description: 'Compte vos conversations non lues et vos mentions, et ouvre la discussion.',
    component: lazy(() => import('./ChatWidget')),
  },
  visio: {
    kind: 'visio',
    title: 'Visioconférence',
    description: 'Démarre une visio en un clic et rappelle les prochaines visios de votre agenda.',
    component: lazy(() => import('./VisioWidget')),
  },
};

export function widgetDefinition<K extends WidgetKind>(kind: K): WidgetDefinition<K> {
  return WIDGET_REGISTRY[kind];
}
