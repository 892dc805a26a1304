/**
 * What the scenarios that run the BFF inside the bench's own process share (connectors.ts,
 * profile.ts): Pléiade started on a free loopback port, signing people in through the scripted
 * provider, in the bench's collectivité.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createLogger, createScratchDatabase, loadConfig, startPleiade } from '@pleiade/bff';
import type { FakeOp } from '../apps/bff/test/support/fake-op.ts';

/** A port free right now on loopback: the provider must know the callback URL before the start. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * What every bench installation shares, in process or behind HAProxy: sign-in through `op`, the
 * bench's collectivité, its operators' group, and no sign-in rate limit (the bench signs in
 * thousands of people from one address).
 */
export function benchInstallation(op: FakeOp): Record<string, string> {
  return {
    OIDC_ISSUER: op.issuer,
    OIDC_CLIENT_ID: op.clientId,
    OIDC_CLIENT_SECRET: op.clientSecret,
    COLLECTIVITES: 'banc=Commune du banc d’essai',
    // The simulators listen on loopback: only the installation's operator may allow-list it.
    ROLE_GROUP_OPERATOR: 'operateurs-banc',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
  };
}

/**
 * Pléiade in this process, signing in through `op`, in a fresh database of DATABASE_URL's server
 * (else an embedded PostgreSQL); `name` names the database and the data folder.
 */
export async function startInProcess(op: FakeOp, name: string): Promise<{ url: string; close(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `${name}-`));
  const database = process.env.DATABASE_URL
    ? await createScratchDatabase(process.env.DATABASE_URL, name.replaceAll('-', '_'))
    : undefined;
  const port = await freePort();
  const running = await startPleiade(
    loadConfig({
      NODE_ENV: 'test',
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      SESSION_SECRET: randomUUID() + randomUUID(),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      EMBEDDED_DATA_DIR: dataDir,
      ...benchInstallation(op),
      ...(database ? { DATABASE_URL: database.url } : {}),
    }),
    createLogger('silent'),
  );
  return {
    url: running.url,
    async close() {
      await running.close();
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
