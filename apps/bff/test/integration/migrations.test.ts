import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/client.js';
import { migrate, readMigrations } from '../../src/db/migrate.js';
import { createBareDatabase, createTestDatabase, type TestDatabase } from '../support/database.js';

describe('migrations', () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it('are recorded once each, and a second run applies nothing', async () => {
    const migrations = await readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ name: string }>('SELECT name FROM "_pleiade_migrations" ORDER BY name');
    await client.end();
    expect(rows.map((row) => row.name)).toEqual(migrations.map((migration) => migration.name));
    expect(await migrate(database.url)).toEqual([]);
  });

  it('give a database that serves every model the Prisma Client knows', async () => {
    // Each model's delegate is queried: a table or column missing from the SQL migrations fails here.
    await expect(db.collectivite.findMany()).resolves.toEqual([]);
    await expect(db.user.findMany()).resolves.toEqual([]);
    await expect(db.board.findMany()).resolves.toEqual([]);
    await expect(db.widgetInstance.findMany()).resolves.toEqual([]);
    await expect(db.appLink.findMany()).resolves.toEqual([]);
    await expect(db.oidcSession.findMany()).resolves.toEqual([]);
    await expect(db.logoutTokenUse.findMany()).resolves.toEqual([]);
    await expect(db.connectorInstance.findMany()).resolves.toEqual([]);
    const collectivite = await db.collectivite.create({ data: { slug: 'test', name: 'Test', siren: '216901231' } });
    const user = await db.user.create({
      data: {
        issuer: 'i',
        subject: 's',
        collectiviteId: collectivite.id,
        displayName: 'T',
        groups: ['agents'],
        role: 'AGENT',
      },
    });
    const board = await db.board.create({ data: { name: 'B', ownerId: user.id, collectiviteId: collectivite.id } });
    // A personal board has an owner; the collectivité's templates and published boards have none.
    await expect(
      db.board.create({
        data: { name: 'Modèle', kind: 'TEMPLATE', audience: ['finances'], collectiviteId: collectivite.id },
      }),
    ).resolves.toMatchObject({ ownerId: null, audience: ['finances'] });
    await expect(
      db.board.create({ data: { name: 'Sans propriétaire', collectiviteId: collectivite.id } }),
    ).rejects.toThrow(/board_owner_by_kind/);
    await expect(
      db.board.create({
        data: { name: 'Publié', kind: 'PUBLISHED', ownerId: user.id, collectiviteId: collectivite.id },
      }),
    ).rejects.toThrow(/board_owner_by_kind/);
    await db.widgetInstance.create({
      data: {
        id: '00000000-0000-4000-8000-000000000001',
        boardId: board.id,
        kind: 'notes',
        options: { text: 'é' },
        layout: { lg: { x: 0, y: 0, w: 1, h: 1 } },
        position: 0,
      },
    });
    await db.appLink.create({
      data: { collectiviteId: collectivite.id, label: 'L', url: 'https://x.test/', allowedGroups: [] },
    });
    const connector = await db.connectorInstance.create({
      data: {
        id: '00000000-0000-4000-8000-000000000002',
        collectiviteId: collectivite.id,
        kind: 'imap',
        label: 'Messagerie',
        baseUrl: 'https://imap.test/',
        authMode: 'service_account',
        options: { port: 993, tls: true },
        secrets: 'sb1.k.x.y.z',
        allowPrivateNetworks: ['10.0.0.0/8'],
      },
    });
    expect(connector).toMatchObject({ enabled: true, options: { port: 993, tls: true } });
    await expect(
      db.connectorInstance.create({
        data: { ...connector, id: '00000000-0000-4000-8000-000000000003', options: {} },
      }),
    ).rejects.toThrow();
    const loaded = await db.board.findUniqueOrThrow({
      where: { id: board.id },
      include: { widgets: true, owner: true },
    });
    expect(loaded.widgets[0]?.options).toEqual({ text: 'é' });
    expect(loaded).toMatchObject({ kind: 'PERSONAL', audience: [] });
    expect(loaded.owner?.groups).toEqual(['agents']);
  });

  it('do not race when several instances start at once', async () => {
    const fresh = await createBareDatabase();
    try {
      const results = await Promise.all(Array.from({ length: 5 }, () => migrate(fresh.url)));
      const appliedCounts = results.map((applied) => applied.length).sort();
      const total = (await readMigrations()).length;
      // Exactly one instance applied everything; the others waited for the lock and found nothing to do.
      expect(appliedCounts).toEqual([0, 0, 0, 0, total]);
    } finally {
      await fresh.drop();
    }
  });
});
