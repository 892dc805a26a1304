import { randomUUID } from 'node:crypto';
import type { SharedBoardKind } from '@pleiade/contracts';
import type { Db } from '../db/client.js';
import { createSharedBoardVersion } from '../boards/shared-board-service.js';
import type { BoardVersion } from '../boards/history.js';
import type { StoredWidget } from '../boards/shared-widgets.js';

/**
 * The demo start shows boards the collectivité prepares at once: in demo-a, a template
 * « Services » for its agents (two locked widgets, one restricted to its administrators) and a
 * board « Conseil municipal » published to its élus (one widget restricted to a commission nobody
 * of the demo is in: only the administrators see it). Created once, on a collectivité that never
 * had any: what an administrator changes or deletes afterwards stays so.
 */

const DEMO_COLLECTIVITE = 'demo-a';

function widget(
  kind: string,
  x: number,
  y: number,
  w: number,
  h: number,
  extra: { options?: Record<string, unknown>; locked?: boolean; audience?: string[] } = {},
): StoredWidget {
  return {
    id: randomUUID(),
    kind,
    options: (extra.options ?? {}) as StoredWidget['options'],
    layout: { lg: { x, y, w, h } },
    locked: extra.locked ?? false,
    audience: extra.audience ?? [],
  };
}

const SERVICES: BoardVersion = {
  name: 'Services',
  audience: ['agents'],
  priority: 1,
  widgets: [
    widget('welcome', 0, 0, 4, 3, { locked: true }),
    widget('app-launcher', 4, 0, 4, 4, { locked: true }),
    widget('notes', 8, 0, 4, 5, {
      options: {
        text: [
          'Consignes du service',
          '',
          'Ce tableau vient du modèle « Services » préparé par l’administration de la commune. « Bienvenue » et « Applications » sont verrouillés ; le reste est à vous : déplacez, ajoutez, retirez.',
          '',
          'Quand une nouvelle version du modèle est publiée, « Mise à jour disponible » vous propose de l’intégrer en gardant vos changements.',
        ].join('\n'),
      },
    }),
    widget('mail', 0, 3, 4, 5),
    widget('agenda', 4, 4, 4, 5),
    widget('notes', 8, 5, 4, 4, {
      audience: ['admins-demo-a'],
      options: {
        text: 'Réservé au groupe admins-demo-a : les agents ne reçoivent ni ce widget ni son contenu.',
      },
    }),
  ],
};

const CONSEIL: BoardVersion = {
  name: 'Conseil municipal',
  audience: ['elus'],
  priority: 1,
  widgets: [
    widget('welcome', 0, 0, 4, 3),
    widget('notes', 4, 0, 8, 6, {
      options: {
        text: [
          'Conseil municipal du jeudi 17 décembre, 18 h 30 — salle du conseil',
          '',
          '1. Approbation du procès-verbal de la séance du 19 novembre',
          '2. Budget primitif 2027',
          '3. Tarifs municipaux 2027',
          '4. Convention de mutualisation avec la communauté de communes',
          '5. Questions diverses',
        ].join('\n'),
      },
    }),
    widget('agenda', 0, 3, 4, 5),
    widget('app-launcher', 4, 6, 4, 4),
    widget('notes', 8, 6, 4, 4, {
      audience: ['commission-finances'],
      options: { text: 'Documents de travail de la commission des finances (réservé à ses membres).' },
    }),
  ],
};

/** Indicators of the demo business applications on the agents' template, when the demo start has them. */
const DEMO_INDICATORS: [name: string, x: number, y: number, w: number, h: number][] = [
  ['Solde de congés annuels', 0, 9, 3, 3],
  ['Solde d’heures', 3, 9, 3, 3],
  ['Mes badgeages du jour', 6, 9, 6, 4],
  ['Mes tickets', 0, 13, 8, 5],
];

function withIndicators(version: BoardVersion, sources: ReadonlyMap<string, string>): BoardVersion {
  const indicators = DEMO_INDICATORS.flatMap(([name, x, y, w, h]) => {
    const dataSourceId = sources.get(name);
    return dataSourceId ? [widget('business-data', x, y, w, h, { options: { dataSourceId } })] : [];
  });
  return { ...version, widgets: [...version.widgets, ...indicators] };
}

/** Creates the demo boards of demo-a, unless its administrators ever had any board or audit entry. */
export async function ensureDemoBoards(db: Db): Promise<boolean> {
  const collectivite = await db.collectivite.findUnique({ where: { slug: DEMO_COLLECTIVITE }, select: { id: true } });
  if (!collectivite) return false;
  return db.$transaction(async (tx) => {
    // Two instances starting together: the second waits here, then finds the boards.
    await tx.$queryRaw`SELECT 1 FROM collectivite WHERE id = ${collectivite.id}::uuid FOR UPDATE`;
    const [boards, events] = await Promise.all([
      tx.board.count({ where: { collectiviteId: collectivite.id, kind: { in: ['TEMPLATE', 'PUBLISHED'] } } }),
      tx.auditEvent.count({ where: { collectiviteId: collectivite.id } }),
    ]);
    if (boards > 0 || events > 0) return false;
    const sources = await tx.dataSource.findMany({
      where: { collectiviteId: collectivite.id, name: { in: DEMO_INDICATORS.map(([name]) => name) } },
      select: { id: true, name: true },
    });
    const byName = new Map(sources.map((source) => [source.name, source.id]));
    const demoBoards: [SharedBoardKind, BoardVersion][] = [
      ['template', withIndicators(SERVICES, byName)],
      ['published', CONSEIL],
    ];
    for (const [kind, version] of demoBoards) {
      await createSharedBoardVersion(tx, null, collectivite.id, kind, version, 'created');
    }
    return true;
  });
}
