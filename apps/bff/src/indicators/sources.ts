import { z } from 'zod';
import type { Role } from '../generated/prisma/client.js';
import { defineIndicatorSource, type IndicatorSource, type IndicatorSourceRegistry } from './source.js';

/**
 * Sources computed from Pléiade's own data, always available. The declarative connector's number
 * source and the dematerialisation presets need the connectors' services: connector-sources.ts,
 * added by createApp (see « Brancher une source d’indicateur » in ARCHITECTURE.md).
 */

const ROLE_OPTIONS = [
  { value: 'all', label: 'Tout le monde' },
  { value: 'agent', label: 'Agents' },
  { value: 'elu', label: 'Élus' },
  { value: 'admin', label: 'Administrateurs' },
] as const;
const DB_ROLES: Record<Exclude<(typeof ROLE_OPTIONS)[number]['value'], 'all'>, Role[]> = {
  agent: ['AGENT'],
  elu: ['ELU'],
  admin: ['ADMIN', 'OPERATOR'],
};
const roleParams = z
  .object({
    role: z.enum(ROLE_OPTIONS.map((option) => option.value) as ['all', 'agent', 'elu', 'admin']).default('all'),
  })
  .strict();
const roleField = { name: 'role', label: 'Qui compter', type: 'select' as const, options: [...ROLE_OPTIONS] };

function roleFilter(role: z.output<typeof roleParams>['role']) {
  return role === 'all' ? {} : { role: { in: DB_ROLES[role] } };
}

const RECENT_DAYS = 30;

export const pleiadeMembers = defineIndicatorSource({
  kind: 'pleiade.members',
  label: 'Personnes inscrites sur Pléiade',
  unit: 'personnes',
  params: roleParams,
  fields: [roleField],
  async read({ db, collectiviteId, params }) {
    return db.user.count({ where: { collectiviteId, ...roleFilter(params.role) } });
  },
});

export const pleiadeRecentSignIns = defineIndicatorSource({
  kind: 'pleiade.recent-sign-ins',
  label: `Personnes connectées ces ${RECENT_DAYS} derniers jours`,
  unit: 'personnes',
  params: roleParams,
  fields: [roleField],
  async read({ db, collectiviteId, now, params }) {
    const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000);
    return db.user.count({ where: { collectiviteId, lastLoginAt: { gte: since }, ...roleFilter(params.role) } });
  },
});

export const pleiadePublishedBoards = defineIndicatorSource({
  kind: 'pleiade.published-boards',
  label: 'Tableaux publiés et modèles préparés',
  unit: 'tableaux',
  params: z.object({}).strict(),
  async read({ db, collectiviteId }) {
    return db.board.count({ where: { collectiviteId, kind: { in: ['TEMPLATE', 'PUBLISHED'] } } });
  },
});

function registryOf(...sources: IndicatorSource[]): IndicatorSourceRegistry {
  return Object.fromEntries(sources.map((source) => [source.kind, source]));
}

/**
 * Every source an indicator may read, keyed by kind. Extension point: a connector kind's sources
 * are spread in here (or passed to startPleiade/createApp as `indicatorSources`), e.g.
 * `...registryOf(...DEMATERIALISATION_INDICATOR_SOURCES)`.
 */
export const INDICATOR_SOURCES: IndicatorSourceRegistry = registryOf(
  pleiadeMembers,
  pleiadeRecentSignIns,
  pleiadePublishedBoards,
);

export { registryOf as indicatorSourceRegistry };
