import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  SecretBox,
  SecretConfigError,
  SecretOpenError,
  SecretValue,
  parseKeyring,
  redact,
  type ConnectorKey,
} from './secret-box.js';

const key = (id: string): ConnectorKey => ({ id, key: randomBytes(32) });
const env = (...keys: ConnectorKey[]) =>
  keys.map(({ id, key: bytes }) => `${id}:${bytes.toString('base64')}`).join(',');

const PREAUTH = '4e2816f16c44fab20ecdee39fb850c3b0bb54d03f1d8e073aaea376a4f407f0c';

describe('SecretBox', () => {
  it('round-trips a secret, sealed with a fresh IV each time', () => {
    const box = new SecretBox([key('k1')]);
    const sealed = box.seal(PREAUTH);
    expect(sealed).toMatch(/^sb1\.k1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(PREAUTH);
    expect(box.seal(PREAUTH)).not.toBe(sealed);
    expect(box.open(sealed).reveal()).toBe(PREAUTH);
    expect(box.open(box.seal('')).reveal()).toBe('');
  });

  it('refuses a tampered value, another key or another context', () => {
    const box = new SecretBox([key('k1')]);
    const sealed = box.seal(PREAUTH, 'zimbra-ville-a:preauthKey');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    const tampered = [...parts.slice(0, 4), body.toString('base64url')].join('.');
    expect(() => box.open(tampered, 'zimbra-ville-a:preauthKey')).toThrow(SecretOpenError);
    expect(() => box.open(sealed, 'zimbra-ville-b:preauthKey')).toThrow(SecretOpenError);
    expect(() => box.open(sealed.replace('sb1.k1.', 'sb1.k9.'), 'zimbra-ville-a:preauthKey')).toThrow(/k9/);
    expect(() => new SecretBox([{ id: 'k1', key: randomBytes(32) }]).open(sealed)).toThrow(SecretOpenError);
    for (const garbage of ['', 'plain', 'sb1.k1.a.b', `${sealed}.extra`]) {
      expect(() => box.open(garbage)).toThrow(SecretOpenError);
    }
    try {
      box.open(tampered);
    } catch (error) {
      expect(String(error)).not.toContain(PREAUTH);
    }
  });

  it('rotates keys: an old value opens with the keyring and is resealed under the current key', () => {
    const k1 = key('k1');
    const k2 = key('k2');
    const sealedWithK1 = new SecretBox([k1]).seal(PREAUTH, 'ctx');
    const rotated = SecretBox.fromEnv({ CONNECTOR_KEYS: env(k2, k1) });
    expect(rotated.currentKeyId).toBe('k2');
    expect(rotated.open(sealedWithK1, 'ctx').reveal()).toBe(PREAUTH);
    expect(rotated.needsReencryption(sealedWithK1)).toBe(true);
    const resealed = rotated.reseal(sealedWithK1, 'ctx');
    expect(resealed.startsWith('sb1.k2.')).toBe(true);
    expect(rotated.needsReencryption(resealed)).toBe(false);
    expect(rotated.reseal(resealed, 'ctx')).toBe(resealed);
    // Once k1 is dropped, only resealed values open.
    const afterRotation = new SecretBox([k2]);
    expect(afterRotation.open(resealed, 'ctx').reveal()).toBe(PREAUTH);
    expect(() => afterRotation.open(sealedWithK1, 'ctx')).toThrow(SecretOpenError);
    expect(rotated.needsReencryption('not sealed')).toBe(true);
  });
});

describe('keyring configuration', () => {
  const good = key('k1').key.toString('base64');

  it('accepts base64 and base64url keys, first = current', () => {
    const keys = parseKeyring(` k2:${randomBytes(32).toString('base64url')} , k1:${good}`);
    expect(keys.map(({ id }) => id)).toEqual(['k2', 'k1']);
  });

  it.each([
    [undefined, /CONNECTOR_KEYS is missing/],
    ['  ', /CONNECTOR_KEYS is missing/],
    [good, /CONNECTOR_KEYS: entry 1 needs a key id/],
    [
      `k1:${good},k2:${randomBytes(16).toString('base64')}`,
      /CONNECTOR_KEYS: entry 2 \("k2"\) decodes to 16 bytes instead of 32/,
    ],
    ['k1:not base64!', /CONNECTOR_KEYS: entry 1 \("k1"\) is not base64/],
    [`k1:${good},k1:${good}`, /repeats the key id "k1"/],
    [`bad id:${good}`, /entry 1 needs a key id/],
  ])('refuses %j with a message naming the variable', (value, message) => {
    expect(() => SecretBox.fromEnv({ CONNECTOR_KEYS: value })).toThrow(message);
  });

  it('never echoes key material and names the variable it was given', () => {
    const short = randomBytes(31).toString('base64');
    try {
      parseKeyring(`k1:${short}`, 'PLEIADE_CONNECTOR_KEYS');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SecretConfigError);
      expect(String(error)).toContain('PLEIADE_CONNECTOR_KEYS');
      expect(String(error)).not.toContain(short);
    }
  });
});

describe('secrets do not leak', () => {
  it('SecretValue masks itself in logs, strings and JSON', () => {
    const secret = new SecretValue(PREAUTH);
    expect(`${secret}`).toBe('[masqué]');
    expect(JSON.stringify({ secret })).toBe('{"secret":"[masqué]"}');
    expect(inspect({ secret })).not.toContain(PREAUTH);
    expect(secret.reveal()).toBe(PREAUTH);
  });

  it('redact() masks secret-looking keys, secret values and sealed values, deeply', () => {
    const box = new SecretBox([key('k1')]);
    const settings: Record<string, unknown> = {
      baseUrl: 'https://mail.mairie.fr',
      preauthKey: PREAUTH,
      oauth: { clientId: 'pleiade', clientSecret: 'cs-123', tokens: [{ access_token: 'at' }] },
      headers: { Authorization: 'Bearer at', 'x-other': 'kept' },
      appPassword: new SecretValue('pw'),
      stored: box.seal('pw'),
      limit: 7,
      emptyToken: null,
      when: new Date(0),
    };
    settings.self = settings;
    const safe = redact(settings);
    const text = inspect(safe, { depth: 10 });
    for (const leak of [PREAUTH, 'cs-123', "'at'", 'Bearer', 'sb1.']) expect(text).not.toContain(leak);
    expect(safe).toMatchObject({
      baseUrl: 'https://mail.mairie.fr',
      preauthKey: '[masqué]',
      oauth: { clientId: 'pleiade', clientSecret: '[masqué]', tokens: '[masqué]' },
      headers: { Authorization: '[masqué]', 'x-other': 'kept' },
      appPassword: '[masqué]',
      stored: '[masqué]',
      limit: 7,
      emptyToken: null,
    });
    expect((safe as { self: unknown }).self).toBe(safe);
    expect(settings.preauthKey).toBe(PREAUTH); // the original is untouched
  });
});
