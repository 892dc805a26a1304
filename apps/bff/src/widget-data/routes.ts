import { Router, type Request } from 'express';
import {
  connectorIdParamsSchema,
  personalCredentialRequestSchema,
  startVisioRequestSchema,
  widgetIdParamsSchema,
  type MyConnectorListResponse,
  type PersonalCredentialRequest,
  type StartVisioRequest,
} from '@pleiade/contracts';
import { loginOf } from '../auth/identity.js';
import type { TokenKeeper } from '../auth/session-layer.js';
import { principalOf } from '../http/guards.js';
import { validate } from '../http/validate.js';
import {
  listMyConnectors,
  revokePersonalCredential,
  setPersonalCredential,
  type PersonalCredentialDeps,
} from './personal-credentials.js';
import { readWidgetData, startWidgetVisio, type Reader, type WidgetDataDeps } from './service.js';

export interface WidgetDataRouteDeps extends WidgetDataDeps {
  tokens: TokenKeeper;
}

/** The person reading, from the session only: their principal, login and the provider's tokens. */
function readerOf(req: Request, tokens: TokenKeeper): Reader {
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
    logger: req.log,
  };
}

/**
 * Connected widgets' data (`/api/widgets/:widgetId/…`) and the person's own links to the
 * collectivité's applications (`/api/me/connectors`). Élus read their widgets' data too: their
 * read-only mode is about the board's layout.
 */
export function widgetDataRoutes(deps: WidgetDataRouteDeps): Router {
  const router = Router();
  const personal: PersonalCredentialDeps = { db: deps.db, box: deps.box, logger: deps.logger };

  router.get('/widgets/:widgetId/data', validate('params', widgetIdParamsSchema), async (req, res) => {
    // ?refresh=1: « Actualiser » / « Réessayer » in the widget read the application again.
    const refresh = req.query.refresh === '1';
    res.json(await readWidgetData(deps, readerOf(req, deps.tokens), String(req.params.widgetId), refresh));
  });
  router.post(
    '/widgets/:widgetId/visio',
    validate('params', widgetIdParamsSchema),
    validate('body', startVisioRequestSchema),
    async (req, res) => {
      const body = req.body as StartVisioRequest;
      res.json(await startWidgetVisio(deps, readerOf(req, deps.tokens), String(req.params.widgetId), body.roomName));
    },
  );

  router.get('/me/connectors', async (req, res) => {
    const body: MyConnectorListResponse = { connectors: await listMyConnectors(personal, principalOf(req)) };
    res.json(body);
  });
  const credential = '/me/connectors/:connectorId/credential';
  router.put(
    credential,
    validate('params', connectorIdParamsSchema),
    validate('body', personalCredentialRequestSchema),
    async (req, res) => {
      const principal = principalOf(req);
      const connectorId = String(req.params.connectorId);
      const updated = await setPersonalCredential(
        personal,
        principal,
        connectorId,
        req.body as PersonalCredentialRequest,
      );
      // Reads cached under the previous secret are keyed by its version and no longer served.
      deps.exchanger.forget(principal.userId, connectorId);
      res.json(updated);
    },
  );
  router.delete(credential, validate('params', connectorIdParamsSchema), async (req, res) => {
    const principal = principalOf(req);
    const connectorId = String(req.params.connectorId);
    await revokePersonalCredential(personal, principal, connectorId);
    deps.exchanger.forget(principal.userId, connectorId);
    res.status(204).end();
  });
  return router;
}
