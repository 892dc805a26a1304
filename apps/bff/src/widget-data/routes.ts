import { Router, type Request } from 'express';
import {
  connectorIdParamsSchema,
  personalCredentialRequestSchema,
  startVisioRequestSchema,
  widgetIdParamsSchema,
  type MyConnectorListResponse,
} from '@pleiade/contracts';
import { loginOf } from '../auth/identity.js';
import type { TokenKeeper } from '../auth/session-layer.js';
import { principalOf } from '../http/guards.js';
import { validated } from '../http/validate.js';
import {
  listMyConnectors,
  revokePersonalCredential,
  setPersonalCredential,
  type PersonalCredentialDeps,
} from './personal-credentials.js';
import { loadPrincipal } from '../auth/users.js';
import { prepareConnections, readWidgetData, startWidgetVisio, type Reader, type WidgetDataDeps } from './service.js';
import { todoRoutes } from '../todo/routes.js';

export interface WidgetDataRouteDeps extends WidgetDataDeps {
  tokens: TokenKeeper;
}

/** The person reading, from the session only: their principal, login and the provider's tokens. */
export function readerOf(req: Request, tokens: TokenKeeper): Reader {
  const principal = principalOf(req);
  return {
    principal,
    user: {
      userId: principal.userId,
      login: req.user?.login ?? loginOf({}, principal.email, principal.userId),
      email: principal.email,
      displayName: principal.displayName,
    },
    session: {
      sessionId: req.sessionID,
      providerId: req.user?.providerId,
      // Kept fresh by TokenKeeper's middleware earlier in the API chain.
      accessToken: tokens.read(req)?.accessToken,
    },
    // Read when something logs: the request's logger is made on first use (request-log.ts).
    get logger() {
      return req.log;
    },
  };
}

/** After a sign-in, in the background: the person's connections prepared (prepareConnections). */
export function prepareAtSignIn(deps: WidgetDataRouteDeps, req: Request): void {
  const userId = req.user?.userId;
  if (!userId) return;
  const session = {
    sessionId: req.sessionID,
    providerId: req.user?.providerId,
    accessToken: deps.tokens.read(req)?.accessToken,
  };
  const logger = req.log;
  loadPrincipal(deps.db, userId)
    .then(async (loaded) => {
      if (!loaded) return;
      const { login, ...principal } = loaded;
      const user = { userId, login, email: principal.email, displayName: principal.displayName };
      await prepareConnections(deps, { principal, user, session, logger });
    })
    .catch((error: unknown) => logger.warn({ err: error }, 'connections not prepared at sign-in'));
}

/**
 * Connected widgets' data (`/api/widgets/:widgetId/…`) and the person's own links to the
 * collectivité's applications (`/api/me/connectors`). Élus read their widgets' data too: their
 * read-only mode is about the board's layout.
 */
export function widgetDataRoutes(deps: WidgetDataRouteDeps): Router {
  const router = Router();
  const personal: PersonalCredentialDeps = { db: deps.db, box: deps.box, logger: deps.logger };

  router.get(
    '/widgets/:widgetId/data',
    validated({ params: widgetIdParamsSchema }, async ({ params }, req, res) => {
      // ?refresh=1: « Actualiser » / « Réessayer » in the widget read the application again.
      const refresh = req.query.refresh === '1';
      res.json(await readWidgetData(deps, readerOf(req, deps.tokens), params.widgetId, refresh));
    }),
  );
  router.post(
    '/widgets/:widgetId/visio',
    validated({ params: widgetIdParamsSchema, body: startVisioRequestSchema }, async ({ params, body }, req, res) => {
      res.json(await startWidgetVisio(deps, readerOf(req, deps.tokens), params.widgetId, body.roomName));
    }),
  );

  // « À traiter »: the person's actionable items across their applications, streamed.
  router.use(todoRoutes(deps, (req) => readerOf(req, deps.tokens)));

  router.get('/me/connectors', async (req, res) => {
    const body: MyConnectorListResponse = { connectors: await listMyConnectors(personal, principalOf(req)) };
    res.json(body);
  });
  const credential = '/me/connectors/:connectorId/credential';
  router.put(
    credential,
    validated(
      { params: connectorIdParamsSchema, body: personalCredentialRequestSchema },
      async ({ params, body }, req, res) => {
        const principal = principalOf(req);
        const updated = await setPersonalCredential(personal, principal, params.connectorId, body);
        // Reads cached under the previous secret are keyed by its version and no longer served.
        deps.exchanger.forget(principal.userId, params.connectorId);
        res.json(updated);
      },
    ),
  );
  router.delete(
    credential,
    validated({ params: connectorIdParamsSchema }, async ({ params }, req, res) => {
      const principal = principalOf(req);
      await revokePersonalCredential(personal, principal, params.connectorId);
      deps.exchanger.forget(principal.userId, params.connectorId);
      res.status(204).end();
    }),
  );
  return router;
}
