import { Router } from 'express';
import {
  connectorIdParamsSchema,
  createConnectorRequestSchema,
  updateConnectorRequestSchema,
  type ConnectorListResponse,
} from '@pleiade/contracts';
import { principalOf, requireCollectiviteAdmin } from '../http/guards.js';
import { validated } from '../http/validate.js';
import {
  createConnector,
  deleteConnector,
  listConnectors,
  testConnector,
  updateConnector,
  type ConnectorServiceDeps,
} from './service.js';

/** /api/admin/connectors: the connectors of the administrator's own collectivité. */
export function connectorRoutes(deps: ConnectorServiceDeps): Router {
  const router = Router();
  const base = '/admin/connectors';
  const byId = `${base}/:connectorId`;
  router.get(base, requireCollectiviteAdmin, async (req, res) => {
    const body: ConnectorListResponse = { connectors: await listConnectors(deps, principalOf(req)) };
    res.json(body);
  });
  router.post(
    base,
    requireCollectiviteAdmin,
    validated({ body: createConnectorRequestSchema }, async ({ body }, req, res) => {
      res.status(201).json(await createConnector(deps, principalOf(req), body));
    }),
  );
  router.put(
    byId,
    requireCollectiviteAdmin,
    validated(
      { params: connectorIdParamsSchema, body: updateConnectorRequestSchema },
      async ({ params, body }, req, res) => {
        res.json(await updateConnector(deps, principalOf(req), params.connectorId, body));
      },
    ),
  );
  router.delete(
    byId,
    requireCollectiviteAdmin,
    validated({ params: connectorIdParamsSchema }, async ({ params }, req, res) => {
      await deleteConnector(deps, principalOf(req), params.connectorId);
      res.status(204).end();
    }),
  );
  router.post(
    `${byId}/test`,
    requireCollectiviteAdmin,
    validated({ params: connectorIdParamsSchema }, async ({ params }, req, res) => {
      res.json(await testConnector(deps, principalOf(req), params.connectorId));
    }),
  );
  return router;
}
