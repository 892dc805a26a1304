import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedPostgresUnreachableError, startEmbeddedPostgres } from '../../src/db/embedded.js';

/*
 * `npm start` from a folder other users cannot traverse (`mktemp -d` makes 0700 folders; a clone
 * under /root is the same). As root, the embedded PostgreSQL runs as the `postgres` user, who
 * cannot reach such a folder: the start must stop at once and say what to do, not fail in initdb.
 * As anyone else, the server runs as that same person, and the folder is theirs: it starts.
 */

const closed: string[] = [];
afterAll(async () => {
  for (const dir of closed) await rm(dir, { recursive: true, force: true });
});

describe('the embedded PostgreSQL in a folder others cannot traverse', () => {
  it(
    process.getuid?.() === 0
      ? 'stops at once as root, naming the folder and what to do'
      : 'starts as an ordinary user, whose own folder it is',
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'pleiade-closed-'));
      closed.push(dir);
      expect((await stat(dir)).mode & 0o077, 'mkdtemp makes a folder closed to others').toBe(0);
      const dataDir = path.join(dir, 'clone', '.pleiade', 'postgres');
      const started = Date.now();
      const attempt = startEmbeddedPostgres({ dataDir, databases: ['pleiade'] });
      if (process.getuid?.() !== 0) {
        const database = await attempt;
        await database.stop();
        return;
      }
      const error = await attempt.then(
        async (database) => {
          await database.stop();
          return undefined;
        },
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(EmbeddedPostgresUnreachableError);
      const message = (error as Error).message;
      expect(message).toContain(dir);
      expect(message).toMatch(/droits 700/);
      expect(message).toMatch(/compte ordinaire/);
      expect(message).toMatch(/DATABASE_URL/);
      expect(Date.now() - started, 'at once').toBeLessThan(5_000);
      // Nothing was initialised, and no folder above .pleiade was opened to others.
      expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(false);
      expect((await stat(dir)).mode & 0o077).toBe(0);
    },
  );
});
