import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

/** The example file's dematerialisation connectors' secrets (S²low, i-delibRE, Pastell). */
const DEMAT_SECRETS = {
  S2LOW_USER: 's2low',
  S2LOW_PASSWORD: 's2low-password',
  S2LOW_CLIENT_CERT_PEM: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
  S2LOW_CLIENT_KEY_PEM: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----',
  IDELIBRE_API_TOKEN: 'idelibre-token',
  PASTELL_USER: 'pastell',
  PASTELL_PASSWORD: 'pastell-password',
};

describe('loadConfig', () => {
  it('runs on embedded defaults with no configuration', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      providers: [],
      seedDemo: true,
      devIdpPort: 3001,
    });
  });

  it('uses the real provider and database when configured, without the demo', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://pleiade@db/pleiade',
      OIDC_ISSUER: 'https://auth.example.fr',
      OIDC_CLIENT_ID: 'pleiade',
      OIDC_CLIENT_SECRET: 's3cret',
      PUBLIC_URL: 'https://bureau.example.fr/',
      SESSION_SECRET: 'x'.repeat(40),
      PORT: '8080',
    });
    expect(config.providers).toEqual([
      expect.objectContaining({
        id: 'default',
        issuer: 'https://auth.example.fr',
        clientId: 'pleiade',
        clientSecret: 's3cret',
        scopes: 'openid profile email groups',
        collectivites: undefined,
      }),
    ]);
    expect(config.publicUrl).toBe('https://bureau.example.fr');
    expect(config.port).toBe(8080);
    expect(config.seedDemo).toBe(false);
  });

  it('names every missing variable once OIDC is partly configured', () => {
    const problems = problemsOf({ OIDC_ISSUER: 'https://auth.example.fr' });
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'PUBLIC_URL', 'SESSION_SECRET']) {
      expect(
        problems.some((problem) => problem.startsWith(`${name} :`)),
        name,
      ).toBe(true);
    }
  });

  it('names each bad value and what it expects', () => {
    const problems = problemsOf({
      PORT: 'abc',
      DATABASE_URL: 'mysql://x',
      SESSION_SECRET: 'short',
      OIDC_ISSUER: 'ftp://x',
    });
    expect(problems.find((problem) => problem.startsWith('PORT'))).toMatch(/port/);
    expect(problems.find((problem) => problem.startsWith('DATABASE_URL'))).toMatch(/postgres/);
    expect(problems.find((problem) => problem.startsWith('SESSION_SECRET'))).toMatch(/32/);
    expect(problems.find((problem) => problem.startsWith('OIDC_ISSUER'))).toMatch(/http/);
  });

  it('refuses the demo IdP and the embedded database in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.some((problem) => problem.startsWith('OIDC_ISSUER'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('DATABASE_URL'))).toBe(true);
    expect(problems.find((problem) => problem.startsWith('CONNECTOR_KEYS'))).toMatch(/requise en production/);
  });

  it('reads the connector keyring, and names CONNECTOR_KEYS without its key material when it is bad', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ CONNECTOR_KEYS: `k2:${key},k1:${key}` }).connectorKeys?.map((entry) => entry.id)).toEqual([
      'k2',
      'k1',
    ]);
    expect(loadConfig({}).connectorKeys).toBeUndefined();
    const problem = problemsOf({ CONNECTOR_KEYS: 'k1:c2hvcnQ=' })[0] ?? '';
    expect(problem).toMatch(/^CONNECTOR_KEYS : trousseau de clés invalide/);
    expect(problem).not.toContain('c2hvcnQ');
  });

  it('accepts an http issuer only on this machine, and trusts proxies by count or address only', () => {
    const oidc = {
      OIDC_CLIENT_ID: 'a',
      OIDC_CLIENT_SECRET: 'b',
      PUBLIC_URL: 'http://localhost:3000',
      SESSION_SECRET: 'x'.repeat(40),
    };
    expect(loadConfig({ ...oidc, OIDC_ISSUER: 'http://auth.pleiade.localhost:8480' }).providers).toHaveLength(1);
    expect(problemsOf({ ...oidc, OIDC_ISSUER: 'http://sso.ville.example' })[0]).toMatch(/^OIDC_ISSUER : une URL https/);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.0.1.0/24' }).trustProxy).toEqual(['10.0.0.1', '10.0.1.0/24']);
    expect(problemsOf({ TRUST_PROXY: 'true' })[0]).toMatch(/^TRUST_PROXY : /);
  });

  it('keeps idle connections 65 s unless told otherwise, and names a bad HTTP_KEEP_ALIVE_SECONDS', () => {
    expect(loadConfig({}).keepAliveTimeoutMs).toBe(65_000);
    expect(loadConfig({ HTTP_KEEP_ALIVE_SECONDS: '120' }).keepAliveTimeoutMs).toBe(120_000);
    expect(problemsOf({ HTTP_KEEP_ALIVE_SECONDS: 'longtemps' })[0]).toMatch(/^HTTP_KEEP_ALIVE_SECONDS : un nombre/);
    expect(problemsOf({ HTTP_KEEP_ALIVE_SECONDS: '0' })[0]).toMatch(/^HTTP_KEEP_ALIVE_SECONDS : au moins 1 seconde/);
  });

  it('gives no operator role through OIDC_* unless its groups are named', () => {
    expect(loadConfig({}).defaultIdentity.roleGroups.operator).toEqual([]);
    expect(loadConfig({ ROLE_GROUP_OPERATOR: 'si-syndicat, dsi' }).defaultIdentity.roleGroups.operator).toEqual([
      'si-syndicat',
      'dsi',
    ]);
  });

  it('reads the collectivités to create', () => {
    expect(loadConfig({ COLLECTIVITES: 'venissieux=Vénissieux; givors=Ville de Givors' }).collectivites).toEqual([
      { slug: 'venissieux', name: 'Vénissieux' },
      { slug: 'givors', name: 'Ville de Givors' },
    ]);
    expect(problemsOf({ COLLECTIVITES: 'Vénissieux' })[0]).toMatch(/^COLLECTIVITES : une liste/);
  });

  it('reads a collectivité’s SIREN after its name, and refuses one with a wrong check digit', () => {
    expect(loadConfig({ COLLECTIVITES: 'lyon=Ville de Lyon=216901231;givors=Givors' }).collectivites).toEqual([
      { slug: 'lyon', name: 'Ville de Lyon', siren: '216901231' },
      { slug: 'givors', name: 'Givors' },
    ]);
    expect(problemsOf({ COLLECTIVITES: 'lyon=Ville de Lyon=216901232' })).toEqual([
      expect.stringMatching(/^COLLECTIVITES : 216901232 n’est pas un SIREN valide/),
    ]);
    expect(problemsOf({ COLLECTIVITES: 'lyon=Ville de Lyon=2169' })[0]).toMatch(/^COLLECTIVITES : une liste/);
  });

  it('keeps no metrics unless METRICS_PORT is set, and serves them on loopback by default', () => {
    expect(loadConfig({})).toMatchObject({ metricsPort: undefined, metricsHost: '127.0.0.1' });
    expect(loadConfig({ METRICS_PORT: '' }).metricsPort).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' })).toMatchObject({
      metricsPort: 9464,
      metricsHost: '0.0.0.0',
    });
    expect(problemsOf({ METRICS_PORT: 'neuf' }).join('\n')).toContain('METRICS_PORT');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', OIDC_ISSUER: '' }).providers).toEqual([]);
  });
});

describe('PLEIADE_CONFIG_FILE', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pleiade-config-'));
  const required = { PUBLIC_URL: 'https://bureau.example.fr', SESSION_SECRET: 'x'.repeat(40) };
  function withFile(content: unknown): Record<string, string> {
    const file = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(content));
    return { ...required, PLEIADE_CONFIG_FILE: file };
  }
  const lemonldap = {
    id: 'lemonldap',
    label: 'Compte de la Ville',
    issuer: 'http://auth.pleiade.localhost:8480',
    clientId: 'pleiade',
    clientSecretEnv: 'LEMONLDAP_SECRET',
    collectivites: ['venissieux', 'givors'],
    roles: { agent: ['agents'], elu: ['elus'], admin: ['admins-{collectivite}'] },
  };

  it('declares several providers bound to their collectivités, and the collectivités with their links', () => {
    const config = loadConfig({
      ...withFile({
        providers: [
          lemonldap,
          {
            ...lemonldap,
            id: 'lyon',
            label: 'Lyon',
            issuer: 'https://sso.lyon.example',
            clientSecret: 'inline',
            clientSecretEnv: undefined,
            collectivites: ['lyon'],
            claims: { collectivite: 'o', groups: 'memberOf' },
          },
        ],
        collectivites: [
          { slug: 'venissieux', name: 'Vénissieux', appLinks: [{ label: 'Fichiers', url: 'https://nc.example/' }] },
        ],
      }),
      LEMONLDAP_SECRET: 'from-env',
    });
    expect(config.providers.map((p) => [p.id, p.clientSecret, p.collectivites])).toEqual([
      ['lemonldap', 'from-env', ['venissieux', 'givors']],
      ['lyon', 'inline', ['lyon']],
    ]);
    expect(config.providers[1]?.identity).toEqual({
      collectiviteClaim: 'o',
      groupsClaim: 'memberOf',
      roleGroups: { agent: ['agents'], elu: ['elus'], admin: ['admins-{collectivite}'], operator: [] },
    });
    expect(config.collectivites[0]).toMatchObject({
      slug: 'venissieux',
      appLinks: [{ label: 'Fichiers', description: '', allowedGroups: [] }],
    });
    expect(config.seedDemo).toBe(false);
  });

  it('reads the same settings from a YAML file, comments included, and names a YAML mistake', () => {
    const yamlFile = (text: string) => {
      const file = path.join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
      writeFileSync(file, text);
      return { ...required, PLEIADE_CONFIG_FILE: file, LEMONLDAP_SECRET: 'from-env' };
    };
    const config = loadConfig(
      yamlFile(`# Vénissieux and Givors sign in through the town's LemonLDAP::NG
providers:
  - id: lemonldap
    label: Compte de la Ville
    issuer: http://auth.pleiade.localhost:8480
    clientId: pleiade
    clientSecretEnv: LEMONLDAP_SECRET
    collectivites: [venissieux, givors]
    roles:
      agent: [agents]
      elu: [elus]
      admin: ['admins-{collectivite}']
collectivites:
  - slug: venissieux
    name: Vénissieux
    appLinks:
      - { label: Fichiers, url: 'https://nc.example/' }
    connectors:
      - kind: business
        label: Gestion des temps
        baseUrl: https://gta.venissieux.example
        authMode: none
    dataSources:
      - name: Mes badgeages du jour
        connector: Gestion des temps
        preset: time-clockings-today
`),
    );
    expect(config.providers.map((p) => [p.id, p.clientSecret, p.collectivites])).toEqual([
      ['lemonldap', 'from-env', ['venissieux', 'givors']],
    ]);
    expect(config.collectivites[0]).toMatchObject({
      slug: 'venissieux',
      appLinks: [{ label: 'Fichiers', url: 'https://nc.example/' }],
      dataSources: [{ name: 'Mes badgeages du jour', connector: 'Gestion des temps' }],
    });
    expect(config.collectivites[0]?.dataSources?.[0]?.definition.request.protocol).toBe('soap');

    expect(problemsOf(yamlFile('providers:\n  - id: a\n  id: b\n  - ['))[0]).toMatch(
      /^PLEIADE_CONFIG_FILE : .*illisible/,
    );
    expect(problemsOf(yamlFile('providers: []\nproviders: []\n'))[0]).toMatch(/illisible/);
    expect(problemsOf(yamlFile('providers:\n  - id: lemonldap\n    issuer: nope\n')).join('\n')).toMatch(
      /providers\.0\.issuer/,
    );
  });

  it('names each bad field by its path in the file, and a missing secret by its variable', () => {
    const problems = problemsOf(withFile({ providers: [{ ...lemonldap, issuer: 'nope', roles: { chef: ['x'] } }] }));
    expect(problems.some((problem) => /providers\.0\.issuer/.test(problem))).toBe(true);
    expect(problems.some((problem) => /providers\.0\.roles/.test(problem))).toBe(true);
    expect(problemsOf(withFile({ providers: [lemonldap] }))).toEqual([expect.stringMatching(/^LEMONLDAP_SECRET : /)]);
    expect(problemsOf({ ...required, PLEIADE_CONFIG_FILE: path.join(dir, 'missing.json') })[0]).toMatch(/illisible/);
  });

  it('reads the example file of the documentation, connectors included, and names each missing secret', () => {
    const example = fileURLToPath(new URL('../../../config/pleiade.example.json', import.meta.url));
    const secrets = {
      OIDC_VILLE_EXEMPLE_SECRET: 'oidc',
      PROCONNECT_CLIENT_SECRET: 'pc',
      ZIMBRA_PREAUTH_KEY: 'a'.repeat(64),
      WATCHA_AS_TOKEN: 'as',
      JITSI_JWT_SECRET: 'jwt',
      INTRANET_USER: 'intranet',
      INTRANET_APP_PASSWORD: 'app-password',
      ...DEMAT_SECRETS,
    };
    const config = loadConfig({ ...required, PLEIADE_CONFIG_FILE: example, ...secrets });
    expect(config.connectorSeeds.map((seed) => [seed.kind, seed.authMode])).toEqual([
      ['zimbra', 'zimbra_preauth'],
      ['nextcloud', 'token_exchange'],
      ['matrix', 'service_account'],
      ['imap', 'personal_secret'],
      ['caldav', 'personal_secret'],
      ['jitsi', 'none'],
      ['nextcloud', 'service_account'],
      ['iparapheur', 'personal_secret'],
      ['s2low', 'service_account'],
      ['idelibre', 'service_account'],
      ['pastell', 'service_account'],
    ]);
    expect(config.connectorSeeds[0]?.secrets.preauthKey?.reveal()).toBe(secrets.ZIMBRA_PREAUTH_KEY);
    const problems = problemsOf({ ...required, PLEIADE_CONFIG_FILE: example, OIDC_VILLE_EXEMPLE_SECRET: 'oidc' });
    expect(problems).toHaveLength(6 + Object.keys(DEMAT_SECRETS).length);
    expect(problems.some((problem) => /ZIMBRA_PREAUTH_KEY/.test(problem))).toBe(true);
    expect(problems.some((problem) => /^PROCONNECT_CLIENT_SECRET : /.test(problem))).toBe(true);
  });

  it('reads the example’s ProConnect provider: scopes, acr_values, the collectivité’s SIREN and access rules', () => {
    const example = fileURLToPath(new URL('../../../config/pleiade.example.json', import.meta.url));
    const config = loadConfig({
      ...required,
      PLEIADE_CONFIG_FILE: example,
      OIDC_VILLE_EXEMPLE_SECRET: 'oidc',
      PROCONNECT_CLIENT_SECRET: 'pc',
      ZIMBRA_PREAUTH_KEY: 'a'.repeat(64),
      WATCHA_AS_TOKEN: 'as',
      JITSI_JWT_SECRET: 'jwt',
      INTRANET_USER: 'intranet',
      INTRANET_APP_PASSWORD: 'app-password',
      ...DEMAT_SECRETS,
    });
    const proconnect = config.providers.find((provider) => provider.id === 'proconnect');
    expect(proconnect).toMatchObject({
      issuer: 'https://auth.proconnect.gouv.fr/api/v2',
      clientSecret: 'pc',
      scopes: 'openid given_name usual_name email uid siret idp_id',
      collectivites: ['ville-exemple'],
      proconnect: {
        acrValues: ['eidas1'],
        userinfoSigningAlg: 'RS256',
        access: {
          'ville-exemple': {
            defaultRole: 'agent',
            people: { admin: ['dsi@ville-exemple.fr'], agent: [], operator: [] },
            identityProviders: undefined,
          },
        },
      },
    });
    expect(config.providers.find((provider) => provider.id === 'ville-exemple')?.proconnect).toBeUndefined();
    expect(config.collectivites[0]).toMatchObject({ slug: 'ville-exemple', siren: '219900040' });
  });

  it('names what is wrong in a ProConnect provider by its path', () => {
    const proconnect = {
      id: 'proconnect',
      type: 'proconnect',
      label: 'ProConnect',
      issuer: 'https://auth.proconnect.gouv.fr/api/v2',
      clientId: 'c',
      clientSecret: 's',
      access: { 'ville-a': { defaultRole: 'agent' } },
    };
    expect(loadConfig(withFile({ providers: [proconnect] })).providers[0]?.collectivites).toEqual(['ville-a']);
    const cases: [unknown, RegExp][] = [
      // A role above agent and élu is given by name, never to a whole collectivité.
      [
        { ...proconnect, access: { 'ville-a': { defaultRole: 'admin' } } },
        /providers\.0\.access\.ville-a\.defaultRole/,
      ],
      [
        { ...proconnect, access: { 'ville-a': { roles: { admin: ['pas-une-adresse'] } } } },
        /providers\.0\.access\.ville-a\.roles\.admin\.0 : une adresse/,
      ],
      [{ ...proconnect, access: {} }, /providers\.0\.access : au moins une collectivité/],
      // Group mapping belongs to ordinary providers: ProConnect sends no groups.
      [{ ...proconnect, roles: { agent: ['agents'] } }, /providers\.0 : .*roles/],
      [{ ...proconnect, userinfoSigningAlg: 'none' }, /providers\.0\.userinfoSigningAlg/],
    ];
    for (const [provider, expected] of cases) {
      expect(problemsOf(withFile({ providers: [provider] })).join('\n')).toMatch(expected);
    }
    const twice = withFile({
      providers: [proconnect],
      collectivites: [
        { slug: 'ville-a', name: 'A', siren: '216901231' },
        { slug: 'ville-b', name: 'B', siren: '216901231' },
      ],
    });
    expect(problemsOf(twice).join('\n')).toMatch(/collectivites : un même SIREN pour deux collectivités/);
    expect(
      problemsOf(
        withFile({ providers: [proconnect], collectivites: [{ slug: 'x', name: 'X', siren: '216901232' }] }),
      ).join('\n'),
    ).toMatch(/collectivites\.0\.siren : un SIREN valide/);
  });

  it('refuses OIDC_* variables together with a configuration file', () => {
    const problems = problemsOf({
      ...withFile({ providers: [lemonldap] }),
      LEMONLDAP_SECRET: 's',
      OIDC_ISSUER: 'https://x.example',
      OIDC_CLIENT_ID: 'a',
      OIDC_CLIENT_SECRET: 'b',
    });
    expect(problems.some((problem) => problem.startsWith('OIDC_ISSUER'))).toBe(true);
  });
});
