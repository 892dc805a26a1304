import { describe, expect, it } from 'vitest';
import { isConnectorOfKind, parseConnectorRow, type ConnectorRow } from './connector-config.js';

const row = (overrides: Partial<ConnectorRow>): ConnectorRow => ({
  id: '0b8e6f0c-3a51-4e0e-8f43-6a2f1d9c7b11',
  kind: 'imap',
  label: 'Messagerie',
  baseUrl: 'https://webmail.mairie.test/',
  authMode: 'personal_secret',
  options: { port: 143 },
  allowPrivateNetworks: ['10.0.0.0/8'],
  updatedAt: new Date('2026-12-01T08:00:00Z'),
  ...overrides,
});

describe('a connector row parsed at the edge', () => {
  it('becomes typed settings of its kind, defaults applied', () => {
    const parsed = parseConnectorRow(row({}));
    expect(parsed).toEqual({
      ok: true,
      config: {
        id: '0b8e6f0c-3a51-4e0e-8f43-6a2f1d9c7b11',
        kind: 'imap',
        label: 'Messagerie',
        baseUrl: 'https://webmail.mairie.test/',
        authMode: 'personal_secret',
        options: { port: 143, tls: 'implicit' },
        allowPrivateNetworks: ['10.0.0.0/8'],
        updatedAt: new Date('2026-12-01T08:00:00Z'),
      },
    });
    if (!parsed.ok || !isConnectorOfKind(parsed.config, 'imap')) throw new Error('imap expected');
    // Typed by the kind's definition: a number, not unknown.
    expect(parsed.config.options.port + 1).toBe(144);
    expect(parseConnectorRow(row({ options: null }))).toMatchObject({ ok: true, config: { options: { port: 993 } } });
  });

  it('is refused, with the reason, when this version cannot use it', () => {
    expect(parseConnectorRow(row({ kind: 'fax' }))).toEqual({ ok: false, problem: 'UNKNOWN_KIND' });
    // A mode the kind does not offer (Zimbra never takes an OpenID Connect token), or no mode at all.
    expect(parseConnectorRow(row({ kind: 'zimbra', authMode: 'oidc_token', options: {} }))).toEqual({
      ok: false,
      problem: 'AUTH_MODE',
    });
    expect(parseConnectorRow(row({ authMode: 'basic' }))).toEqual({ ok: false, problem: 'AUTH_MODE' });
    expect(parseConnectorRow(row({ options: { port: 'imap' } }))).toEqual({ ok: false, problem: 'OPTIONS' });
    expect(parseConnectorRow(row({ options: { unknown: 1 } }))).toEqual({ ok: false, problem: 'OPTIONS' });
    expect(parseConnectorRow(row({ kind: 'caldav', options: {} }))).toEqual({ ok: false, problem: 'OPTIONS' });
  });
});
