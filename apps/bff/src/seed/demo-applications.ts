import { randomBytes } from 'node:crypto';
import type { Simulators } from '@pleiade/simulators';
import { DECLARATIVE_PRESETS, declarativeDefinitionSchema } from '@pleiade/contracts';
import type { ConnectorSeed } from '../connector-settings/provisioning.js';
import type { DataSourceSeed } from '../declarative/provisioning.js';
import { SecretValue } from '../connectors/secret-box.js';
import type { Logger } from '../logger.js';

/**
 * The connected applications of the one-command start: the simulators of Zimbra, Nextcloud,
 * Matrix/Watcha and Jitsi with French demo data for the demo IdP's accounts, and one connector per
 * application and demo collectivité, each showing a different way Pléiade authenticates for the
 * person:
 *   demo-a: Zimbra by domain pre-authentication, Nextcloud with the person's own OIDC access token
 *           (validated by the simulator at the demo IdP's userinfo, as Nextcloud's user_oidc does),
 *           Watcha through an application service, Jitsi with JWT;
 *   demo-b: Zimbra by pre-authentication, Nextcloud with a token obtained by token exchange
 *           (RFC 8693), Matrix with the person's own access token entered once, Jitsi without JWT.
 * And the dematerialisation chain in both (dematerialisationSeeds): i-Parapheur with the person's
 * own password (version 5 in demo-a, 4 in demo-b), S²low with the authority's client certificate,
 * i-delibRE and Pastell with a technical account the BFF filters.
 */
export interface DemoApplications {
  seeds: ConnectorSeed[];
  /** The declarative presets on the business simulators (finances/RH OData, time SOAP, GLPI). */
  dataSources: DataSourceSeed[];
  /** Where each simulator listens, printed at start. */
  urls: Record<string, string>;
  /** Printed at start: what to type where to try the personal-secret connector. */
  notes: string[];
  close(): Promise<void>;
}

export interface DemoApplicationsOptions {
  /** The demo IdP's userinfo endpoint: the Nextcloud simulator validates bearer tokens there. */
  userinfoUrl: string;
  /** Audience the demo IdP accepts in token exchange for Nextcloud. */
  nextcloudAudience: string;
  latencyMs: number;
  host: string;
  logger: Logger;
}

/** The demo business applications' connector labels. */
export const DEMO_BUSINESS_LABELS = {
  finance: 'Finances et ressources humaines',
  time: 'Gestion des temps',
  glpi: 'Assistance informatique (GLPI)',
} as const;

/** Demo simulators listen on loopback: the connectors allow exactly that address. */
const LOOPBACK_ONLY = ['127.0.0.1/32'];

export async function startDemoApplications(options: DemoApplicationsOptions): Promise<DemoApplications> {
  const { startSimulators, DEMO_USERS } = await import('@pleiade/simulators');
  const asToken = randomBytes(24).toString('base64url');
  const jitsiJwtSecret = randomBytes(32).toString('base64url');
  const jitsiAppId = 'pleiade-demo';
  const sims = await startSimulators({
    host: options.host,
    latencyMs: options.latencyMs,
    nextcloudBearerUserinfoUrl: options.userinfoUrl,
    matrixAppService: { asToken, userNamespaceRegex: '^@.*:demo-a\\.pleiade\\.test$' },
    jitsiJwt: { secret: jitsiJwtSecret, appId: jitsiAppId },
  });
  const preauthKey = (domain: string) => {
    const key = sims.credentials.zimbra.preauthKeys[domain];
    if (!key) throw new Error(`no Zimbra preauth key for ${domain}`);
    return new SecretValue(key);
  };
  const common = { allowPrivateNetworks: LOOPBACK_ONLY, enabled: true };
  const seeds: ConnectorSeed[] = [
    {
      ...common,
      collectivite: 'demo-a',
      kind: 'zimbra',
      label: 'Messagerie de la mairie',
      baseUrl: sims.urls.zimbra,
      authMode: 'zimbra_preauth',
      options: {},
      secrets: { preauthKey: preauthKey('demo-a.pleiade.test') },
    },
    {
      ...common,
      collectivite: 'demo-a',
      kind: 'nextcloud',
      label: 'Nextcloud de la mairie',
      baseUrl: sims.urls.nextcloud,
      authMode: 'oidc_token',
      options: {},
      secrets: {},
    },
    {
      ...common,
      collectivite: 'demo-a',
      kind: 'matrix',
      label: 'Watcha',
      baseUrl: sims.urls.matrix,
      authMode: 'service_account',
      options: { serverName: 'demo-a.pleiade.test', webClientUrl: sims.urls.matrix },
      secrets: { asToken: new SecretValue(asToken) },
    },
    {
      ...common,
      collectivite: 'demo-a',
      kind: 'jitsi',
      label: 'Visio de la mairie',
      baseUrl: sims.urls.jitsi,
      authMode: 'none',
      options: { jwtAppId: jitsiAppId },
      secrets: { jwtSecret: new SecretValue(jitsiJwtSecret) },
    },
    {
      ...common,
      collectivite: 'demo-b',
      kind: 'zimbra',
      label: 'Messagerie communautaire',
      baseUrl: sims.urls.zimbra,
      authMode: 'zimbra_preauth',
      options: {},
      secrets: { preauthKey: preauthKey('demo-b.pleiade.test') },
    },
    {
      ...common,
      collectivite: 'demo-b',
      kind: 'nextcloud',
      label: 'Nextcloud communautaire',
      baseUrl: sims.urls.nextcloud,
      authMode: 'token_exchange',
      options: { tokenExchangeAudience: options.nextcloudAudience },
      secrets: {},
    },
    {
      ...common,
      collectivite: 'demo-b',
      kind: 'matrix',
      label: 'Messagerie instantanée',
      baseUrl: sims.urls.matrix,
      authMode: 'personal_secret',
      options: { serverName: 'demo-b.pleiade.test', webClientUrl: sims.urls.matrix },
      secrets: {},
    },
    {
      ...common,
      collectivite: 'demo-b',
      kind: 'jitsi',
      label: 'Visio',
      baseUrl: sims.urls.jitsi,
      authMode: 'none',
      options: {},
      secrets: {},
    },
    {
      ...common,
      collectivite: 'demo-a',
      kind: 'news',
      label: 'Actualités de la mairie',
      baseUrl: sims.urls.feeds,
      authMode: 'none',
      options: { feedPath: '/demo-a/rss.xml' },
      secrets: {},
    },
    {
      ...common,
      collectivite: 'demo-b',
      kind: 'news',
      label: 'Actualités de la communauté',
      baseUrl: sims.urls.feeds,
      authMode: 'none',
      options: { feedPath: '/demo-b/atom.xml' },
      secrets: {},
    },
  ];
  seeds.push(...dematerialisationSeeds(sims, common));
  // Business applications (issue 11): one technical account per collectivité on each simulator.
  const business = (['demo-a', 'demo-b'] as const).flatMap((collectivite): ConnectorSeed[] => {
    const finance = sims.credentials.finance[collectivite];
    const time = sims.credentials.time[collectivite];
    const glpi = sims.credentials.glpi.technicalAccounts[collectivite];
    const appToken = sims.credentials.glpi.appToken;
    return [
      {
        ...common,
        collectivite,
        kind: 'business',
        label: DEMO_BUSINESS_LABELS.finance,
        baseUrl: sims.urls.finance,
        authMode: 'service_account',
        options: {},
        secrets: { username: new SecretValue(finance.login), password: new SecretValue(finance.password) },
      },
      {
        ...common,
        collectivite,
        kind: 'business',
        label: DEMO_BUSINESS_LABELS.time,
        baseUrl: sims.urls.time,
        authMode: 'service_account',
        options: {},
        secrets: { username: new SecretValue(time.login), password: new SecretValue(time.password) },
      },
      {
        ...common,
        collectivite,
        kind: 'glpi',
        label: DEMO_BUSINESS_LABELS.glpi,
        baseUrl: sims.urls.glpi,
        authMode: 'service_account',
        options: {},
        secrets: {
          username: new SecretValue(glpi.login),
          password: new SecretValue(glpi.password),
          ...(appToken ? { appToken: new SecretValue(appToken) } : {}),
        },
      },
    ];
  });
  seeds.push(...business);
  const dataSources = (['demo-a', 'demo-b'] as const).flatMap((collectivite) =>
    DECLARATIVE_PRESETS.map((preset) => ({
      collectivite,
      name: preset.name,
      connector:
        preset.definition.request.protocol === 'glpi'
          ? DEMO_BUSINESS_LABELS.glpi
          : preset.definition.request.protocol === 'soap'
            ? DEMO_BUSINESS_LABELS.time
            : DEMO_BUSINESS_LABELS.finance,
      definition: declarativeDefinitionSchema.parse(preset.definition),
    })),
  );
  options.logger.info({ urls: sims.urls }, 'demo application simulators started');
  const agentB = DEMO_USERS.find((user) => user.username === 'agent-b');
  const notes = [
    ...(agentB
      ? [`Jeton Matrix de agent-b, à saisir dans le widget « Messagerie instantanée » : ${agentB.matrix.accessToken}`]
      : []),
    ...Object.values(sims.credentials.iparapheur.accounts).map(
      (account) =>
        `Mot de passe i-Parapheur de ${account.username}, à saisir dans le widget « Parapheur » : ${account.password}`,
    ),
  ];
  return { seeds, dataSources, urls: { ...sims.urls }, notes, close: () => sims.close() };
}

/**
 * i-Parapheur, S²low, i-delibRE and Pastell for demo-a and demo-b. S²low trusts the simulator's
 * throwaway CA and presents the authority's certificate; Pastell's technical account sees every
 * entity, each collectivité's connector names its own (demo-a: the commune and its CCAS).
 */
function dematerialisationSeeds(
  sims: Simulators,
  common: { allowPrivateNetworks: string[]; enabled: boolean },
): ConnectorSeed[] {
  const { s2low, idelibre, pastell } = sims.credentials;
  const technical = pastell['pleiade-technique'];
  if (!technical) throw new Error('no Pastell technical account in the demo data');
  const PASTELL_ENTITIES: Record<string, string> = { 'demo-a': '1, 2', 'demo-b': '3' };
  return (['demo-a', 'demo-b'] as const).flatMap((collectivite): ConnectorSeed[] => {
    const account = s2low.accounts[collectivite];
    const structure = idelibre[collectivite];
    if (!account || !structure) throw new Error(`no S2low or i-delibRE demo account for ${collectivite}`);
    return [
      {
        ...common,
        collectivite,
        kind: 'iparapheur',
        label: 'Parapheur',
        baseUrl: collectivite === 'demo-a' ? sims.urls.iparapheur : sims.urls.iparapheur4,
        authMode: 'personal_secret',
        options: { apiVersion: collectivite === 'demo-a' ? 'v5' : 'v4' },
        secrets: {},
      },
      {
        ...common,
        collectivite,
        kind: 's2low',
        label: 'Télétransmission (S²low)',
        baseUrl: sims.urls.s2low,
        authMode: 'service_account',
        options: {},
        secrets: {
          username: new SecretValue(account.login),
          password: new SecretValue(account.password),
          clientCertificate: new SecretValue(account.cert),
          clientKey: new SecretValue(account.key),
          caCertificate: new SecretValue(s2low.ca),
        },
      },
      {
        ...common,
        collectivite,
        kind: 'idelibre',
        label: 'Séances (i-delibRE)',
        baseUrl: sims.urls.idelibre,
        authMode: 'service_account',
        options: { usernameSuffix: structure.suffix },
        secrets: { apiToken: new SecretValue(structure.token) },
      },
      {
        ...common,
        collectivite,
        kind: 'pastell',
        label: 'Pastell',
        baseUrl: sims.urls.pastell,
        authMode: 'service_account',
        options: { entityIds: PASTELL_ENTITIES[collectivite] ?? '' },
        secrets: { username: new SecretValue(technical.login), password: new SecretValue(technical.password) },
      },
    ];
  });
}
