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
  parapheur: {
    kind: 'parapheur',
    title: WIDGET_TITLES.parapheur,
    description: 'Compte les dossiers à traiter et en retard sur vos bureaux i-Parapheur, et ouvre les premiers.',
    component: lazy(() => import('./ParapheurWidget')),
  },
  teletransmission: {
    kind: 'teletransmission',
    title: WIDGET_TITLES.teletransmission,
    description: 'Suit les actes envoyés à la préfecture par S²low : transmis, acquittés, en erreur.',
    component: lazy(() => import('./TeletransmissionWidget')),
  },
  seances: {
    kind: 'seances',
    title: WIDGET_TITLES.seances,
    description: 'Annonce les prochaines séances i-delibRE et vos convocations à lire ou à confirmer.',
    component: lazy(() => import('./SeancesWidget')),
  },
  pastell: {
    kind: 'pastell',
    title: WIDGET_TITLES.pastell,
    description: 'Montre les documents Pastell d’une entité de votre collectivité et les flux en erreur.',
    component: lazy(() => import('./PastellWidget')),
  },
  todo: {
    kind: 'todo',
    title: WIDGET_TITLES.todo,
    description: 'Rassemble ce que vous avez à faire dans toutes vos applications, le plus urgent d’abord.',
    component: lazy(() => import('../todo/TodoWidget')),
  },
  announcements: {
    kind: 'announcements',
    title: WIDGET_TITLES.announcements,
    description: 'Affiche les annonces de votre collectivité qui vous concernent.',
    component: lazy(() => import('./AnnouncementsWidget')),
  },
  news: {
    kind: 'news',
    title: WIDGET_TITLES.news,
    description: 'Présente les derniers articles d’un site d’actualités choisi par votre collectivité.',
    component: lazy(() => import('./NewsWidget')),
  },
  'business-data': {
    kind: 'business-data',
    title: WIDGET_TITLES['business-data'],
    description:
      'Affiche une donnée de votre collectivité : un chiffre, une liste ou un tableau tiré d’une application métier.',
    component: lazy(() => import('./BusinessDataWidget')),
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
