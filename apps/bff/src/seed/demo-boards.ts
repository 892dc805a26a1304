import { randomUUID } from 'node:crypto';
import { DEFAULT_LEVEL_LABELS, type SharedBoardKind } from '@pleiade/contracts';
import type { Db } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { createSharedBoardVersion } from '../boards/shared-board-service.js';
import type { BoardVersion } from '../boards/history.js';
import type { StoredWidget } from '../boards/shared-widgets.js';

/**
 * The demo start shows boards the collectivité prepares at once: in demo-a, a template
 * « Services » for its agents (two locked widgets, one restricted to its administrators) and a
 * board « Conseil municipal » published to its élus (one widget restricted to a commission nobody
 * of the demo is in: only the administrators see it), with two indicators of the council's activity. The template carries the dematerialisation
 * widgets an agent follows (parapheur, télétransmission, Pastell), the élus' board their sittings,
 * convocations and folders to sign. Created once, on a collectivité that never
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
    widget('announcements', 0, 8, 4, 4),
    widget('news', 4, 9, 4, 5),
    widget('notes', 8, 5, 4, 4, {
      audience: ['admins-demo-a'],
      options: {
        text: 'Réservé au groupe admins-demo-a : les agents ne reçoivent ni ce widget ni son contenu.',
      },
    }),
    widget('parapheur', 8, 9, 4, 6),
    widget('teletransmission', 0, 12, 4, 6),
    widget('pastell', 4, 14, 4, 6),
  ],
};

/**
 * The élus' board, in three columns of four: at the top what the council's activity amounts to (acts
 * sent to the prefecture this month, sittings this quarter: ELU_INDICATORS, when demo-a has S²low and
 * i-delibRE), then their sittings and folders to sign, the agenda of the next council, the rest.
 * Rows of equal height, so the grid keeps no hole; the commission's notes (hidden from élus outside
 * it) close the last row.
 */
function conseil(indicatorIds: ReadonlyMap<string, string>): BoardVersion {
  const indicator = (label: string, x: number) => {
    const indicatorId = indicatorIds.get(label);
    return indicatorId ? [widget('indicator', x, 0, 4, 3, { options: { indicatorId } })] : [];
  };
  return {
    name: 'Conseil municipal',
    audience: ['elus'],
    priority: 1,
    widgets: [
      widget('welcome', 0, 0, 4, 3),
      ...indicator(ELU_INDICATORS[0].label, 4),
      ...indicator(ELU_INDICATORS[1].label, 8),
      widget('seances', 0, 3, 6, 6),
      widget('parapheur', 6, 3, 6, 6),
      widget('notes', 0, 9, 4, 6, {
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
      widget('agenda', 4, 9, 4, 6),
      widget('announcements', 8, 9, 4, 6),
      widget('app-launcher', 0, 15, 4, 5),
      widget('news', 4, 15, 4, 5),
      widget('notes', 8, 15, 4, 5, {
        audience: ['commission-finances'],
        options: { text: 'Documents de travail de la commission des finances (réservé à ses membres).' },
      }),
    ],
  };
}

/**
 * The élus' presets on the dematerialisation chain (issue 11), read by the indicator scheduler from
 * demo-a's S²low and i-delibRE. The average signature delay is not among them: see
 * indicators/connector-sources.ts.
 */
const ELU_INDICATORS = [
  {
    label: 'Actes transmis ce mois-ci',
    unit: 'actes',
    sourceKind: 'demat.acts-transmitted',
    connectorKind: 's2low',
    period: 'month',
  },
  {
    label: 'Séances ce trimestre',
    unit: 'séances',
    sourceKind: 'demat.sittings',
    connectorKind: 'idelibre',
    period: 'quarter',
  },
] as const;

/** Creates the élus' indicators whose application demo-a has; their ids by label. */
async function createEluIndicators(tx: Prisma.TransactionClient, collectiviteId: string): Promise<Map<string, string>> {
  const connectors = await tx.connectorInstance.findMany({
    where: { collectiviteId, kind: { in: ELU_INDICATORS.map((preset) => preset.connectorKind) }, enabled: true },
    select: { kind: true },
  });
  const present = new Set(connectors.map((connector) => connector.kind));
  const ids = new Map<string, string>();
  for (const preset of ELU_INDICATORS) {
    if (!present.has(preset.connectorKind)) continue;
    const created = await tx.indicator.create({
      data: {
        collectiviteId,
        label: preset.label,
        unit: preset.unit,
        sourceKind: preset.sourceKind,
        sourceParams: {},
        period: preset.period,
        direction: 'higher_is_better',
        thresholds: { watch: null, critical: null, labels: { ...DEFAULT_LEVEL_LABELS } },
        // Read at the scheduler's first tick.
        nextRunAt: new Date(0),
      },
      select: { id: true },
    });
    ids.set(preset.label, created.id);
  }
  return ids;
}

const DAY = 86_400_000;

/** Announcements of demo-a: a banner for everyone, one for the agents, one for the élus. */
const DEMO_ANNOUNCEMENTS = [
  {
    title: 'Fermeture de la mairie le jeudi 24 décembre à 12 h',
    body: 'L’accueil du public fermera à midi. Pensez à prévenir vos rendez-vous de l’après-midi.',
    severity: 'IMPORTANT',
    placement: 'BANNER',
    audience: [],
    startsInDays: -1,
    endsInDays: 30,
  },
  {
    title: 'Mise à jour des postes informatiques',
    body: 'Le service informatique met à jour les postes le mardi soir : enregistrez vos documents avant de partir.',
    severity: 'INFORMATION',
    placement: 'WIDGET',
    audience: ['agents'],
    startsInDays: -2,
    endsInDays: null,
  },
  {
    title: 'Dossiers du conseil municipal disponibles',
    body: 'Les rapports de la séance du 17 décembre sont en ligne dans i-delibRE.',
    severity: 'INFORMATION',
    placement: 'WIDGET',
    audience: ['elus'],
    startsInDays: -1,
    endsInDays: 14,
  },
] as const;

/** Indicators of the demo business applications on the agents' template, when the demo start has them. */
const DEMO_INDICATORS: [name: string, x: number, y: number, w: number, h: number][] = [
  ['Solde de congés annuels', 8, 15, 2, 3],
  ['Solde d’heures', 10, 15, 2, 3],
  ['Mes badgeages du jour', 0, 20, 6, 4],
  ['Mes tickets', 6, 20, 6, 5],
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
      ['published', conseil(await createEluIndicators(tx, collectivite.id))],
    ];
    for (const [kind, version] of demoBoards) {
      await createSharedBoardVersion(tx, null, collectivite.id, kind, version, 'created');
    }
    const now = Date.now();
    await tx.announcement.createMany({
      data: DEMO_ANNOUNCEMENTS.map(({ startsInDays, endsInDays, ...announcement }) => ({
        ...announcement,
        audience: [...announcement.audience],
        collectiviteId: collectivite.id,
        startsAt: new Date(now + startsInDays * DAY),
        endsAt: endsInDays === null ? null : new Date(now + endsInDays * DAY),
        updatedBy: 'Pléiade',
      })),
    });
    return true;
  });
}
