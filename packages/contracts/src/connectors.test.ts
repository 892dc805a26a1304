import { describe, expect, it } from 'vitest';
import {
  authModeProblem,
  authModesOf,
  CONNECTOR_AUTH_MODES,
  CONNECTOR_KINDS,
  createConnectorRequestSchema,
  parseConnectorOptions,
  updateConnectorRequestSchema,
} from './index.js';

const base = { kind: 'imap', label: 'Messagerie', baseUrl: 'https://mail.ville.fr/', authMode: 'service_account' };

describe('connector contracts', () => {
  it('accept every kind with defaults, and validate options per kind', () => {
    // CalDAV needs its calendar path, a news feed its feed's path: no default fits every server.
    for (const kind of CONNECTOR_KINDS.filter((k) => k !== 'caldav' && k !== 'news')) {
      const authMode = authModesOf(kind)[0];
      expect(createConnectorRequestSchema.safeParse({ ...base, kind, authMode }).success, kind).toBe(true);
    }
    expect(createConnectorRequestSchema.safeParse({ ...base, kind: 'caldav' }).error?.issues[0]?.path).toEqual([
      'options',
      'calendarPath',
    ]);
    expect(createConnectorRequestSchema.parse(base)).toMatchObject({
      options: {},
      secrets: {},
      allowPrivateNetworks: [],
      enabled: true,
    });
    const badPort = createConnectorRequestSchema.safeParse({ ...base, options: { port: 70000 } });
    expect(badPort.error?.issues[0]?.path).toEqual(['options', 'port']);
    expect(
      createConnectorRequestSchema.safeParse({ ...base, kind: 'jitsi', authMode: 'none', options: { jwtAppId: 'app' } })
        .success,
    ).toBe(true);
    expect(createConnectorRequestSchema.safeParse({ ...base, kind: 'nextcloud', options: { port: 1 } }).success).toBe(
      false,
    );
  });

  it('accept only the authentication modes each application can use', () => {
    for (const kind of CONNECTOR_KINDS) {
      for (const mode of CONNECTOR_AUTH_MODES) {
        expect(authModeProblem(kind, mode) === undefined, `${kind} ${mode}`).toBe(authModesOf(kind).includes(mode));
      }
    }
    expect(authModeProblem('zimbra', 'zimbra_preauth')).toBeUndefined();
    expect(authModeProblem('nextcloud', 'zimbra_preauth')).toMatch(/impossible pour Nextcloud/);
    const refused = createConnectorRequestSchema.safeParse({ ...base, authMode: 'none' });
    expect(refused.error?.issues.map((issue) => issue.path)).toEqual([['authMode']]);
    // Zimbra's AuthRequest takes no OpenID Connect token.
    expect(authModeProblem('zimbra', 'oidc_token')).toMatch(/impossible pour Zimbra/);
  });

  it('store only the secrets the application reads, whatever the mode', () => {
    const imap = { ...base, secrets: { username: 'maitre', password: 'x' } };
    expect(createConnectorRequestSchema.safeParse(imap).success).toBe(true);
    // A secret of another mode of the same application is kept (switching modes loses nothing).
    const jitsi = { ...base, kind: 'jitsi', authMode: 'none', secrets: { jwtSecret: 'x' } };
    expect(createConnectorRequestSchema.safeParse(jitsi).success).toBe(true);
    const typo = createConnectorRequestSchema.safeParse({ ...base, secrets: { passwd: 'x' } });
    expect(typo.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['secrets', 'passwd'], 'secret inconnu de Messagerie IMAP ; secrets possibles : username, password'],
    ]);
    const none = createConnectorRequestSchema.safeParse({
      ...base,
      kind: 'nextcloud',
      authMode: 'oidc_token',
      secrets: { asToken: 'x' },
    });
    expect(none.error?.issues[0]?.path).toEqual(['secrets', 'asToken']);
  });

  it('give each kind the options its connector reads, with defaults', () => {
    const options = (kind: (typeof CONNECTOR_KINDS)[number], value: Record<string, unknown>) =>
      parseConnectorOptions(kind, value);
    expect(options('imap', {}).data).toEqual({ port: 993, tls: 'implicit' });
    expect(options('imap', { host: 'imap.ville.fr', port: 143, tls: 'starttls' }).success).toBe(true);
    expect(options('imap', { tls: true }).success).toBe(false);
    expect(options('caldav', { calendarPath: '/{login}/agenda/' }).success).toBe(true);
    for (const calendarPath of ['agenda', '/{login}/../admin/', '/a?b', '/a#b']) {
      expect(options('caldav', { calendarPath }).success, calendarPath).toBe(false);
    }
    expect(options('matrix', { webClientUrl: 'https://chat.ville.fr', serverName: 'ville.fr' }).success).toBe(true);
    expect(options('matrix', { webClientUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(options('jitsi', { jwtAppId: 'pleiade' }).data).toEqual({ jwtAppId: 'pleiade', jwtAudience: 'jitsi' });
  });

  it('let every kind carry the token exchange audience and scope, and nothing unknown', () => {
    const auth = { tokenExchangeAudience: 'nextcloud', tokenExchangeScope: 'openid files' };
    for (const kind of CONNECTOR_KINDS) {
      const extra = kind === 'caldav' ? { calendarPath: '/{login}/' } : kind === 'news' ? { feedPath: '/rss.xml' } : {};
      const authMode = authModesOf(kind)[0];
      const parsed = createConnectorRequestSchema.safeParse({
        ...base,
        kind,
        authMode,
        options: { ...auth, ...extra },
      });
      expect(parsed.data?.options, kind).toMatchObject(auth);
      expect(
        createConnectorRequestSchema.safeParse({
          ...base,
          kind,
          options: { ...extra, tokenExchangeAudience: 'x'.repeat(201) },
        }).success,
        kind,
      ).toBe(false);
    }
  });

  it('take only absolute http(s) base URLs without credentials, query or fragment', () => {
    for (const baseUrl of ['https://cloud.ville.fr', 'http://10.0.0.5:8080/nextcloud/']) {
      expect(createConnectorRequestSchema.safeParse({ ...base, baseUrl }).success, baseUrl).toBe(true);
    }
    for (const baseUrl of [
      'cloud.ville.fr',
      '/nextcloud',
      'ftp://cloud.ville.fr/',
      'javascript:alert(1)',
      'https://u:p@cloud.ville.fr/',
      'https://cloud.ville.fr/#x',
      'https://cloud.ville.fr/?a=1',
    ]) {
      const parsed = createConnectorRequestSchema.safeParse({ ...base, baseUrl });
      expect(parsed.error?.issues[0]?.path, baseUrl).toEqual(['baseUrl']);
    }
  });

  it('let an update set, remove or keep secrets, and never change the kind', () => {
    expect(updateConnectorRequestSchema.parse({ secrets: { password: 'x', token: null } })).toEqual({
      secrets: { password: 'x', token: null },
    });
    expect(updateConnectorRequestSchema.safeParse({ kind: 'imap' }).success).toBe(false);
    expect(updateConnectorRequestSchema.safeParse({ secrets: { 'a b': 'x' } }).success).toBe(false);
  });
});
