// HTTP simulators of the collaboration applications the dashboard reads for each signed-in agent.
// They follow the applications' public documentation (see each server.ts), one server per application.
import { randomBytes } from 'node:crypto';
import { DEMO_USERS, type SimUser } from './demo-data.js';
import { SIMULATED_APPS, startAppServer, type AppControl, type FaultMode, type SimulatedApp } from './http.js';
import { createMatrixHandler } from './matrix/server.js';
import { createNextcloudHandler } from './nextcloud/server.js';
import { computePreauth, createZimbraHandler } from './zimbra/server.js';

export { DEMO_USERS, parisTimeToday } from './demo-data.js';
export type {
  MatrixRoomSeed,
  NextcloudFileSeed,
  NextcloudNotificationSeed,
  NextcloudWidgetItemSeed,
  SimUser,
  ZimbraAppointmentSeed,
  ZimbraMessageSeed,
} from './demo-data.js';
export type { FaultMode, SimulatedApp } from './http.js';
export { SIMULATED_APPS } from './http.js';
export { computePreauth };

export interface SimulatorsOptions {
  /** Added before every response; one number for all applications or one per application. */
  latencyMs?: number | Partial<Record<SimulatedApp, number>>;
  /** Users and their data; default: the demo users of the development IdP. */
  users?: readonly SimUser[];
  /** Listen address, default 127.0.0.1. */
  host?: string;
  /** Fixed ports (default 0 = random). */
  ports?: Partial<Record<SimulatedApp, number>>;
  /** Zimbra domain → hex preauth key; default: a random 32-byte key per domain of the users. */
  zimbraPreauthKeys?: Record<string, string>;
  /** Zimbra auth token lifetime (ms), default 2 days like zimbraAuthTokenLifetime. */
  zimbraTokenLifetimeMs?: number;
  /** Extra Nextcloud bearer validation: token → Nextcloud user id, or undefined to refuse. */
  resolveNextcloudBearer?: (token: string) => string | undefined;
  /** Clock, for tests. */
  now?: () => Date;
}

export interface NextcloudCredentials {
  /** Nextcloud login (user id). */
  user: string;
  /** For `Authorization: Basic base64(user:appPassword)`. */
  appPassword: string;
  /** For `Authorization: Bearer <token>`. */
  bearerToken: string;
}

export interface ZimbraCredentials {
  /** Domain → hex preauth key (zimbraPreAuthKey). */
  preauthKeys: Record<string, string>;
  /** Username → mail account (AuthRequest `account`, by="name"). */
  accounts: Record<string, string>;
}

export interface MatrixCredentials {
  userId: string;
  deviceId: string;
  accessToken: string;
}

export interface SimulatorCredentials {
  nextcloud: Record<string, NextcloudCredentials>;
  zimbra: ZimbraCredentials;
  matrix: Record<string, MatrixCredentials>;
}

export interface Simulators {
  /** Base URLs without trailing slash, e.g. http://127.0.0.1:41234 */
  urls: Record<SimulatedApp, string>;
  credentials: SimulatorCredentials;
  setFault(app: SimulatedApp, fault: FaultMode): void;
  getFault(app: SimulatedApp): FaultMode;
  setLatency(app: SimulatedApp, latencyMs: number): void;
  /** Requests received by one application since start or the last resetCounts(), whatever the outcome. */
  requestCount(app: SimulatedApp): number;
  resetCounts(): void;
  /** Makes every Zimbra auth token issued so far expired (next call: service.AUTH_EXPIRED). */
  expireZimbraTokens(): void;
  close(): Promise<void>;
}

function latencyFor(option: SimulatorsOptions['latencyMs'], app: SimulatedApp): number {
  if (typeof option === 'number') return option;
  return option?.[app] ?? 0;
}

export async function startSimulators(options: SimulatorsOptions = {}): Promise<Simulators> {
  const users = options.users ?? DEMO_USERS;
  const now = options.now ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';
  const domains = [...new Set(users.map((u) => u.email.slice(u.email.indexOf('@') + 1)))];
  const preauthKeys = Object.fromEntries(
    domains.map((d) => [d, options.zimbraPreauthKeys?.[d] ?? randomBytes(32).toString('hex')]),
  );

  const controls = Object.fromEntries(
    SIMULATED_APPS.map((app) => [app, { latencyMs: latencyFor(options.latencyMs, app), fault: 'none', requests: 0 }]),
  ) as Record<SimulatedApp, AppControl>;

  const zimbra = createZimbraHandler({
    users,
    now,
    preauthKeys,
    tokenLifetimeMs: options.zimbraTokenLifetimeMs ?? 2 * 24 * 60 * 60 * 1000,
  });
  const handlers = {
    nextcloud: createNextcloudHandler({ users, now, resolveBearer: options.resolveNextcloudBearer }),
    zimbra: zimbra.handler,
    matrix: createMatrixHandler({ users, now }),
  };

  const started: { app: SimulatedApp; close(): Promise<void>; url: string }[] = [];
  try {
    for (const app of SIMULATED_APPS) {
      const running = await startAppServer(controls[app], handlers[app], host, options.ports?.[app] ?? 0);
      started.push({ app, ...running });
    }
  } catch (err) {
    await Promise.all(started.map((s) => s.close()));
    throw err;
  }
  const urls = Object.fromEntries(started.map((s) => [s.app, s.url])) as Record<SimulatedApp, string>;

  return {
    urls,
    credentials: {
      nextcloud: Object.fromEntries(
        users.map((u) => [
          u.username,
          { user: u.username, appPassword: u.nextcloud.appPassword, bearerToken: u.nextcloud.bearerTokens[0] ?? '' },
        ]),
      ),
      zimbra: { preauthKeys, accounts: Object.fromEntries(users.map((u) => [u.username, u.email])) },
      matrix: Object.fromEntries(
        users.map((u) => [
          u.username,
          { userId: u.matrix.userId, deviceId: u.matrix.deviceId, accessToken: u.matrix.accessToken },
        ]),
      ),
    },
    setFault: (app, fault) => {
      controls[app].fault = fault;
    },
    getFault: (app) => controls[app].fault,
    setLatency: (app, latencyMs) => {
      controls[app].latencyMs = latencyMs;
    },
    requestCount: (app) => controls[app].requests,
    resetCounts: () => {
      for (const app of SIMULATED_APPS) controls[app].requests = 0;
    },
    expireZimbraTokens: () => zimbra.state.expireAllTokens(),
    close: async () => {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}
