import { Router } from 'express';
import { indicatorDefinitionSchema, indicatorHistoryQuerySchema, indicatorIdParamsSchema } from '@pleiade/contracts';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { principalOf, requireAllowed } from '../http/guards.js';
import { issuesToDetails, validated } from '../http/validate.js';
import {
  createDefinition,
  deleteDefinition,
  listDefinitions,
  listIndicators,
  listSources,
  readIndicator,
  updateDefinition,
} from './service.js';
import type { IndicatorSourceRegistry } from './source.js';

function historySizeOf(query: unknown): number {
  const parsed = indicatorHistoryQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'La requête est invalide.', issuesToDetails(parsed.error.issues, 'query'));
  }
  return parsed.data.history;
}

/**
 * Indicators. For every member of the collectivité (`indicator.read`, élus included): the list a
 * widget picks from, and one indicator's value, trend and history. For its administrators
 * (`collectivite.administerIndicators`): the sources offered and the definitions, each change
 * written to the audit log.
 */
export function indicatorRoutes(db: Db, sources: IndicatorSourceRegistry): Router {
  const router = Router();
  router.get('/indicators', async (req, res) => {
    res.json(await listIndicators(db, principalOf(req)));
  });
  router.get(
    '/indicators/:indicatorId',
    validated({ params: indicatorIdParamsSchema }, async ({ params }, req, res) => {
      res.json(await readIndicator(db, principalOf(req), params.indicatorId, historySizeOf(req.query)));
    }),
  );

  const administers = requireAllowed('collectivite.administerIndicators');
  router.get('/admin/indicator-sources', administers, async (req, res) => {
    res.json(await listSources(db, sources, principalOf(req)));
  });
  router.get('/admin/indicators', administers, async (req, res) => {
    res.json(await listDefinitions(db, sources, principalOf(req)));
  });
  router.post(
    '/admin/indicators',
    administers,
    validated({ body: indicatorDefinitionSchema }, async ({ body }, req, res) => {
      res.status(201).json(await createDefinition(db, sources, principalOf(req), body));
    }),
  );
  router.put(
    '/admin/indicators/:indicatorId',
    administers,
    validated(
      { params: indicatorIdParamsSchema, body: indicatorDefinitionSchema },
      async ({ params, body }, req, res) => {
        res.json(await updateDefinition(db, sources, principalOf(req), params.indicatorId, body));
      },
    ),
  );
  router.delete(
    '/admin/indicators/:indicatorId',
    administers,
    validated({ params: indicatorIdParamsSchema }, async ({ params }, req, res) => {
      await deleteDefinition(db, principalOf(req), params.indicatorId);
      res.status(204).end();
    }),
  );
  return router;
}
