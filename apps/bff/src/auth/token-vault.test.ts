import { describe, expect, it } from 'vitest';
import { TokenVault } from './token-vault.js';

describe('TokenVault', () => {
  const vault = new TokenVault('a'.repeat(40));
  const tokens = {
    idToken: 'eyJ.id',
    accessToken: 'at-123',
    refreshToken: 'rt-456',
    accessTokenExpiresAt: 1_800_000_000_000,
  };

  it('gives back what it sealed, and the sealed text shows none of it', () => {
    const sealed = vault.seal(tokens);
    expect(vault.open(sealed)).toEqual(tokens);
    for (const secret of ['eyJ.id', 'at-123', 'rt-456']) expect(sealed).not.toContain(secret);
    expect(vault.seal(tokens)).not.toBe(sealed); // a fresh IV each time
  });

  it('refuses a tampered blob or another key', () => {
    const sealed = vault.seal(tokens);
    const [version, iv, tag, body = ''] = sealed.split('.');
    const flipped = `${version}.${iv}.${tag}.${body.slice(0, -2)}${body.endsWith('A') ? 'B' : 'A'}${body.slice(-1)}`;
    expect(vault.open(flipped)).toBeUndefined();
    expect(new TokenVault('b'.repeat(40)).open(sealed)).toBeUndefined();
    expect(vault.open('garbage')).toBeUndefined();
  });
});
