import { describe, expect, it } from 'vitest';
import { CONNECTOR_KINDS, createConnectorRequestSchema, updateConnectorRequestSchema } from './connectors.js';

const base = { kind: 'imap', label: 'Messagerie', baseUrl: 'https://mail.ville.fr/', authMode: 'service_account' };

describe('connector contracts', () => {
  it('accept every kind with defaults, and validate options per kind', () => {
    for (const kind of CONNECTOR_KINDS) {
      expect(createConnectorRequestSchema.safeParse({ ...base, kind }).success, kind).toBe(true);
    }
    expect(createConnectorRequestSchema.parse(base)).toMatchObject({
      options: {},
      secrets: {},
      allowPrivateNetworks: [],
      enabled: true,
    });
    const badPort = createConnectorRequestSchema.safeParse({ ...base, options: { port: 70000 } });
    expect(badPort.error?.issues[0]?.path).toEqual(['options', 'port']);
    expect(
      createConnectorRequestSchema.safeParse({ ...base, kind: 'jitsi', options: { jwtAppId: 'app' } }).success,
    ).toBe(true);
    expect(createConnectorRequestSchema.safeParse({ ...base, kind: 'nextcloud', options: { port: 1 } }).success).toBe(
      false,
    );
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
