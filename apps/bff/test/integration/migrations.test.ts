import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/client.js';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../../src/db/migrate.js';
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

/** Applies the migrations before `name` only: a database as an older version left it. */
async function migrateBefore(databaseUrl: string, name: string): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pleiade-migrations-'));
  try {
    for (const migration of await readMigrations()) {
      if (migration.name >= name) break;
      await cp(path.join(MIGRATIONS_DIR, migration.name), path.join(dir, migration.name), { recursive: true });
    }
    await migrate(databaseUrl, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('data migrations', () => {
  let database: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createBareDatabase();
    await migrateBefore(database.url, '20261204050000_tablet_grid');
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const collectivite = await client.query<{ id: string }>(
      "INSERT INTO collectivite (id, slug, name) VALUES (gen_random_uuid(), 'c', 'C') RETURNING id",
    );
    const collectiviteId = collectivite.rows[0]?.id;
    const users = await client.query<{ id: string }>(
      `INSERT INTO app_user (id, issuer, subject, collectivite_id, display_name, groups, role)
       VALUES (gen_random_uuid(), 'i', 'a', $1, 'A', '{}', 'AGENT'), (gen_random_uuid(), 'i', 'b', $1, 'B', '{}', 'AGENT')
       RETURNING id`,
      [collectiviteId],
    );
    const [a, b] = users.rows.map((row) => row.id);
    // Person A has two boards, created one after the other; person B one.
    for (const [id, owner, createdAt] of [
      ['00000000-0000-4000-8000-00000000000b', a, '2026-01-02'],
      ['00000000-0000-4000-8000-00000000000a', a, '2026-01-01'],
      ['00000000-0000-4000-8000-00000000000c', b, '2026-01-03'],
    ] as const) {
      await client.query(
        'INSERT INTO board (id, collectivite_id, owner_id, name, created_at, updated_at) VALUES ($1::uuid, $2, $3, $1::text, $4, $4)',
        [id, collectiviteId, owner, createdAt],
      );
    }
    await client.query(
      'INSERT INTO widget_instance (id, board_id, kind, options, layout, position) VALUES ($1, $2, $3, $4, $5, 0)',
      [
        '00000000-0000-4000-8000-000000000010',
        '00000000-0000-4000-8000-00000000000a',
        'notes',
        JSON.stringify({ text: 'garder' }),
        JSON.stringify({
          lg: { x: 4, y: 0, w: 4, h: 4 },
          md: { x: 0, y: 0, w: 5, h: 4 },
          sm: { x: 0, y: 3, w: 6, h: 4 },
          xs: { x: 0, y: 3, w: 2, h: 4 },
        }),
      ],
    );
    await migrate(database.url);
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('drop the positions stored for the six-column tablet grid, and keep every other', async () => {
    const { rows } = await client.query<{ layout: unknown; options: unknown }>(
      'SELECT layout, options FROM widget_instance',
    );
    expect(rows).toEqual([
      {
        options: { text: 'garder' },
        layout: { lg: { x: 4, y: 0, w: 4, h: 4 }, md: { x: 0, y: 0, w: 5, h: 4 }, xs: { x: 0, y: 3, w: 2, h: 4 } },
      },
    ]);
  });

  it('order each person’s boards as they were created, with no home board chosen', async () => {
    const { rows } = await client.query<{ id: string; position: number }>(
      'SELECT id, position FROM board ORDER BY owner_id, position',
    );
    expect(new Map(rows.map((row) => [row.id.slice(-1), row.position]))).toEqual(
      new Map([
        ['a', 0],
        ['b', 1],
        ['c', 0],
      ]),
    );
    const users = await client.query<{ home_board_id: string | null }>('SELECT home_board_id FROM app_user');
    expect(users.rows).toEqual([{ home_board_id: null }, { home_board_id: null }]);
  });
});
