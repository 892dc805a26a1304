// Jitsi Meet simulator: `GET /<room>[?jwt=<token>]` answers the meeting page. With a JWT secret it
// checks the token as prosody's token authentication does (jitsi/lib-jitsi-meet doc/tokens.md):
// HS256 with the app secret, `iss` = the app id, `aud` accepted, `sub` = the domain or '*',
// `room` = the room name or '*', `exp` and optional `nbf`; every participant needs a token.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { htmlEscape, type AppHandler, type SimResponse } from '../http.js';

export interface JitsiJwtOptions {
  /** prosody `app_secret`. */
  secret: string;
  /** prosody `app_id`: the accepted `iss`. */
  appId: string;
  /** `asap_accepted_audiences`, default ['jitsi']. */
  audiences?: readonly string[];
}

export interface JitsiJoin {
  room: string;
  at: Date;
  /** `context.user.name` of the token, when there was one. */
  displayName?: string;
}

export interface JitsiOptions {
  now: () => Date;
  jwt?: JitsiJwtOptions;
}

export interface JitsiState {
  /** Rooms joined (pages served with 200), oldest first, at most the last 100. */
  joins(): readonly JitsiJoin[];
  clearJoins(): void;
}

/**
 * A room: one path segment without `/ ? & : ' "`, as jitsi-meet's nginx site matches it on the
 * decoded path (`location ~ ^/([^/?&:'"]+)$`); compared in lower case as the MUC does. Anything
 * else is not a meeting (404).
 */
const ROOM = /^\/([^/?&:'"]+)$/;

class TokenRefused extends Error {
  constructor(
    readonly status: 401 | 403,
    reason: string,
  ) {
    super(reason);
  }
}

function page(status: number, title: string, message: string): SimResponse {
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'",
      'cache-control': 'no-store',
    },
    body:
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${htmlEscape(title)}</title></head>` +
      `<body><h1>${htmlEscape(title)}</h1><p>${htmlEscape(message)}</p></body></html>`,
  };
}

function decodePart(part: string): Record<string, unknown> {
  const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
  return value as Record<string, unknown>;
}

/** The token's display name, or a refusal: 401 for a token that is not valid, 403 for another room. */
function verify(jwt: string, room: string, host: string, options: JitsiJwtOptions, now: Date): string | undefined {
  const [header, payload, signature, ...rest] = jwt.split('.');
  if (!header || !payload || signature === undefined || rest.length > 0) throw new TokenRefused(401, 'jeton mal formé');
  let head: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    head = decodePart(header);
    claims = decodePart(payload);
  } catch {
    throw new TokenRefused(401, 'jeton mal formé');
  }
  if (head.alg !== 'HS256') throw new TokenRefused(401, 'algorithme refusé');
  const expected = createHmac('sha256', options.secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new TokenRefused(401, 'signature invalide');
  }
  const seconds = Math.floor(now.getTime() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= seconds) throw new TokenRefused(401, 'jeton expiré');
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > seconds)) {
    throw new TokenRefused(401, 'jeton pas encore valide');
  }
  if (claims.iss !== options.appId) throw new TokenRefused(401, 'émetteur refusé');
  const audiences = options.audiences ?? ['jitsi'];
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.some((a) => typeof a === 'string' && audiences.includes(a))) throw new TokenRefused(401, 'audience refusée');
  const sub = typeof claims.sub === 'string' ? claims.sub.toLowerCase() : undefined;
  if (sub !== '*' && sub !== host.toLowerCase()) throw new TokenRefused(403, 'domaine non autorisé');
  const tokenRoom = typeof claims.room === 'string' ? claims.room.toLowerCase() : undefined;
  if (tokenRoom !== '*' && tokenRoom !== room) throw new TokenRefused(403, 'salle non autorisée');
  const context = claims.context as { user?: { name?: unknown } } | undefined;
  return typeof context?.user?.name === 'string' ? context.user.name : undefined;
}

export function createJitsiHandler(options: JitsiOptions): { handler: AppHandler; state: JitsiState } {
  const joins: JitsiJoin[] = [];

  const handler: AppHandler = (req, _body, baseUrl) => {
    const url = new URL(req.url ?? '/', baseUrl);
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      path = '';
    }
    const room = (ROOM.exec(path)?.[1] ?? '').toLowerCase();
    // Jitsi Meet's home page (the real one offers to start a meeting).
    if (url.pathname === '/' && req.method === 'GET')
      return page(200, 'Jitsi Meet', 'Démarrez ou rejoignez une visio.');
    if (!room || req.method !== 'GET') return page(404, 'Page introuvable', 'Cette adresse ne mène à aucune visio.');

    let displayName: string | undefined;
    if (options.jwt) {
      const jwt = url.searchParams.get('jwt');
      if (!jwt) return page(401, 'Authentification requise', 'Cette visio demande un jeton d’accès.');
      try {
        displayName = verify(jwt, room, new URL(baseUrl).hostname, options.jwt, options.now());
      } catch (err) {
        if (!(err instanceof TokenRefused)) throw err;
        return err.status === 401
          ? page(401, 'Authentification refusée', `Le jeton d’accès n’est pas valide (${err.message}).`)
          : page(403, 'Accès refusé', `Ce jeton ne donne pas accès à cette visio (${err.message}).`);
      }
    }
    joins.push({ room, at: options.now(), ...(displayName !== undefined ? { displayName } : {}) });
    if (joins.length > 100) joins.shift();
    return page(200, `Visio ${room}`, 'Vous avez rejoint la visio.');
  };

  return {
    handler,
    state: {
      joins: () => [...joins],
      clearJoins: () => {
        joins.length = 0;
      },
    },
  };
}
