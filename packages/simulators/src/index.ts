// HTTP simulators of the collaboration applications the dashboard reads for each signed-in agent.
// They follow the applications' public documentation (see each server.ts), one server per application.
import { randomBytes, X509Certificate } from 'node:crypto';
import { DEMAT_DEMO_DATA, type DematDemoData } from './demat-data.js';
import { DEMO_USERS, withJitsiUrl, type SimUser } from './demo-data.js';
import {
  SIMULATED_APPS,
  startAppServer,
  type AppControl,
  type AppHandler,
  type FaultMode,
  type SimulatedApp,
} from './http.js';
import { createIdelibreHandler } from './idelibre/server.js';
import { createIparapheurV4Handler } from './iparapheur/v4.js';
import { createIparapheurV5Handler, IPARAPHEUR_CLIENT_ID, IPARAPHEUR_REALM_PATH } from './iparapheur/v5.js';
import { createJitsiHandler, type JitsiJoin, type JitsiJwtOptions } from './jitsi/server.js';
import { createMatrixHandler, DEFAULT_APP_SERVICE_SENDER, type MatrixAppServiceOptions } from './matrix/server.js';
import { createNextcloudHandler } from './nextcloud/server.js';
import { createUserinfoBearerResolver } from './nextcloud/userinfo-bearer.js';
import { createPastellHandler } from './pastell/server.js';
import { createSimulatorPki, type PemPair, type SimulatorPki } from './s2low/pki.js';
import { createS2lowHandler } from './s2low/server.js';
import { computePreauth, createZimbraHandler } from './zimbra/server.js';
// Business applications (issue 11).
import { DEMO_BUSINESS, type BusinessData, type Collectivite } from './business-data.js';
import { createFeedsHandler } from './feeds/server.js';
import { createFinanceHandler } from './finance/server.js';
import { createGlpiHandler } from './glpi/server.js';
import { createTimeHandler } from './time/server.js';

export { DEMAT_DEMO_DATA } from './demat-data.js';
export type {
  DematDemoData,
  IdelibreConvocationSeed,
  IdelibreSittingSeed,
  IdelibreStructureSeed,
  IdelibreUserSeed,
  IparapheurAccountSeed,
  IparapheurDeskSeed,
  IparapheurFolderSeed,
  IparapheurTenantSeed,
  PastellDocumentSeed,
  PastellEntitySeed,
  PastellUserSeed,
  S2lowAccountSeed,
  S2lowAuthoritySeed,
  S2lowTransactionSeed,
} from './demat-data.js';
export { DEMO_USERS, JITSI_URL_PLACEHOLDER, parisTimeToday, withJitsiUrl } from './demo-data.js';
export { HOSTILE_PAYLOADS, withHostileDematText, withHostileText, type HostileTextOptions } from './hostile-text.js';
export { createSimulatorPki, type PemPair, type PkiOptions, type SimulatorPki } from './s2low/pki.js';
export { S2LOW_STATUSES } from './s2low/server.js';
export type { JitsiJoin, JitsiJwtOptions } from './jitsi/server.js';
export type { MatrixAppServiceOptions } from './matrix/server.js';
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
export {
  COLLECTIVITE_NAMES,
  DEMO_BUSINESS,
  findPerson,
  fullName,
  type BusinessData,
  type BusinessPerson,
  type Collectivite,
  type GlpiTicketSeed,
} from './business-data.js';
export { withHostileBusinessText } from './business-hostile.js';
export { HOSTILE_FEEDS, type HostileFeed } from './feeds/server.js';
export { GTA_NAMESPACE, TIME_SERVICES } from './time/server.js';
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
  resolveNextcloudBearer?: (token: string) => string | undefined | Promise<string | undefined>;
  /**
   * Validate unknown Nextcloud bearer tokens at this OpenID provider userinfo endpoint, as
   * user_oidc's `userinfo_bearer_validation` does (tried after resolveNextcloudBearer).
   */
  nextcloudBearerUserinfoUrl?: string;
  /** Userinfo claim naming the Nextcloud user (user_oidc's uid mapping), default 'preferred_username'. */
  nextcloudBearerUidClaim?: string;
  /** How long a userinfo answer is reused for the same token, default 30 000 ms. */
  nextcloudBearerCacheMs?: number;
  /** Matrix application service allowed to act as the users of its namespace (identity assertion). */
  matrixAppService?: MatrixAppServiceOptions;
  /** Jitsi token authentication; without it, every room opens without a token. */
  jitsiJwt?: JitsiJwtOptions;
  /** Data of i-Parapheur, S2low, i-delibRE and Pastell; default: DEMAT_DEMO_DATA. */
  demat?: DematDemoData;
  /** i-Parapheur 5 (Keycloak) access token lifetime, default 300 000 ms; refresh tokens 1 800 000 ms. */
  iparapheurTokenLifetimeMs?: number;
  iparapheurRefreshLifetimeMs?: number;
  /** i-Parapheur 4: CAS `serviceValidate` URL checking `ticket` parameters; without it, CAS is off. */
  iparapheur4CasServiceValidateUrl?: string;
  /** S2low's CA, server and client certificates (names = S2lowAccountSeed.certificate); default: made at start with openssl. */
  s2lowPki?: SimulatorPki;
  /** Pastell: failed logins per minute and address before 429 (default 5, as Pastell). */
  pastellLoginAttemptsPerMinute?: number;
  /** Clock, for tests. */
  now?: () => Date;
  /** Data of GLPI, the finance service, the time-management service and the news feeds; default DEMO_BUSINESS. */
  business?: BusinessData;
  /** App-Token of GLPI's API client; null: a client without App-Token. Default: a random token. */
  glpiAppToken?: string | null;
  /** GLPI's "enable_api_login_credentials" (login/password at initSession), default true. */
  glpiLoginWithCredentials?: boolean;
  /** GLPI session lifetime, renewed by each call; default 1 440 000 ms (PHP's session.gc_maxlifetime). */
  glpiSessionLifetimeMs?: number;
  /** Largest OData page before `@odata.nextLink`, default 50. */
  financeMaxPageSize?: number;
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

export interface IparapheurCredentials {
  /** Keycloak client of the token endpoint (`ipcore-web`) and the endpoint's path. */
  clientId: string;
  tokenPath: string;
  /** Demo username → password (password grant for v5, Basic or `/parapheur/api/login` for v4). */
  accounts: Record<string, { username: string; password: string }>;
}

export interface S2lowCredentials {
  /** PEM of the CA that issued the server's certificate: the client must trust it. */
  ca: string;
  /** Collectivité → its authority's technical account: login/password and client certificate. */
  accounts: Record<string, { login: string; password: string; authorityId: number } & PemPair>;
  /** A certificate of the same CA that no account uses (the server answers "aucun compte trouvé"). */
  unregisteredClient: PemPair;
}

export interface GlpiCredentials {
  /** App-Token header of the API client, or null when the client has none. */
  appToken: string | null;
  /** Username → GLPI remote access key, for `Authorization: user_token <key>`. */
  userTokens: Record<string, string>;
  /** Technical account of each collectivité's entity (HTTP Basic at initSession). */
  technicalAccounts: Record<Collectivite, { login: string; password: string }>;
  /** Password of the people's own GLPI accounts (login = username). */
  peoplePassword: string;
}

export interface SimulatorCredentials {
  nextcloud: Record<string, NextcloudCredentials>;
  zimbra: ZimbraCredentials;
  matrix: Record<string, MatrixCredentials>;
  /** Present when started with `matrixAppService`. */
  matrixAppService?: Required<MatrixAppServiceOptions>;
  /** Present when started with `jitsiJwt`: what prosody's token plugin would be configured with. */
  jitsi?: { appId: string; secret: string; audiences: string[] };
  iparapheur: IparapheurCredentials;
  s2low: S2lowCredentials;
  /** Collectivité → its i-delibRE structure and the structure's API token (`X-AUTH-TOKEN`). */
  idelibre: Record<string, { structureId: string; suffix: string; token: string }>;
  /** Pastell login → credentials (Basic or `Authorization: Bearer <token>`); `pleiade-technique` sees every entity. */
  pastell: Record<string, { login: string; password: string; token: string }>;
  glpi: GlpiCredentials;
  /** OData finance service: one technical account (Basic) and API key (`X-Api-Key`) per collectivité. */
  finance: Record<Collectivite, { login: string; password: string; apiKey: string }>;
  /** Time-management web services: one web-service account (Basic) per collectivité. */
  time: Record<Collectivite, { login: string; password: string }>;
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
  /** Jitsi rooms joined (meeting page served), oldest first. */
  jitsiJoins(): readonly JitsiJoin[];
  clearJitsiJoins(): void;
  /** Calls made to `nextcloudBearerUserinfoUrl` so far (0 without it). */
  nextcloudUserinfoCalls(): number;
  /** Makes every i-Parapheur 5 access token issued so far expired (next call: 401 invalid_token). */
  expireIparapheurTokens(): void;
  /** i-Parapheur 5 access tokens issued so far (password and refresh grants). */
  iparapheurTokensIssued(): number;
  /** GLPI sessions neither killed nor expired. */
  glpiOpenSessions(): number;
  /** Ends every GLPI session (the next call gets ERROR_SESSION_TOKEN_INVALID). */
  expireGlpiSessions(): void;
  close(): Promise<void>;
}

function latencyFor(option: SimulatorsOptions['latencyMs'], app: SimulatedApp): number {
  if (typeof option === 'number') return option;
  return option?.[app] ?? 0;
}

/** The S2low PKI is made once per process and listen address (a few openssl runs). */
const pkiCache = new Map<string, Promise<SimulatorPki>>();
const UNREGISTERED_CLIENT = 'certificat-sans-compte';

function s2lowPkiFor(host: string, demat: DematDemoData): Promise<SimulatorPki> {
  const names = [...new Set(demat.s2low.accounts.map((a) => a.certificate)), UNREGISTERED_CLIENT].sort();
  const key = `${host}|${names.join(',')}`;
  let pki = pkiCache.get(key);
  if (!pki) {
    pki = createSimulatorPki({ hosts: [host], clients: names, caName: 'Pléiade simulateurs (S2low)' });
    pkiCache.set(key, pki);
    pki.catch(() => pkiCache.delete(key));
  }
  return pki;
}

export async function startSimulators(options: SimulatorsOptions = {}): Promise<Simulators> {
  const now = options.now ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';

  const controls = Object.fromEntries(
    SIMULATED_APPS.map((app) => [app, { latencyMs: latencyFor(options.latencyMs, app), fault: 'none', requests: 0 }]),
  ) as Record<SimulatedApp, AppControl>;

  const started: { app: SimulatedApp; close(): Promise<void>; url: string }[] = [];
  const start = async (app: SimulatedApp, handler: AppHandler, tls?: Parameters<typeof startAppServer>[4]) => {
    const running = await startAppServer(controls[app], handler, host, options.ports?.[app] ?? 0, tls);
    started.push({ app, ...running });
    return running.url;
  };

  const jitsi = createJitsiHandler({ now, jwt: options.jitsiJwt });
  const userinfo = options.nextcloudBearerUserinfoUrl
    ? createUserinfoBearerResolver({
        userinfoUrl: options.nextcloudBearerUserinfoUrl,
        uidClaim: options.nextcloudBearerUidClaim ?? 'preferred_username',
        cacheMs: options.nextcloudBearerCacheMs ?? 30_000,
        now,
      })
    : undefined;
  const resolveBearer = async (token: string) =>
    (await options.resolveNextcloudBearer?.(token)) ?? (await userinfo?.(token));

  const demat = options.demat ?? DEMAT_DEMO_DATA;
  const iparapheur = createIparapheurV5Handler({
    data: demat.iparapheur,
    now,
    tokenLifetimeMs: options.iparapheurTokenLifetimeMs ?? 300_000,
    refreshLifetimeMs: options.iparapheurRefreshLifetimeMs ?? 1_800_000,
  });
  const business = options.business ?? DEMO_BUSINESS;
  const secret = () => randomBytes(18).toString('base64url');
  const collectivites: Collectivite[] = ['demo-a', 'demo-b'];
  const glpiCredentials: GlpiCredentials = {
    appToken: options.glpiAppToken === undefined ? secret() : options.glpiAppToken,
    userTokens: Object.fromEntries(business.people.map((p) => [p.username, p.glpiUserToken])),
    technicalAccounts: {
      'demo-a': { login: 'pleiade-demo-a', password: secret() },
      'demo-b': { login: 'pleiade-demo-b', password: secret() },
    },
    peoplePassword: 'demo',
  };
  const financeAccounts = Object.fromEntries(
    collectivites.map((c) => [c, { login: `finances-${c}`, password: secret(), apiKey: secret() }]),
  ) as SimulatorCredentials['finance'];
  const timeAccounts = Object.fromEntries(
    collectivites.map((c) => [c, { login: `ws-gta-${c}`, password: secret() }]),
  ) as SimulatorCredentials['time'];
  const glpi = createGlpiHandler({
    data: business,
    now,
    appToken: glpiCredentials.appToken,
    technicalAccounts: collectivites.map((c) => ({ ...glpiCredentials.technicalAccounts[c], collectivites: [c] })),
    peoplePassword: glpiCredentials.peoplePassword,
    loginWithCredentials: options.glpiLoginWithCredentials ?? true,
    sessionLifetimeMs: options.glpiSessionLifetimeMs ?? 1_440_000,
  });

  let users: SimUser[] = [];
  let zimbra: ReturnType<typeof createZimbraHandler> | undefined;
  let preauthKeys: Record<string, string> = {};
  let pki: SimulatorPki | undefined;
  try {
    // Jitsi first: the visio links of the other applications' data point to it.
    const jitsiUrl = await start('jitsi', jitsi.handler);
    users = withJitsiUrl(options.users ?? DEMO_USERS, jitsiUrl);
    const domains = [...new Set(users.map((u) => u.email.slice(u.email.indexOf('@') + 1)))];
    preauthKeys = Object.fromEntries(
      domains.map((d) => [d, options.zimbraPreauthKeys?.[d] ?? randomBytes(32).toString('hex')]),
    );
    zimbra = createZimbraHandler({
      users,
      now,
      preauthKeys,
      tokenLifetimeMs: options.zimbraTokenLifetimeMs ?? 2 * 24 * 60 * 60 * 1000,
    });
    await start('nextcloud', createNextcloudHandler({ users, now, resolveBearer }));
    await start('zimbra', zimbra.handler);
    await start('matrix', createMatrixHandler({ users, now, appService: options.matrixAppService }));
    await start('iparapheur', iparapheur.handler);
    await start(
      'iparapheur4',
      createIparapheurV4Handler({
        data: demat.iparapheur,
        now,
        casServiceValidateUrl: options.iparapheur4CasServiceValidateUrl,
      }),
    );
    pki = options.s2lowPki ?? (await s2lowPkiFor(host, demat));
    const fingerprints = Object.fromEntries(
      Object.entries(pki.clients).map(([name, pair]) => [name, new X509Certificate(pair.cert).fingerprint256]),
    );
    await start('s2low', createS2lowHandler({ data: demat.s2low, now, certificateFingerprints: fingerprints }), {
      key: pki.server.key,
      cert: pki.server.cert,
      ca: pki.ca.cert,
      // The TLS handshake fails without a client certificate issued by this CA.
      requestCert: true,
      rejectUnauthorized: true,
    });
    await start('idelibre', createIdelibreHandler({ data: demat.idelibre, now }));
    await start(
      'pastell',
      createPastellHandler({
        data: demat.pastell,
        now,
        loginAttemptsPerMinute: options.pastellLoginAttemptsPerMinute ?? 5,
      }),
    );
    await start('glpi', glpi.handler);
    await start(
      'finance',
      createFinanceHandler({
        data: business,
        now,
        accounts: collectivites.map((c) => ({ collectivite: c, ...financeAccounts[c] })),
        maxPageSize: options.financeMaxPageSize ?? 50,
      }),
    );
    await start(
      'time',
      createTimeHandler({
        data: business,
        now,
        accounts: collectivites.map((c) => ({ collectivite: c, ...timeAccounts[c] })),
      }),
    );
    await start('feeds', createFeedsHandler({ data: business, now }));
  } catch (err) {
    await Promise.all(started.map((s) => s.close()));
    throw err;
  }
  const zimbraState = zimbra.state;
  const s2lowPki = pki;
  const clientPair = (name: string): PemPair => {
    const pair = s2lowPki?.clients[name];
    if (!pair) throw new Error(`S2low: no client certificate named ${name}`);
    return pair;
  };
  const urls = Object.fromEntries(started.map((s) => [s.app, s.url])) as Record<SimulatedApp, string>;
  const appService = options.matrixAppService;
  const jwt = options.jitsiJwt;

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
      ...(appService
        ? {
            matrixAppService: {
              asToken: appService.asToken,
              userNamespaceRegex: appService.userNamespaceRegex,
              senderUserId: appService.senderUserId ?? DEFAULT_APP_SERVICE_SENDER,
            },
          }
        : {}),
      ...(jwt ? { jitsi: { appId: jwt.appId, secret: jwt.secret, audiences: [...(jwt.audiences ?? ['jitsi'])] } } : {}),
      iparapheur: {
        clientId: IPARAPHEUR_CLIENT_ID,
        tokenPath: `${IPARAPHEUR_REALM_PATH}/protocol/openid-connect/token`,
        accounts: Object.fromEntries(
          demat.iparapheur.accounts.map((a) => [a.username, { username: a.username, password: a.password }]),
        ),
      },
      s2low: {
        ca: s2lowPki?.ca.cert ?? '',
        accounts: Object.fromEntries(
          demat.s2low.accounts.flatMap((account) => {
            const authority = demat.s2low.authorities.find((a) => a.id === account.authorityId);
            if (!authority) return [];
            const pair = clientPair(account.certificate);
            return [
              [
                authority.collectivite,
                { login: account.login, password: account.password, authorityId: authority.id, ...pair },
              ],
            ];
          }),
        ),
        unregisteredClient: s2lowPki?.clients[UNREGISTERED_CLIENT] ?? { cert: '', key: '' },
      },
      idelibre: Object.fromEntries(
        demat.idelibre.structures.map((s) => [
          s.collectivite,
          { structureId: s.id, suffix: s.suffix, token: s.apiToken },
        ]),
      ),
      pastell: Object.fromEntries(
        demat.pastell.users.map((u) => [u.login, { login: u.login, password: u.password, token: u.token }]),
      ),
      glpi: glpiCredentials,
      finance: financeAccounts,
      time: timeAccounts,
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
    expireZimbraTokens: () => zimbraState.expireAllTokens(),
    jitsiJoins: () => jitsi.state.joins(),
    clearJitsiJoins: () => jitsi.state.clearJoins(),
    nextcloudUserinfoCalls: () => userinfo?.calls ?? 0,
    expireIparapheurTokens: () => iparapheur.state.expireAllTokens(),
    iparapheurTokensIssued: () => iparapheur.state.tokensIssued(),
    glpiOpenSessions: () => glpi.state.openSessions(),
    expireGlpiSessions: () => glpi.state.expireAllSessions(),
    close: async () => {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}
