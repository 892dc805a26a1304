import { Router } from 'express';
import {
  dataSourceIdParamsSchema,
  dataSourcePreviewRequestSchema,
  dataSourceRequestSchema,
  widgetIdParamsSchema,
  wsdlRequestSchema,
  type DataSourceListResponse,
} from '@pleiade/contracts';
import type { TokenKeeper } from '../auth/session-layer.js';
import { principalOf, requireCollectiviteAdmin } from '../http/guards.js';
import { validated } from '../http/validate.js';
import { readerOf } from '../widget-data/routes.js';
import {
  createDataSource,
  deleteDataSource,
  listDataSourceChoices,
  listDataSources,
  previewDataSource,
  readIndicatorWidget,
  readServiceWsdl,
  updateDataSource,
  type DeclarativeDeps,
} from './service.js';

export interface DeclarativeRouteDeps extends DeclarativeDeps {
  tokens: TokenKeeper;
}

/**
 * Declarative data sources: their administration (`/api/admin/data-sources`, the collectivité's
 * administrators), the names members may choose from (`/api/data-sources`) and the indicator
 * widget's read (`/api/widgets/:widgetId/business-data`). The browser names a source or a widget,
 * never whose records are read.
 */
export function declarativeRoutes(deps: DeclarativeRouteDeps): Router {
  const router = Router();
  const base = '/admin/data-sources';
  const byId = `${base}/:dataSourceId`;
  router.get(base, requireCollectiviteAdmin, async (req, res) => {
    const body: DataSourceListResponse = { dataSources: await listDataSources(deps.db, principalOf(req)) };
    res.json(body);
  });
  router.post(
    `${base}/preview`,
    requireCollectiviteAdmin,
    validated({ body: dataSourcePreviewRequestSchema }, async ({ body }, req, res) => {
      res.json(await previewDataSource(deps, readerOf(req, deps.tokens), body));
    }),
  );
  router.post(
    `${base}/wsdl`,
    requireCollectiviteAdmin,
    validated({ body: wsdlRequestSchema }, async ({ body }, req, res) => {
      res.json(await readServiceWsdl(deps, readerOf(req, deps.tokens), body));
    }),
  );
  router.post(
    base,
    requireCollectiviteAdmin,
    validated({ body: dataSourceRequestSchema }, async ({ body }, req, res) => {
      res.status(201).json(await createDataSource(deps.db, principalOf(req), body));
    }),
  );
  router.put(
    byId,
    requireCollectiviteAdmin,
    validated(
      { params: dataSourceIdParamsSchema, body: dataSourceRequestSchema },
      async ({ params, body }, req, res) => {
        res.json(await updateDataSource(deps.db, principalOf(req), params.dataSourceId, body));
      },
    ),
  );
  router.delete(
    byId,
    requireCollectiviteAdmin,
    validated({ params: dataSourceIdParamsSchema }, async ({ params }, req, res) => {
      await deleteDataSource(deps.db, principalOf(req), params.dataSourceId);
      res.status(204).end();
    }),
  );
  router.get('/data-sources', async (req, res) => {
    res.json({ dataSources: await listDataSourceChoices(deps.db, principalOf(req)) });
  });
  router.get(
    '/widgets/:widgetId/business-data',
    validated({ params: widgetIdParamsSchema }, async ({ params }, req, res) => {
      const refresh = req.query.refresh === '1';
      res.json(await readIndicatorWidget(deps, readerOf(req, deps.tokens), params.widgetId, refresh));
    }),
  );
  return router;
}
