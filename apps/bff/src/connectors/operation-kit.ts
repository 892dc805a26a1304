import type { UpstreamCredential } from './operation.js';
import { UpstreamError } from './states.js';

/**
 * What every connector's operations share to turn upstream payloads into contract data: links
 * made absolute and kept only when http(s), text bounded, instants normalised, HTTP credentials.
 */

const MAX_LINK_LENGTH = 4096;

/**
 * An upstream link made absolute against the application's base URL; undefined unless it is
 * http(s) (a `javascript:` or `data:` link from upstream data never reaches the browser).
 */
export function safeLink(raw: unknown, base: string | URL): string | undefined {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  return url.href.length <= MAX_LINK_LENGTH ? url.href : undefined;
}

/** A path under the base URL (which may itself have a path: `https://mairie.fr/nextcloud/`). */
export function appLink(baseUrl: string, path = ''): string | undefined {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const relative = path.replace(/^\/+/, '');
  return safeLink(relative === '' ? base : relative, base);
}

/** Upstream text cut to the contract's bound (whitespace collapsed), on a code point boundary. */
export function clip(value: unknown, max = 500): string {
  const text = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/** An instant as the contracts want it (ISO 8601 UTC); undefined when the upstream's is not one. */
export function isoInstant(value: Date | number | string | undefined | null): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The first http(s) link written in free text (an event's location or description). */
export function firstHttpLink(...texts: Array<string | null | undefined>): string | undefined {
  for (const text of texts) {
    if (!text) continue;
    for (const match of text.matchAll(/https?:\/\/[^\s<>"']+/gi)) {
      const link = safeLink(match[0].replace(/[.,;:!?)\]]+$/, ''), 'http://invalid/');
      if (link) return link;
    }
  }
  return undefined;
}

/** `Authorization` for HTTP upstreams that take Bearer or Basic. */
export function httpAuthorization(credential: UpstreamCredential): string {
  if (credential.type === 'bearer') return `Bearer ${credential.token}`;
  if (credential.type === 'basic') {
    return `Basic ${Buffer.from(`${credential.username}:${credential.password}`, 'utf8').toString('base64')}`;
  }
  throw new UpstreamError('not_configured', `CREDENTIAL_${credential.type.toUpperCase()}_UNSUPPORTED`);
}

/** The person's login at the upstream: the credential's when it names one, else the session's. */
export function upstreamLogin(credential: UpstreamCredential, sessionLogin: string): string {
  return credential.type === 'basic' ? credential.username : sessionLogin;
}
