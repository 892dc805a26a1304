import { lazy } from 'react';
import type { WidgetKind } from '@pleiade/contracts';
import { i18n } from '../i18n';
import { widgetKindTitle } from '../i18n/kinds';
import type { WidgetDefinition, WidgetRegistry } from './types';

/**
 * A kind's definition: its title and description are read in the interface's language each time
 * they are asked for (getters), so the catalogue follows a change of language.
 */
function define<K extends WidgetKind>(kind: K, component: WidgetDefinition<K>['component']): WidgetDefinition<K> {
  return {
    kind,
    get title() {
      return widgetKindTitle(kind);
    },
    get description() {
      return i18n.t(`widgets:descriptions.${kind}`);
    },
    component,
  };
}

export const WIDGET_REGISTRY: WidgetRegistry = {
  welcome: define(
    'welcome',
    lazy(() => import('./WelcomeWidget')),
  ),
  'app-launcher': define(
    'app-launcher',
    lazy(() => import('./AppLauncherWidget')),
  ),
  notes: define(
    'notes',
    lazy(() => import('./NotesWidget')),
  ),
  mail: define(
    'mail',
    lazy(() => import('./MailWidget')),
  ),
  agenda: define(
    'agenda',
    lazy(() => import('./AgendaWidget')),
  ),
  'nextcloud-notifications': define(
    'nextcloud-notifications',
    lazy(() => import('./NextcloudNotificationsWidget')),
  ),
  'nextcloud-files': define(
    'nextcloud-files',
    lazy(() => import('./NextcloudFilesWidget')),
  ),
  'nextcloud-dashboard': define(
    'nextcloud-dashboard',
    lazy(() => import('./NextcloudDashboardWidget')),
  ),
  chat: define(
    'chat',
    lazy(() => import('./ChatWidget')),
  ),
  visio: define(
    'visio',
    lazy(() => import('./VisioWidget')),
  ),
  parapheur: define(
    'parapheur',
    lazy(() => import('./ParapheurWidget')),
  ),
  teletransmission: define(
    'teletransmission',
    lazy(() => import('./TeletransmissionWidget')),
  ),
  seances: define(
    'seances',
    lazy(() => import('./SeancesWidget')),
  ),
  pastell: define(
    'pastell',
    lazy(() => import('./PastellWidget')),
  ),
  todo: define(
    'todo',
    lazy(() => import('../todo/TodoWidget')),
  ),
  announcements: define(
    'announcements',
    lazy(() => import('./AnnouncementsWidget')),
  ),
  news: define(
    'news',
    lazy(() => import('./NewsWidget')),
  ),
  'business-data': define(
    'business-data',
    lazy(() => import('./BusinessDataWidget')),
  ),
  indicator: define(
    'indicator',
    lazy(() => import('./IndicatorWidget')),
  ),
};

export function widgetDefinition<K extends WidgetKind>(kind: K): WidgetDefinition<K> {
  return WIDGET_REGISTRY[kind];
}
