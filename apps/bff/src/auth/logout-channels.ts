import express, { Router, type Response } from 'express';
import * as jose from 'jose';
import type { Logger } from '../logger.js';
import type { OidcProvider } from './oidc.js';
import type { SessionIndex } from './session-index.js';

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** How old (or early) a logout token's iat may be. */
const LOGOUT_TOKEN_MAX_SKEW_S = 120;

export class LogoutTokenError extends Error {}

/**
 * Validates an OpenID Connect Back-Channel Logout 1.0 logout token: signature against the
 * provider's keys, iss, aud, typ, iat freshness, the logout event, sid and/or sub, no nonce, and a
 * jti not seen before.
 */
export async function verifyLogoutToken(
  token: string,
  providers: OidcProvider[],
  index: SessionIndex,
): Promise<{ provider: OidcProvider; sid?: string; sub?: string }> {
  let unverifiedIssuer: string | undefined;
  try {
    unverifiedIssuer = jose.decodeJwt(token).iss;
  } catch {
    throw new LogoutTokenError('jeton illisible');
  }
  const provider = providers.find((candidate) => candidate.settings.issuer === unverifiedIssuer);
  if (!provider) throw new LogoutTokenError('émetteur inconnu');
  const { payload, protectedHeader } = await jose
    .jwtVerify(token, await provider.jwks(), {
      issuer: provider.settings.issuer,
      audience: provider.settings.clientId,
      clockTolerance: LOGOUT_TOKEN_MAX_SKEW_S,
    })
    .catch((error: unknown) => {
      throw new LogoutTokenError(`signature ou revendications invalides (${(error as Error).message})`);
    });
  // Explicit typing (ASVS 5.0 10.5.5) keeps an ID token from being replayed as a logout token.
  if (protectedHeader.typ?.toLowerCase() !== 'logout+jwt') {
    throw new LogoutTokenError('typ invalide');
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.iat !== 'number' || Math.abs(now - payload.iat) > LOGOUT_TOKEN_MAX_SKEW_S) {
    throw new LogoutTokenError('iat absent ou trop ancien');
  }
  const events = payload.events as Record<string, unknown> | undefined;
  if (!events || typeof events[BACKCHANNEL_EVENT] !== 'object' || events[BACKCHANNEL_EVENT] === null) {
    throw new LogoutTokenError('événement de déconnexion absent');
  }
  if ('nonce' in payload) throw new LogoutTokenError('nonce interdit');
  const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
  const sub = typeof payload.sub === 'string' ? payload.sub : undefined;
  if (!sid && !sub) throw new LogoutTokenError('ni sid ni sub');
  if (typeof payload.jti !== 'string' || payload.jti === '') throw new LogoutTokenError('jti absent');
  const expiresAt = new Date(((payload.exp ?? payload.iat + LOGOUT_TOKEN_MAX_SKEW_S) + LOGOUT_TOKEN_MAX_SKEW_S) * 1000);
  if (!(await index.useLogoutToken(payload.jti, provider.settings.issuer, expiresAt))) {
    throw new LogoutTokenError('jeton déjà utilisé');
  }
  return { provider, ...(sid ? { sid } : {}), ...(sub ? { sub } : {}) };
}

/** Logout initiated by the provider: front-channel (iframe, GET) and back-channel (POST). */
export function logoutChannelRoutes(options: {
  providers: OidcProvider[];
  index: SessionIndex;
  logger: Logger;
}): Router {
  const { providers, index, logger } = options;
  const router = Router();
  const issuerOrigins = providers.map((provider) => new URL(provider.settings.issuer).origin).join(' ');

  const noStore = (res: Response) => res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });

  // Front-Channel Logout 1.0 is a GET by design (the provider's logout page loads it in an
  // iframe): the one state change on GET, framed only by the providers.
  router.get('/frontchannel-logout', async (req, res, next) => {
    noStore(res);
    res.removeHeader('X-Frame-Options');
    res.setHeader('Content-Security-Policy', `default-src 'none'; frame-ancestors ${issuerOrigins}`);
    const iss = typeof req.query.iss === 'string' ? req.query.iss : undefined;
    const sid = typeof req.query.sid === 'string' ? req.query.sid : undefined;
    const provider = iss
      ? providers.find((p) => p.settings.issuer === iss)
      : providers.length === 1
        ? providers[0]
        : undefined;
    if (!provider || !sid) {
      res.status(400).type('text').send('Paramètres iss et sid requis.');
      return;
    }
    try {
      // LemonLDAP::NG 2.16 puts the user id in sid: matched as a subject only where configured so.
      const ended = await index.endSessions(provider.settings.issuer, {
        sid,
        ...(provider.settings.frontChannelSidIsSubject ? { subject: sid } : {}),
      });
      logger.info({ provider: provider.settings.id, ended }, 'front-channel logout');
      res.type('html').send('<!doctype html><html lang="fr"><title>Déconnecté</title></html>');
    } catch (error) {
      next(error);
    }
  });

  router.post('/backchannel-logout', express.urlencoded({ extended: false, limit: '16kb' }), async (req, res, next) => {
    noStore(res);
    const token = (req.body as Record<string, unknown> | undefined)?.logout_token;
    if (typeof token !== 'string') {
      res.status(400).json({ error: 'invalid_request', error_description: 'logout_token manquant' });
      return;
    }
    try {
      const { provider, sid, sub } = await verifyLogoutToken(token, providers, index);
      const ended = await index.endSessions(provider.settings.issuer, { ...(sid ? { sid } : { subject: sub }) });
      logger.info({ provider: provider.settings.id, ended }, 'back-channel logout');
      res.status(200).end();
    } catch (error) {
      if (error instanceof LogoutTokenError) {
        logger.warn({ reason: error.message }, 'back-channel logout token refused');
        res.status(400).json({ error: 'invalid_request', error_description: error.message });
        return;
      }
      next(error);
    }
  });

  return router;
}
