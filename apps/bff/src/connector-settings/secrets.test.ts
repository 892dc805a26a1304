import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseKeyring, SecretBox, SecretOpenError, SecretValue } from '../connectors/secret-box.js';
import { openSecrets, sealSecrets } from './secrets.js';

const key = () => randomBytes(32).toString('base64');

describe('connector secrets at rest', () => {
  it('seal every named secret in one value bound to the instance', () => {
    const box = new SecretBox(parseKeyring(`k1:${key()}`));
    const id = randomUUID();
    const sealed = sealSecrets(box, id, { password: new SecretValue('mot-de-passe'), user: new SecretValue('svc') });
    expect(sealed).toMatch(/^sb1\.k1\./);
    expect(sealed).not.toContain('mot-de-passe');
    const opened = openSecrets(box, id, sealed);
    expect(Object.keys(opened).sort()).toEqual(['password', 'user']);
    expect(opened.password?.reveal()).toBe('mot-de-passe');
    expect(JSON.stringify(opened)).not.toContain('mot-de-passe');
    expect(() => openSecrets(box, randomUUID(), sealed)).toThrow(SecretOpenError);
    expect(sealSecrets(box, id, {})).toBeNull();
    expect(openSecrets(box, id, null)).toEqual({});
  });

  it('still open under the old key after rotation (CONNECTOR_KEYS="k2:…,k1:…"), and reseal under the new one', () => {
    const k1 = key();
    const k2 = key();
    const id = randomUUID();
    const sealed = sealSecrets(new SecretBox(parseKeyring(`k1:${k1}`)), id, { token: new SecretValue('abc') }) ?? '';
    const rotated = new SecretBox(parseKeyring(`k2:${k2},k1:${k1}`));
    expect(openSecrets(rotated, id, sealed).token?.reveal()).toBe('abc');
    expect(rotated.needsReencryption(sealed)).toBe(true);
    const resealed = rotated.reseal(sealed, `${id}:secrets`);
    expect(resealed).toMatch(/^sb1\.k2\./);
    expect(openSecrets(new SecretBox(parseKeyring(`k2:${k2}`)), id, resealed).token?.reveal()).toBe('abc');
  });
});
