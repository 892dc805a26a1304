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
};

export function widgetDefinition<K extends WidgetKind>(kind: K): WidgetDefinition<K> {
  return WIDGET_REGISTRY[kind];
}
