import { z } from 'zod';
import { JsonSeal } from './json-seal.js';

/** What the BFF keeps of the provider's tokens; never sent to the browser. */
export interface TokenSet {
  idToken?: string;
  accessToken?: string;
  refreshToken?: string;
  /** Epoch ms when the access token expires; undefined when the provider did not say. */
  accessTokenExpiresAt?: number;
}

const tokenSetSchema = z.object({
  idToken: z.string().optional(),
  accessToken: z.string().optional(),
  refreshToken: z.string().optional(),
  accessTokenExpiresAt: z.number().optional(),
});

/**
 * Seals token sets with AES-256-GCM before they go into the session store (PostgreSQL or Redis):
 * a leaked session table gives no usable token. The key is derived from SESSION_SECRET (HKDF), so
 * an operator has one secret to manage; changing it signs everyone out, as it already does.
 */
export class TokenVault {
  private readonly seal_: JsonSeal;

  constructor(sessionSecret: string) {
    this.seal_ = new JsonSeal(sessionSecret, 'pleiade-token-vault-v1');
  }

  seal(tokens: TokenSet): string {
    return this.seal_.seal(tokens);
  }

  /** Undefined when the blob was tampered with or sealed with another key. */
  open(sealed: string): TokenSet | undefined {
    const parsed = tokenSetSchema.safeParse(this.seal_.open(sealed));
    return parsed.success ? (parsed.data satisfies TokenSet) : undefined;
  }
}
