import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLogSchema,
  boardSchema,
  myAnnouncementsSchema,
  sharedBoardListSchema,
  WIDGET_TITLES,
} from '@pleiade/contracts';
import { createDb } from '../../src/db/client.js';
import { ensureDemoBoards } from '../../src/seed/demo-boards.js';
import { signIn } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/** The demo start (DEMO_BOARDS) shows the boards the collectivité prepares at once. */

let pleiade: TestPleiade;

beforeAll(async () => {
  pleiade = await startTestPleiade({ DEMO_BOARDS: '1' });
});
afterAll(async () => {
  await pleiade?.stop();
});

async function json(browser: Awaited<ReturnType<typeof signIn>>, path: string): Promise<unknown> {
  const response = await api(browser, `${pleiade.url}${path}`);
  expect(response.status, path).toBe(200);
  return response.json();
}

describe('the demo boards of demo-a', () => {
  it('give its agents the template « Services », with two locked widgets and none restricted to others', async () => {
    const board = boardSchema.parse(await json(await signIn(pleiade.url, 'agent'), '/api/boards/current'));
    expect(board).toMatchObject({ name: 'Services', kind: 'personal', template: { name: 'Services' } });
    expect(board.widgets.map((widget) => widget.kind)).toEqual([
      'welcome',
      'app-launcher',
      'notes',
      'mail',
      'agenda',
      'announcements',
      'news',
      'parapheur',
      'teletransmission',
      'pastell',
    ]);
    expect(board.lockedWidgetIds).toHaveLength(2);
  });

  it('give its élus the board « Conseil municipal », read-only, and its administrators see every widget', async () => {
    const board = boardSchema.parse(await json(await signIn(pleiade.url, 'elu'), '/api/boards/current'));
    expect(board).toMatchObject({ name: 'Conseil municipal', kind: 'published', readOnly: true });
    expect(board.widgets.map((widget) => (widget.kind ? WIDGET_TITLES[widget.kind] : ''))).toEqual([
      'Bienvenue',
      'Séances et convocations',
      'Parapheur',
      'Notes',
      'Agenda',
      'Annonces',
      'Applications',
      'Actualités',
    ]);
    const admin = await signIn(pleiade.url, 'admin');
    const { boards } = sharedBoardListSchema.parse(await json(admin, '/api/admin/boards'));
    expect(boards.map((item) => [item.kind, item.name, item.lockedCount, item.restrictedCount])).toEqual([
      ['template', 'Services', 2, 1],
      ['published', 'Conseil municipal', 0, 1],
    ]);
    const { events } = auditLogSchema.parse(await json(admin, '/api/admin/audit-log'));
    expect(events.map((event) => [event.action, event.actorName])).toEqual([
      ['board.created', 'Pléiade'],
      ['board.created', 'Pléiade'],
    ]);
  });

  it('are created once: a second start, or a collectivité whose administrators changed them, gets none', async () => {
    const db = createDb(pleiade.database.url);
    try {
      expect(await ensureDemoBoards(db)).toBe(false);
      expect(await db.board.count({ where: { kind: { in: ['TEMPLATE', 'PUBLISHED'] } } })).toBe(2);
    } finally {
      await db.$disconnect();
    }
  });

  it('come with announcements: a banner for everyone, and each group its own', async () => {
    const agent = myAnnouncementsSchema.parse(await json(await signIn(pleiade.url, 'agent'), '/api/announcements'));
    const elu = myAnnouncementsSchema.parse(await json(await signIn(pleiade.url, 'elu'), '/api/announcements'));
    const agentB = myAnnouncementsSchema.parse(await json(await signIn(pleiade.url, 'agent-b'), '/api/announcements'));
    expect(agent.banners.map((a) => a.severity)).toEqual(['important']);
    expect(elu.banners).toEqual(agent.banners);
    expect(agent.announcements.map((a) => a.title)).toEqual(['Mise à jour des postes informatiques']);
    expect(elu.announcements.map((a) => a.title)).toEqual(['Dossiers du conseil municipal disponibles']);
    expect(agentB).toEqual({ banners: [], announcements: [] });
  });

  it('leave demo-b alone', async () => {
    const board = boardSchema.parse(await json(await signIn(pleiade.url, 'agent-b'), '/api/boards/current'));
    expect(board.template).toBeNull();
  });
});

describe('the élus’ indicators on « Conseil municipal »', () => {
  let bare: TestPleiade;
  beforeAll(async () => {
    bare = await startTestPleiade();
  });
  afterAll(async () => {
    await bare?.stop();
  });

  it('are created with the board when demo-a has S²low and i-delibRE, and placed at its top without a hole', async () => {
    const db = createDb(bare.database.url);
    try {
      const collectivite = await db.collectivite.findUniqueOrThrow({ where: { slug: 'demo-a' } });
      for (const [kind, label] of [
        ['s2low', 'Télétransmission'],
        ['idelibre', 'Séances'],
      ] as const) {
        await db.connectorInstance.create({
          data: {
            id: crypto.randomUUID(),
            collectiviteId: collectivite.id,
            kind,
            label,
            baseUrl: 'https://demat.example.fr/',
            authMode: 'service_account',
            allowPrivateNetworks: [],
          },
        });
      }
      expect(await ensureDemoBoards(db)).toBe(true);
      const indicators = await db.indicator.findMany({
        where: { collectiviteId: collectivite.id },
        orderBy: { label: 'asc' },
      });
      expect(indicators.map((row) => [row.label, row.sourceKind, row.period, row.unit])).toEqual([
        ['Actes transmis ce mois-ci', 'demat.acts-transmitted', 'month', 'actes'],
        ['Séances ce trimestre', 'demat.sittings', 'quarter', 'séances'],
      ]);

      const board = boardSchema.parse(
        await (await api(await signIn(bare.url, 'elu'), `${bare.url}/api/boards/current`)).json(),
      );
      const placed = board.widgets.filter((widget) => widget.kind === 'indicator');
      expect(placed.map((widget) => ('options' in widget ? widget.options : undefined))).toEqual([
        { indicatorId: indicators[0]?.id },
        { indicatorId: indicators[1]?.id },
      ]);
      // The first row: « Bienvenue » then the two indicators, four columns each.
      const firstRow = board.widgets
        .filter((widget) => widget.layout.lg?.y === 0)
        .map((widget) => [widget.kind, widget.layout.lg?.x, widget.layout.lg?.w]);
      expect(firstRow).toEqual([
        ['welcome', 0, 4],
        ['indicator', 4, 4],
        ['indicator', 8, 4],
      ]);
      // Each row the élu sees fills the twelve columns.
      const rows = new Map<number, number>();
      for (const widget of board.widgets) {
        const lg = widget.layout.lg;
        if (lg) rows.set(lg.y, (rows.get(lg.y) ?? 0) + lg.w);
      }
      expect([...rows.entries()].filter(([, width]) => width !== 12)).toEqual([[15, 8]]);
    } finally {
      await db.$disconnect();
    }
  });
});
