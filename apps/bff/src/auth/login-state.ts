import type { CookieOptions, Request, Response } from 'express';
import { z } from 'zod';
import { JsonSeal } from './json-seal.js';

/** How long a person has between leaving for the provider and coming back to the callback. */
export const LOGIN_STATE_TTL_MS = 10 * 60_000;

/** What the callback needs to finish a sign-in started by this browser. */
export interface LoginState {
  providerId: string;
  state: string;
  nonce: string;
  /** PKCE: the secret whose S256 hash went to the provider. */
  codeVerifier: string;
  /** Epoch ms; checked here, not only by the cookie's own Max-Age. */
  expiresAt: number;
}

const loginStateSchema = z.object({
  providerId: z.string().min(1).max(200),
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  codeVerifier: z.string().min(43).max(128),
  expiresAt: z.number(),
});

const CALLBACK_PATH = '/auth/callback';

/**
 * A sign-in in progress lives in one sealed (AES-256-GCM), HttpOnly cookie limited to the callback
 * path and to ten minutes — not in a server-side session: an anonymous visit to /auth/login stores
 * nothing. Read once at the callback, then cleared.
 */
export class LoginStateCookie {
  private readonly seal: JsonSeal;
  readonly name: string;
  private readonly options: CookieOptions;

  constructor(
    sessionSecret: string,
    secure: boolean,
    private readonly now: () => number = Date.now,
  ) {
    this.seal = new JsonSeal(sessionSecret, 'pleiade-login-state-v1');
    // __Secure- requires Secure; __Host- would require Path=/, wider than this cookie needs.
    this.name = secure ? '__Secure-pleiade-login' : 'pleiade.login';
    this.options = { httpOnly: true, sameSite: 'lax', secure, path: CALLBACK_PATH };
  }

  write(res: Response, state: Omit<LoginState, 'expiresAt'>): void {
    const value: LoginState = { ...state, expiresAt: this.now() + LOGIN_STATE_TTL_MS };
    res.cookie(this.name, this.seal.seal(value), { ...this.options, maxAge: LOGIN_STATE_TTL_MS });
  }

  /** The state this browser holds, unless absent, forged, sealed with another secret or expired. */
  read(req: Request): LoginState | undefined {
    const raw = cookieValue(req.headers.cookie, this.name);
    if (!raw) return undefined;
    const parsed = loginStateSchema.safeParse(this.seal.open(raw));
    if (!parsed.success || parsed.data.expiresAt <= this.now()) return undefined;
    return parsed.data;
  }

  clear(res: Response): void {
    res.clearCookie(this.name, this.options);
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}
