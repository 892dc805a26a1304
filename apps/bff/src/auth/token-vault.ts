import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** What the BFF keeps of the provider's tokens; never sent to the browser. */
export interface TokenSet {
  idToken?: string;
  accessToken?: string;
  refreshToken?: string;
  /** Epoch ms when the access token expires; undefined when the provider did not say. */
  accessTokenExpiresAt?: number;
}

const VERSION = 'v1';

/**
 * Seals token sets with AES-256-GCM before they go into the session store (PostgreSQL or Redis):
 * a leaked session table gives no usable token. The key is derived from SESSION_SECRET (HKDF), so
 * an operator has one secret to manage; changing it signs everyone out, as it already does.
 */
export class TokenVault {
  private readonly key: Buffer;

  constructor(sessionSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', sessionSecret, 'pleiade', 'pleiade-token-vault-v1', 32));
  }

  seal(tokens: TokenSet): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(tokens), 'utf8'), cipher.final()]);
    return [
      VERSION,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      body.toString('base64url'),
    ].join('.');
  }

  /** Undefined when the blob was tampered with or sealed with another key. */
  open(sealed: string): TokenSet | undefined {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || !body) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as TokenSet;
    } catch {
      return undefined;
    }
  }
}
