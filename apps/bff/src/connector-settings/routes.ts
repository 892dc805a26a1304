import { Router } from 'express';
import {
  connectorIdParamsSchema,
  createConnectorRequestSchema,
  updateConnectorRequestSchema,
  type ConnectorListResponse,
  type CreateConnectorRequest,
  type UpdateConnectorRequest,
} from '@pleiade/contracts';
import { principalOf, requireCollectiviteAdmin } from '../http/guards.js';
import { validate } from '../http/validate.js';
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
  router.post(base, requireCollectiviteAdmin, validate('body', createConnectorRequestSchema), async (req, res) => {
    res.status(201).json(await createConnector(deps, principalOf(req), req.body as CreateConnectorRequest));
  });
  router.put(
    byId,
    requireCollectiviteAdmin,
    validate('params', connectorIdParamsSchema),
    validate('body', updateConnectorRequestSchema),
    async (req, res) => {
      const body = req.body as UpdateConnectorRequest;
      res.json(await updateConnector(deps, principalOf(req), String(req.params.connectorId), body));
    },
  );
  router.delete(byId, requireCollectiviteAdmin, validate('params', connectorIdParamsSchema), async (req, res) => {
    await deleteConnector(deps, principalOf(req), String(req.params.connectorId));
    res.status(204).end();
  });
  router.post(
    `${byId}/test`,
    requireCollectiviteAdmin,
    validate('params', connectorIdParamsSchema),
    async (req, res) => {
      res.json(await testConnector(deps, principalOf(req), String(req.params.connectorId)));
    },
  );
  return router;
}
