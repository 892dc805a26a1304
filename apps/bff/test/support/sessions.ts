import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { TokenVault, type TokenSet } from '../../src/auth/token-vault.js';
import { invalidationDelivered } from './database.js';
import type { TestPleiade } from './pleiade.js';

/** The server-side session id behind a signed `pleiade.sid` cookie value (s:<id>.<signature>). */
export function sessionIdOf(cookie: string): string {
  return decodeURIComponent(cookie).replace(/^s:/, '').split('.')[0] ?? '';
}

/**
 * Reads and rewrites a session's sealed tokens in PostgreSQL, as only the server could: lets a
 * test make the access token expire now instead of waiting for it.
 */
export async function editSessionTokens(
  pleiade: TestPleiade,
  cookie: string,
  edit: (tokens: TokenSet) => TokenSet,
): Promise<TokenSet> {
  const secret = JSON.parse(await readFile(path.join(pleiade.dataDir, 'session-secret.json'), 'utf8')) as string;
  const vault = new TokenVault(secret);
  const client = new pg.Client({ connectionString: pleiade.database.url });
  await client.connect();
  try {
    const sid = sessionIdOf(cookie);
    const { rows } = await client.query<{ sess: { tokens?: string } }>('SELECT sess FROM session WHERE sid = $1', [
      sid,
    ]);
    const sess = rows[0]?.sess;
    const tokens = sess?.tokens ? vault.open(sess.tokens) : undefined;
    if (!sess || !tokens) throw new Error('no session or no tokens');
    const edited = edit(tokens);
    await client.query('UPDATE session SET sess = $2 WHERE sid = $1', [
      sid,
      JSON.stringify({ ...sess, tokens: vault.seal(edited) }),
    ]);
    await invalidationDelivered();
    return tokens;
  } finally {
    await client.end();
  }
}

export async function readSessionTokens(pleiade: TestPleiade, cookie: string): Promise<TokenSet> {
  return editSessionTokens(pleiade, cookie, (tokens) => tokens);
}
