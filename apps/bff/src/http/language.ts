import type { Request } from 'express';
import type { Language } from '@pleiade/contracts';
import { pageLanguageOf } from '../auth/problem-page.js';
import { principalOf } from './guards.js';

/**
 * The language of the signed-in person's interface, as the SPA chooses it: the one they chose in
 * Pléiade, else their browser's (Accept-Language), else French. For what the BFF names on their
 * behalf (their first board).
 */
export function interfaceLanguageOf(req: Request): Language {
  return principalOf(req).language ?? pageLanguageOf(req);
}
