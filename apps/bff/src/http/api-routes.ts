import { readFileSync } from 'node:fs';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import {
  CONNECTED_WIDGET_KINDS,
  appLinksResponseSchema,
  audienceSchema,
  boardWidgetSchema,
  sharedWidgetSchema,
  unavailableWidgetSchema,
  widgetInstanceSchema,
  applyTemplateUpdateRequestSchema,
  audienceListSchema,
  auditLogSchema,
  boardIdParamsSchema,
  boardListSchema,
  todoEventSchema,
  indicatorSummaryListSchema,
  indicatorIdParamsSchema,
  indicatorHistoryQuerySchema,
  indicatorReadingSchema,
  indicatorSourceListSchema,
  indicatorDefinitionListSchema,
  indicatorDefinitionSchema,
  indicatorDefinitionViewSchema,
  dataSourceListResponseSchema,
  dataSourcePreviewRequestSchema,
  wsdlRequestSchema,
  wsdlResponseSchema,
  declarativeReadResponseSchema,
  dataSourceRequestSchema,
  dataSourceSchema,
  dataSourceIdParamsSchema,
  dataSourceChoicesResponseSchema,
  indicatorWidgetResponseSchema,
  myAnnouncementsSchema,
  announcementIdParamsSchema,
  adminAnnouncementListSchema,
  announcementInputSchema,
  adminAnnouncementSchema,
  collectiviteLookSchema,
  updateLookRequestSchema,
  uploadLogoRequestSchema,
  adminAppLinksResponseSchema,
  adminAppLinkSchema,
  appLinkInputSchema,
  appLinkOrderRequestSchema,
  appLinkIdParamsSchema,
  installationViewSchema,
  boardRevisionListSchema,
  boardSchema,
  connectorIdParamsSchema,
  connectorListResponseSchema,
  connectorSchema,
  connectorTestResultSchema,
  createBoardRequestSchema,
  createConnectorRequestSchema,
  createSharedBoardRequestSchema,
  homeBoardRequestSchema,
  languageRequestSchema,
  meSchema,
  myConnectorListResponseSchema,
  myConnectorSchema,
  personalCredentialRequestSchema,
  restoreRevisionRequestSchema,
  revisionParamsSchema,
  saveBoardRequestSchema,
  saveSharedBoardRequestSchema,
  sharedBoardListSchema,
  sharedBoardSchema,
  startVisioRequestSchema,
  startVisioResponseSchema,
  templateUpdateSchema,
  updateBoardRequestSchema,
  updateConnectorRequestSchema,
  widgetDataResponseSchema,
  widgetIdParamsSchema,
} from '@pleiade/contracts';
import { openApiDocument, route, type RouteDescription } from './openapi.js';

/*
 * Every route of the app, described from its contracts for GET /api/openapi.json. ONE LINE PER
 * ROUTE: a route added to the app without its line here fails test/integration/openapi.test.ts
 * (which also checks that `params` and `body` are the very schemas its validated() uses).
 */

const probe = z.object({ status: z.string() });
const anyWidgetData = z.union(CONNECTED_WIDGET_KINDS.map((kind) => widgetDataResponseSchema(kind)));
const widgetDataQuery = z.object({ refresh: z.literal('1').optional() });
/** A board as a JSON document (« boards as code »), read by its own parser rather than a zod contract. */
const boardDocument = z.record(z.string(), z.unknown());
const backchannelLogout = z.object({ logout_token: z.string() });

/** A board's widget is parsed by code (to keep field paths); described by the schemas that code uses. */
const widgetAccess = { locked: z.boolean().default(false), audience: audienceSchema.default([]) };
const DESCRIBED_AS = new Map<z.ZodType, { name: string; shape: z.ZodType }>([
  [boardWidgetSchema, { name: 'BoardWidget', shape: z.union([widgetInstanceSchema, unavailableWidgetSchema]) }],
  [
    sharedWidgetSchema,
    {
      name: 'SharedWidget',
      shape: z.union([
        ...widgetInstanceSchema.options.map((option) => option.extend(widgetAccess)),
        unavailableWidgetSchema.extend(widgetAccess),
      ]),
    },
  ],
]);

export const API_ROUTES: readonly RouteDescription[] = [
  // Probes and this description: public.
  route('GET /healthz', 'Le processus répond', { response: probe, public: true }),
  route('GET /readyz', 'Prêt à servir (base joignable, migrations appliquées)', { response: probe, public: true }),
  route('GET /api/openapi.json', 'Cette description (OpenAPI 3.1)', {
    response: z.record(z.string(), z.unknown()),
    public: true,
  }),
  // Sign-in and sign-out (OpenID Connect).
  route('GET /auth/problem.css', 'Feuille de style des pages d’erreur de connexion', { produces: 'css', public: true }),
  route('GET /auth/login', 'Commence la connexion chez le fournisseur d’identité', {
    produces: 'redirect',
    public: true,
  }),
  route('GET /auth/callback', 'Retour du fournisseur d’identité', { produces: 'redirect', status: 303, public: true }),
  route('POST /auth/logout', 'Déconnexion (formulaire de la même origine)', { produces: 'redirect', status: 303 }),
  route('GET /auth/frontchannel-logout', 'Déconnexion demandée par le fournisseur (iframe)', {
    produces: 'html',
    public: true,
  }),
  route('POST /auth/backchannel-logout', 'Déconnexion demandée par le fournisseur (serveur à serveur)', {
    body: backchannelLogout,
    form: true,
    status: 200,
    public: true,
  }),
  // The person and their applications.
  route('GET /api/me', 'La personne connectée', { response: meSchema }),
  route('GET /api/apps', 'Les applications qu’elle peut ouvrir', { response: appLinksResponseSchema }),
  // Personal boards.
  route('GET /api/boards', 'Ses tableaux', { response: boardListSchema }),
  route('GET /api/todo/stream', 'Ce que la personne a à faire dans ses applications, source par source', {
    response: todoEventSchema,
    produces: 'ndjson',
  }),
  route('POST /api/boards', 'Crée un tableau', { body: createBoardRequestSchema, response: boardSchema, status: 201 }),
  route('GET /api/boards/current', 'Son tableau d’accueil', { response: boardSchema }),
  route('GET /api/boards/:boardId', 'Un tableau', { params: boardIdParamsSchema, response: boardSchema }),
  route('PUT /api/boards/:boardId', 'Enregistre un tableau', {
    params: boardIdParamsSchema,
    body: saveBoardRequestSchema,
    response: boardSchema,
  }),
  route('PATCH /api/boards/:boardId', 'Renomme un tableau', {
    params: boardIdParamsSchema,
    body: updateBoardRequestSchema,
    response: boardListSchema,
  }),
  route('DELETE /api/boards/:boardId', 'Supprime un tableau', { params: boardIdParamsSchema }),
  route('PUT /api/me/language', 'Choisit la langue de l’interface, gardée pour ses prochaines connexions', {
    body: languageRequestSchema,
  }),
  route('PUT /api/me/home-board', 'Choisit le tableau d’accueil', {
    body: homeBoardRequestSchema,
    response: boardListSchema,
  }),
  // Shared boards: kiosk, template updates.
  route('GET /api/kiosk/:boardId', 'Un tableau publié, en mode affichage', {
    params: boardIdParamsSchema,
    response: boardSchema,
  }),
  route('GET /api/boards/:boardId/template-update', 'La nouvelle version du modèle d’un tableau', {
    params: boardIdParamsSchema,
    response: templateUpdateSchema,
  }),
  route(
    'POST /api/boards/:boardId/template-update/merge',
    'Reprend la nouvelle version du modèle en gardant ses ajouts',
    {
      params: boardIdParamsSchema,
      body: applyTemplateUpdateRequestSchema,
      response: boardSchema,
    },
  ),
  route('POST /api/boards/:boardId/template-update/reset', 'Remplace le tableau par la nouvelle version du modèle', {
    params: boardIdParamsSchema,
    body: applyTemplateUpdateRequestSchema,
    response: boardSchema,
  }),
  // Administration of shared boards.
  route('GET /api/admin/boards', 'Les modèles et tableaux publiés de la collectivité', {
    response: sharedBoardListSchema,
  }),
  route('POST /api/admin/boards', 'Crée un modèle ou un tableau publié', {
    body: createSharedBoardRequestSchema,
    response: sharedBoardSchema,
    status: 201,
  }),
  route('GET /api/admin/boards/:boardId', 'Un modèle ou tableau publié', {
    params: boardIdParamsSchema,
    response: sharedBoardSchema,
  }),
  route('PUT /api/admin/boards/:boardId', 'Publie une nouvelle version', {
    params: boardIdParamsSchema,
    body: saveSharedBoardRequestSchema,
    response: sharedBoardSchema,
  }),
  route('DELETE /api/admin/boards/:boardId', 'Supprime un modèle ou tableau publié', { params: boardIdParamsSchema }),
  route('GET /api/admin/boards/:boardId/revisions', 'Ses versions', {
    params: boardIdParamsSchema,
    response: boardRevisionListSchema,
  }),
  route('POST /api/admin/boards/:boardId/revisions/:number/restore', 'Rétablit une version', {
    params: revisionParamsSchema,
    body: restoreRevisionRequestSchema,
    response: sharedBoardSchema,
  }),
  route('GET /api/admin/boards/:boardId/export', 'Exporte en document JSON', {
    params: boardIdParamsSchema,
    response: boardDocument,
  }),
  route('POST /api/admin/board-imports', 'Importe un document JSON', {
    body: boardDocument,
    response: sharedBoardSchema,
    status: 201,
  }),
  route('GET /api/admin/audiences', 'Les publics possibles (groupes)', { response: audienceListSchema }),
  route('GET /api/admin/audit-log', 'Le journal des actions d’administration', { response: auditLogSchema }),
  // Connectors (administration) and personal credentials.
  route('GET /api/admin/connectors', 'Les connecteurs de la collectivité', { response: connectorListResponseSchema }),
  route('POST /api/admin/connectors', 'Crée un connecteur', {
    body: createConnectorRequestSchema,
    response: connectorSchema,
    status: 201,
  }),
  route('PUT /api/admin/connectors/:connectorId', 'Modifie un connecteur', {
    params: connectorIdParamsSchema,
    body: updateConnectorRequestSchema,
    response: connectorSchema,
  }),
  route('DELETE /api/admin/connectors/:connectorId', 'Supprime un connecteur', { params: connectorIdParamsSchema }),
  route('POST /api/admin/connectors/:connectorId/test', 'Teste la connexion à l’application', {
    params: connectorIdParamsSchema,
    response: connectorTestResultSchema,
  }),
  route('GET /api/me/connectors', 'Les connecteurs demandant ses propres identifiants', {
    response: myConnectorListResponseSchema,
  }),
  route('PUT /api/me/connectors/:connectorId/credential', 'Enregistre son mot de passe d’application ou jeton', {
    params: connectorIdParamsSchema,
    body: personalCredentialRequestSchema,
    response: myConnectorSchema,
  }),
  route('DELETE /api/me/connectors/:connectorId/credential', 'Retire ses identifiants', {
    params: connectorIdParamsSchema,
  }),
  // Widget data.
  route('GET /api/widgets/:widgetId/data', 'Les données d’un widget (refresh=1 : relues à l’application)', {
    params: widgetIdParamsSchema,
    query: widgetDataQuery,
    response: anyWidgetData,
  }),
  route('POST /api/widgets/:widgetId/visio', 'Ouvre une visio', {
    params: widgetIdParamsSchema,
    body: startVisioRequestSchema,
    response: startVisioResponseSchema,
  }),
  // Each collectivité's look and launcher (issue 13).
  route('GET /api/look', 'Le nom, le logo et la couleur de sa collectivité', { response: collectiviteLookSchema }),
  route('GET /api/look/logo', 'Le logo de sa collectivité', { produces: 'image' }),
  route('PUT /api/admin/look', 'Change le nom et la couleur (contraste AA vérifié)', {
    body: updateLookRequestSchema,
    response: collectiviteLookSchema,
  }),
  route('PUT /api/admin/look/logo', 'Dépose le logo (PNG, JPEG ou WebP)', {
    body: uploadLogoRequestSchema,
    response: collectiviteLookSchema,
  }),
  route('DELETE /api/admin/look/logo', 'Retire le logo'),
  route('GET /api/admin/app-links', 'Les liens du lanceur', { response: adminAppLinksResponseSchema }),
  route('POST /api/admin/app-links', 'Ajoute un lien au lanceur', {
    body: appLinkInputSchema,
    response: adminAppLinkSchema,
    status: 201,
  }),
  route('PUT /api/admin/app-links/order', 'Range les liens du lanceur', {
    body: appLinkOrderRequestSchema,
    response: adminAppLinksResponseSchema,
  }),
  route('PUT /api/admin/app-links/:linkId', 'Modifie un lien du lanceur', {
    params: appLinkIdParamsSchema,
    body: appLinkInputSchema,
    response: adminAppLinkSchema,
  }),
  route('DELETE /api/admin/app-links/:linkId', 'Retire un lien du lanceur', { params: appLinkIdParamsSchema }),
  route('GET /api/operator/installation', 'Les collectivités de l’installation (opérateur)', {
    response: installationViewSchema,
  }),
  // Announcements (issue 11).
  route('GET /api/announcements', 'Les annonces qui la concernent', { response: myAnnouncementsSchema }),
  route('POST /api/announcements/:announcementId/dismiss', 'Ferme un bandeau pour soi', {
    params: announcementIdParamsSchema,
  }),
  route('GET /api/admin/announcements', 'Les annonces de la collectivité', { response: adminAnnouncementListSchema }),
  route('POST /api/admin/announcements', 'Publie une annonce', {
    body: announcementInputSchema,
    response: adminAnnouncementSchema,
    status: 201,
  }),
  route('PUT /api/admin/announcements/:announcementId', 'Modifie une annonce', {
    params: announcementIdParamsSchema,
    body: announcementInputSchema,
    response: adminAnnouncementSchema,
  }),
  route('DELETE /api/admin/announcements/:announcementId', 'Retire une annonce', {
    params: announcementIdParamsSchema,
  }),
  // Declarative data sources of business applications (issue 11).
  route('GET /api/admin/data-sources', 'Les données métier de la collectivité', {
    response: dataSourceListResponseSchema,
  }),
  route('POST /api/admin/data-sources/preview', 'Aperçu d’une donnée métier sur les données réelles', {
    body: dataSourcePreviewRequestSchema,
    response: declarativeReadResponseSchema,
  }),
  route('POST /api/admin/data-sources/wsdl', 'Les opérations SOAP d’un service, lues dans son WSDL', {
    body: wsdlRequestSchema,
    response: wsdlResponseSchema,
  }),
  route('POST /api/admin/data-sources', 'Enregistre une donnée métier', {
    body: dataSourceRequestSchema,
    response: dataSourceSchema,
    status: 201,
  }),
  route('PUT /api/admin/data-sources/:dataSourceId', 'Modifie une donnée métier', {
    params: dataSourceIdParamsSchema,
    body: dataSourceRequestSchema,
    response: dataSourceSchema,
  }),
  route('DELETE /api/admin/data-sources/:dataSourceId', 'Retire une donnée métier', {
    params: dataSourceIdParamsSchema,
  }),
  route('GET /api/data-sources', 'Les données métier à afficher', { response: dataSourceChoicesResponseSchema }),
  route('GET /api/widgets/:widgetId/business-data', 'Une donnée métier lue pour la personne', {
    params: widgetIdParamsSchema,
    query: widgetDataQuery,
    response: indicatorWidgetResponseSchema,
  }),
  // Indicators with history (issue 11).
  route('GET /api/indicators', 'Les indicateurs de sa collectivité', { response: indicatorSummaryListSchema }),
  route('GET /api/indicators/:indicatorId', 'Un indicateur : valeur, évolution, seuil et historique', {
    params: indicatorIdParamsSchema,
    query: indicatorHistoryQuerySchema,
    response: indicatorReadingSchema,
  }),
  route('GET /api/admin/indicator-sources', 'Les sources d’indicateurs', { response: indicatorSourceListSchema }),
  route('GET /api/admin/indicators', 'Les définitions d’indicateurs', { response: indicatorDefinitionListSchema }),
  route('POST /api/admin/indicators', 'Crée un indicateur', {
    body: indicatorDefinitionSchema,
    response: indicatorDefinitionViewSchema,
    status: 201,
  }),
  route('PUT /api/admin/indicators/:indicatorId', 'Modifie un indicateur', {
    params: indicatorIdParamsSchema,
    body: indicatorDefinitionSchema,
    response: indicatorDefinitionViewSchema,
  }),
  route('DELETE /api/admin/indicators/:indicatorId', 'Retire un indicateur', { params: indicatorIdParamsSchema }),
];

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
let served: string | undefined;

/** GET /api/openapi.json: the description, generated once (on first request) from the contracts. */
export const serveOpenApi: RequestHandler = (_req, res) => {
  served ??= JSON.stringify(openApiDocument(API_ROUTES, { version, describedAs: DESCRIBED_AS }));
  res.set('Cache-Control', 'no-cache').type('json').send(served);
};
