/**
 * Who gets what, route by route: the expectations of access-matrix.test.ts, as plain data.
 *
 * Every route of the app (listed from the Express router) needs a row for every persona, and every
 * row must name a route of the app: adding a route without deciding who may call it fails the test.
 *
 * - `path` is the route pattern exactly as registered (mount paths joined); a regular-expression
 *   route is written as its source and gets a concrete `url` to request.
 * - `board` says whose board `:boardId` names: the board of the persona `agent` (default; everyone
 *   else must get 404, a board of another person or tenant does not exist for them) or the persona's
 *   own board. Routes with `:boardId` need both for every signed-in persona.
 * - PUT rows send the target board back unchanged at its current version (a valid save), PATCH rows
 *   its current name (a valid rename): a refusal can only come from access control. Refused calls
 *   are checked to change nothing. DELETE rows target a fresh board of the owner (the élu, who
 *   cannot create one, their own board).
 * - POST /api/boards sends a valid new board; PUT /api/me/home-board names the board of `agent`.
 * - POST /auth/* rows are sent as same-origin form posts with an empty body; POST /auth/logout runs
 *   last (it ends the session). A refused call (4xx) must leave a signed-in persona signed in.
 * - `requires: 'built-spa'`: the route exists only when apps/web/dist is built.
 */
export const PERSONAS = ['anonymous', 'agent', 'elu', 'admin', 'operator', 'agent-b'] as const;
export type Persona = (typeof PERSONAS)[number];
export type SignedInPersona = Exclude<Persona, 'anonymous'>;

/** Demo accounts (password `demo`) behind each persona, and who they must be once signed in. */
export const PERSONA_ACCOUNTS: Record<SignedInPersona, { username: string; role: string; collectivite: string }> = {
  agent: { username: 'agent', role: 'agent', collectivite: 'demo-a' },
  elu: { username: 'elu', role: 'elu', collectivite: 'demo-a' },
  admin: { username: 'admin', role: 'admin', collectivite: 'demo-a' },
  operator: { username: 'operateur', role: 'operator', collectivite: 'demo-a' },
  'agent-b': { username: 'agent-b', role: 'agent', collectivite: 'demo-b' },
};

export interface AccessRow {
  method: string;
  path: string;
  persona: Persona;
  status: number;
  board?: 'agent' | 'own';
  url?: string;
  requires?: 'built-spa';
}

const SPA = String.raw`/^\/(?!api\/|auth\/).*/`;
/** A widget id on no board. */
const WIDGET_URL = (action: 'data' | 'visio') => `/api/widgets/6f1c2d3e-4b5a-4c6d-8e7f-901234567890/${action}`;

export const ACCESS_MATRIX: readonly AccessRow[] = [
  // Probes: public, no session needed.
  { method: 'GET', path: '/healthz', persona: 'anonymous', status: 200 },
  { method: 'GET', path: '/healthz', persona: 'agent', status: 200 },
  { method: 'GET', path: '/healthz', persona: 'elu', status: 200 },
  { method: 'GET', path: '/healthz', persona: 'admin', status: 200 },
  { method: 'GET', path: '/healthz', persona: 'operator', status: 200 },
  { method: 'GET', path: '/healthz', persona: 'agent-b', status: 200 },
  { method: 'GET', path: '/readyz', persona: 'anonymous', status: 200 },
  { method: 'GET', path: '/readyz', persona: 'agent', status: 200 },
  { method: 'GET', path: '/readyz', persona: 'elu', status: 200 },
  { method: 'GET', path: '/readyz', persona: 'admin', status: 200 },
  { method: 'GET', path: '/readyz', persona: 'operator', status: 200 },
  { method: 'GET', path: '/readyz', persona: 'agent-b', status: 200 },

  // Sign-in pages.
  { method: 'GET', path: '/auth/problem.css', persona: 'anonymous', status: 200 },
  { method: 'GET', path: '/auth/problem.css', persona: 'agent', status: 200 },
  { method: 'GET', path: '/auth/problem.css', persona: 'elu', status: 200 },
  { method: 'GET', path: '/auth/problem.css', persona: 'admin', status: 200 },
  { method: 'GET', path: '/auth/problem.css', persona: 'operator', status: 200 },
  { method: 'GET', path: '/auth/problem.css', persona: 'agent-b', status: 200 },
  // Anonymous: off to the (single) provider; signed in: back to the SPA.
  { method: 'GET', path: '/auth/login', persona: 'anonymous', status: 302 },
  { method: 'GET', path: '/auth/login', persona: 'agent', status: 303 },
  { method: 'GET', path: '/auth/login', persona: 'elu', status: 303 },
  { method: 'GET', path: '/auth/login', persona: 'admin', status: 303 },
  { method: 'GET', path: '/auth/login', persona: 'operator', status: 303 },
  { method: 'GET', path: '/auth/login', persona: 'agent-b', status: 303 },
  // No sign-in in progress: the French "La connexion n’a pas abouti" page, for everyone.
  { method: 'GET', path: '/auth/callback', persona: 'anonymous', status: 400 },
  { method: 'GET', path: '/auth/callback', persona: 'agent', status: 400 },
  { method: 'GET', path: '/auth/callback', persona: 'elu', status: 400 },
  { method: 'GET', path: '/auth/callback', persona: 'admin', status: 400 },
  { method: 'GET', path: '/auth/callback', persona: 'operator', status: 400 },
  { method: 'GET', path: '/auth/callback', persona: 'agent-b', status: 400 },
  // Logout started by the provider. Without a (valid) iss/sid or logout token: refused, nothing ends.
  { method: 'GET', path: '/auth/frontchannel-logout', persona: 'anonymous', status: 400 },
  { method: 'GET', path: '/auth/frontchannel-logout', persona: 'agent', status: 400 },
  { method: 'GET', path: '/auth/frontchannel-logout', persona: 'elu', status: 400 },
  { method: 'GET', path: '/auth/frontchannel-logout', persona: 'admin', status: 400 },
  { method: 'GET', path: '/auth/frontchannel-logout', persona: 'operator', status: 400 },
  { method: 'GET', path: '/auth/frontchannel-logout', persona: 'agent-b', status: 400 },
  { method: 'POST', path: '/auth/backchannel-logout', persona: 'anonymous', status: 400 },
  { method: 'POST', path: '/auth/backchannel-logout', persona: 'agent', status: 400 },
  { method: 'POST', path: '/auth/backchannel-logout', persona: 'elu', status: 400 },
  { method: 'POST', path: '/auth/backchannel-logout', persona: 'admin', status: 400 },
  { method: 'POST', path: '/auth/backchannel-logout', persona: 'operator', status: 400 },
  { method: 'POST', path: '/auth/backchannel-logout', persona: 'agent-b', status: 400 },
  // Same-origin sign-out (cross-site: security.test.ts and auth.test.ts).
  { method: 'POST', path: '/auth/logout', persona: 'anonymous', status: 303 },
  { method: 'POST', path: '/auth/logout', persona: 'agent', status: 303 },
  { method: 'POST', path: '/auth/logout', persona: 'elu', status: 303 },
  { method: 'POST', path: '/auth/logout', persona: 'admin', status: 303 },
  { method: 'POST', path: '/auth/logout', persona: 'operator', status: 303 },
  { method: 'POST', path: '/auth/logout', persona: 'agent-b', status: 303 },

  // Identity and launcher.
  { method: 'GET', path: '/api/me', persona: 'anonymous', status: 401 },
  { method: 'GET', path: '/api/me', persona: 'agent', status: 200 },
  { method: 'GET', path: '/api/me', persona: 'elu', status: 200 },
  { method: 'GET', path: '/api/me', persona: 'admin', status: 200 },
  { method: 'GET', path: '/api/me', persona: 'operator', status: 200 },
  { method: 'GET', path: '/api/me', persona: 'agent-b', status: 200 },
  { method: 'GET', path: '/api/apps', persona: 'anonymous', status: 401 },
  { method: 'GET', path: '/api/apps', persona: 'agent', status: 200 },
  { method: 'GET', path: '/api/apps', persona: 'elu', status: 200 },
  { method: 'GET', path: '/api/apps', persona: 'admin', status: 200 },
  { method: 'GET', path: '/api/apps', persona: 'operator', status: 200 },
  { method: 'GET', path: '/api/apps', persona: 'agent-b', status: 200 },

  // Boards.
  { method: 'GET', path: '/api/boards/current', persona: 'anonymous', status: 401 },
  { method: 'GET', path: '/api/boards/current', persona: 'agent', status: 200 },
  { method: 'GET', path: '/api/boards/current', persona: 'elu', status: 200 },
  { method: 'GET', path: '/api/boards/current', persona: 'admin', status: 200 },
  { method: 'GET', path: '/api/boards/current', persona: 'operator', status: 200 },
  { method: 'GET', path: '/api/boards/current', persona: 'agent-b', status: 200 },
  { method: 'GET', path: '/api/boards/:boardId', board: 'agent', persona: 'anonymous', status: 401 },
  { method: 'GET', path: '/api/boards/:boardId', board: 'agent', persona: 'agent', status: 200 },
  { method: 'GET', path: '/api/boards/:boardId', board: 'agent', persona: 'elu', status: 404 },
  { method: 'GET', path: '/api/boards/:boardId', board: 'agent', persona: 'admin', status: 404 },
  { method: 'GET', path: '/api/boards/:boardId', board: 'agent', persona: 'operator', status: 404 },
  { method: 'GET', path: '/api/boards/:boardId', board: 'agent', persona: 'agent-b', status: 404 },
  { method: 'GET', path: '/api/boards/:boardId', board: 'own', persona: 'agent', status: 200 },
  { method: 'GET', path: '/api/boards/:boardId', board: 'own', persona: 'elu', status: 200 },
  { method: 'GET', path: '/api/boards/:boardId', board: 'own', persona: 'admin', status: 200 },
  { method: 'GET', path: '/api/boards/:boardId', board: 'own', persona: 'operator', status: 200 },
  { method: 'GET', path: '/api/boards/:boardId', board: 'own', persona: 'agent-b', status: 200 },
  { method: 'PUT', path: '/api/boards/:boardId', board: 'agent', persona: 'anonymous', status: 401 },
  { method: 'PUT', path: '/api/boards/:boardId', board: 'agent', persona: 'agent', status: 200 },
  { method: 'PUT', path: '/api/boards/:boardId', board: 'agent', persona: 'elu', status: 404 },
  { method: 'PUT', path: '/api/boards/:boardId', board: 'agent', persona: 'admin', status: 404 },
  { method: 'PUT', path: '/api/boards/:boardId', board: 'agent', persona: 'operator', status: 404 },
  { method: 'PUT', path: '/api/boards/:boardId', board: 'agent', persona: 'agent-b', status: 404 },
  { method: 'PUT', path: '/api/boards/:boardId', board: 'own', persona: 'agent', status: 200 },
  { method: 'PUT', path: '/api/boards/:boardId', board: 'own', persona: 'elu', status: 403 },
  { method: 'PUT', path: '/api/boards/:boardId', board: 'own', persona: 'admin', status: 200 },
  { method: 'PUT', path: '/api/boards/:boardId', board: 'own', persona: 'operator', status: 200 },
  { method: 'PUT', path: '/api/boards/:boardId', board: 'own', persona: 'agent-b', status: 200 },
  // A person's boards as tabs: their own, then those published for them. Élus create, rename, move
  // and delete none (403); someone else's board does not exist (404).
  { method: 'GET', path: '/api/boards', persona: 'anonymous', status: 401 },
  { method: 'GET', path: '/api/boards', persona: 'agent', status: 200 },
  { method: 'GET', path: '/api/boards', persona: 'elu', status: 200 },
  { method: 'GET', path: '/api/boards', persona: 'admin', status: 200 },
  { method: 'GET', path: '/api/boards', persona: 'operator', status: 200 },
  { method: 'GET', path: '/api/boards', persona: 'agent-b', status: 200 },
  { method: 'POST', path: '/api/boards', persona: 'anonymous', status: 401 },
  { method: 'POST', path: '/api/boards', persona: 'agent', status: 201 },
  { method: 'POST', path: '/api/boards', persona: 'elu', status: 403 },
  { method: 'POST', path: '/api/boards', persona: 'admin', status: 201 },
  { method: 'POST', path: '/api/boards', persona: 'operator', status: 201 },
  { method: 'POST', path: '/api/boards', persona: 'agent-b', status: 201 },
  { method: 'PATCH', path: '/api/boards/:boardId', board: 'agent', persona: 'anonymous', status: 401 },
  { method: 'PATCH', path: '/api/boards/:boardId', board: 'agent', persona: 'agent', status: 200 },
  { method: 'PATCH', path: '/api/boards/:boardId', board: 'agent', persona: 'elu', status: 404 },
  { method: 'PATCH', path: '/api/boards/:boardId', board: 'agent', persona: 'admin', status: 404 },
  { method: 'PATCH', path: '/api/boards/:boardId', board: 'agent', persona: 'operator', status: 404 },
  { method: 'PATCH', path: '/api/boards/:boardId', board: 'agent', persona: 'agent-b', status: 404 },
  { method: 'PATCH', path: '/api/boards/:boardId', board: 'own', persona: 'agent', status: 200 },
  { method: 'PATCH', path: '/api/boards/:boardId', board: 'own', persona: 'elu', status: 403 },
  { method: 'PATCH', path: '/api/boards/:boardId', board: 'own', persona: 'admin', status: 200 },
  { method: 'PATCH', path: '/api/boards/:boardId', board: 'own', persona: 'operator', status: 200 },
  { method: 'PATCH', path: '/api/boards/:boardId', board: 'own', persona: 'agent-b', status: 200 },
  { method: 'DELETE', path: '/api/boards/:boardId', board: 'agent', persona: 'anonymous', status: 401 },
  { method: 'DELETE', path: '/api/boards/:boardId', board: 'agent', persona: 'agent', status: 204 },
  { method: 'DELETE', path: '/api/boards/:boardId', board: 'agent', persona: 'elu', status: 404 },
  { method: 'DELETE', path: '/api/boards/:boardId', board: 'agent', persona: 'admin', status: 404 },
  { method: 'DELETE', path: '/api/boards/:boardId', board: 'agent', persona: 'operator', status: 404 },
  { method: 'DELETE', path: '/api/boards/:boardId', board: 'agent', persona: 'agent-b', status: 404 },
  { method: 'DELETE', path: '/api/boards/:boardId', board: 'own', persona: 'agent', status: 204 },
  { method: 'DELETE', path: '/api/boards/:boardId', board: 'own', persona: 'elu', status: 403 },
  { method: 'DELETE', path: '/api/boards/:boardId', board: 'own', persona: 'admin', status: 204 },
  { method: 'DELETE', path: '/api/boards/:boardId', board: 'own', persona: 'operator', status: 204 },
  { method: 'DELETE', path: '/api/boards/:boardId', board: 'own', persona: 'agent-b', status: 204 },
  // The home board: only a board the person may open (here the agent's: 404 for everyone else).
  { method: 'PUT', path: '/api/me/home-board', persona: 'anonymous', status: 401 },
  { method: 'PUT', path: '/api/me/home-board', persona: 'agent', status: 200 },
  { method: 'PUT', path: '/api/me/home-board', persona: 'elu', status: 404 },
  { method: 'PUT', path: '/api/me/home-board', persona: 'admin', status: 404 },
  { method: 'PUT', path: '/api/me/home-board', persona: 'operator', status: 404 },
  { method: 'PUT', path: '/api/me/home-board', persona: 'agent-b', status: 404 },

  // Connector settings: administrators of their own collectivité (the operator counts as one of
  // demo-a for now). Role before tenant: agents and élus get 403 whatever the connector.
  // POST sends {} (400 once allowed); :connectorId is a fresh connector of demo-a per row (see
  // access-matrix.test.ts); PUT {} changes nothing (200); the test refuses its private address (200, ok: false).
  { method: 'GET', path: '/api/admin/connectors', persona: 'anonymous', status: 401 },
  { method: 'GET', path: '/api/admin/connectors', persona: 'agent', status: 403 },
  { method: 'GET', path: '/api/admin/connectors', persona: 'elu', status: 403 },
  { method: 'GET', path: '/api/admin/connectors', persona: 'admin', status: 200 },
  { method: 'GET', path: '/api/admin/connectors', persona: 'operator', status: 200 },
  { method: 'GET', path: '/api/admin/connectors', persona: 'agent-b', status: 403 },
  { method: 'POST', path: '/api/admin/connectors', persona: 'anonymous', status: 401 },
  { method: 'POST', path: '/api/admin/connectors', persona: 'agent', status: 403 },
  { method: 'POST', path: '/api/admin/connectors', persona: 'elu', status: 403 },
  { method: 'POST', path: '/api/admin/connectors', persona: 'admin', status: 400 },
  { method: 'POST', path: '/api/admin/connectors', persona: 'operator', status: 400 },
  { method: 'POST', path: '/api/admin/connectors', persona: 'agent-b', status: 403 },
  { method: 'PUT', path: '/api/admin/connectors/:connectorId', persona: 'anonymous', status: 401 },
  { method: 'PUT', path: '/api/admin/connectors/:connectorId', persona: 'agent', status: 403 },
  { method: 'PUT', path: '/api/admin/connectors/:connectorId', persona: 'elu', status: 403 },
  { method: 'PUT', path: '/api/admin/connectors/:connectorId', persona: 'admin', status: 200 },
  { method: 'PUT', path: '/api/admin/connectors/:connectorId', persona: 'operator', status: 200 },
  { method: 'PUT', path: '/api/admin/connectors/:connectorId', persona: 'agent-b', status: 403 },
  { method: 'DELETE', path: '/api/admin/connectors/:connectorId', persona: 'anonymous', status: 401 },
  { method: 'DELETE', path: '/api/admin/connectors/:connectorId', persona: 'agent', status: 403 },
  { method: 'DELETE', path: '/api/admin/connectors/:connectorId', persona: 'elu', status: 403 },
  { method: 'DELETE', path: '/api/admin/connectors/:connectorId', persona: 'admin', status: 204 },
  { method: 'DELETE', path: '/api/admin/connectors/:connectorId', persona: 'operator', status: 204 },
  { method: 'DELETE', path: '/api/admin/connectors/:connectorId', persona: 'agent-b', status: 403 },
  { method: 'POST', path: '/api/admin/connectors/:connectorId/test', persona: 'anonymous', status: 401 },
  { method: 'POST', path: '/api/admin/connectors/:connectorId/test', persona: 'agent', status: 403 },
  { method: 'POST', path: '/api/admin/connectors/:connectorId/test', persona: 'elu', status: 403 },
  { method: 'POST', path: '/api/admin/connectors/:connectorId/test', persona: 'admin', status: 200 },
  { method: 'POST', path: '/api/admin/connectors/:connectorId/test', persona: 'operator', status: 200 },
  { method: 'POST', path: '/api/admin/connectors/:connectorId/test', persona: 'agent-b', status: 403 },

  // Connected widgets' data: only a widget of the person's own board exists for them. The rows name
  // a widget id that is on nobody's board (the demo collectivités have no connector here, so no
  // board has a connected widget): 404, the same answer as for another person's widget
  // (widget-data.test.ts checks that one).
  { method: 'GET', path: '/api/widgets/:widgetId/data', url: WIDGET_URL('data'), persona: 'anonymous', status: 401 },
  { method: 'GET', path: '/api/widgets/:widgetId/data', url: WIDGET_URL('data'), persona: 'agent', status: 404 },
  { method: 'GET', path: '/api/widgets/:widgetId/data', url: WIDGET_URL('data'), persona: 'elu', status: 404 },
  { method: 'GET', path: '/api/widgets/:widgetId/data', url: WIDGET_URL('data'), persona: 'admin', status: 404 },
  { method: 'GET', path: '/api/widgets/:widgetId/data', url: WIDGET_URL('data'), persona: 'operator', status: 404 },
  { method: 'GET', path: '/api/widgets/:widgetId/data', url: WIDGET_URL('data'), persona: 'agent-b', status: 404 },
  { method: 'POST', path: '/api/widgets/:widgetId/visio', url: WIDGET_URL('visio'), persona: 'anonymous', status: 401 },
  { method: 'POST', path: '/api/widgets/:widgetId/visio', url: WIDGET_URL('visio'), persona: 'agent', status: 404 },
  { method: 'POST', path: '/api/widgets/:widgetId/visio', url: WIDGET_URL('visio'), persona: 'elu', status: 404 },
  { method: 'POST', path: '/api/widgets/:widgetId/visio', url: WIDGET_URL('visio'), persona: 'admin', status: 404 },
  { method: 'POST', path: '/api/widgets/:widgetId/visio', url: WIDGET_URL('visio'), persona: 'operator', status: 404 },
  { method: 'POST', path: '/api/widgets/:widgetId/visio', url: WIDGET_URL('visio'), persona: 'agent-b', status: 404 },
  // The person's own links to the applications of their collectivité. PUT sends {} (400: the
  // secret is required); DELETE on the row's fresh connector of demo-a (auth mode none, not a
  // personal one) answers 400 in demo-a and 404 in demo-b, where it does not exist.
  { method: 'GET', path: '/api/me/connectors', persona: 'anonymous', status: 401 },
  { method: 'GET', path: '/api/me/connectors', persona: 'agent', status: 200 },
  { method: 'GET', path: '/api/me/connectors', persona: 'elu', status: 200 },
  { method: 'GET', path: '/api/me/connectors', persona: 'admin', status: 200 },
  { method: 'GET', path: '/api/me/connectors', persona: 'operator', status: 200 },
  { method: 'GET', path: '/api/me/connectors', persona: 'agent-b', status: 200 },
  { method: 'PUT', path: '/api/me/connectors/:connectorId/credential', persona: 'anonymous', status: 401 },
  { method: 'PUT', path: '/api/me/connectors/:connectorId/credential', persona: 'agent', status: 400 },
  { method: 'PUT', path: '/api/me/connectors/:connectorId/credential', persona: 'elu', status: 400 },
  { method: 'PUT', path: '/api/me/connectors/:connectorId/credential', persona: 'admin', status: 400 },
  { method: 'PUT', path: '/api/me/connectors/:connectorId/credential', persona: 'operator', status: 400 },
  { method: 'PUT', path: '/api/me/connectors/:connectorId/credential', persona: 'agent-b', status: 400 },
  { method: 'DELETE', path: '/api/me/connectors/:connectorId/credential', persona: 'anonymous', status: 401 },
  { method: 'DELETE', path: '/api/me/connectors/:connectorId/credential', persona: 'agent', status: 400 },
  { method: 'DELETE', path: '/api/me/connectors/:connectorId/credential', persona: 'elu', status: 400 },
  { method: 'DELETE', path: '/api/me/connectors/:connectorId/credential', persona: 'admin', status: 400 },
  { method: 'DELETE', path: '/api/me/connectors/:connectorId/credential', persona: 'operator', status: 400 },
  { method: 'DELETE', path: '/api/me/connectors/:connectorId/credential', persona: 'agent-b', status: 404 },

  // The SPA's index.html for any other path (client-side routing).
  { method: 'GET', path: SPA, url: '/', requires: 'built-spa', persona: 'anonymous', status: 200 },
  { method: 'GET', path: SPA, url: '/', requires: 'built-spa', persona: 'agent', status: 200 },
  { method: 'GET', path: SPA, url: '/', requires: 'built-spa', persona: 'elu', status: 200 },
  { method: 'GET', path: SPA, url: '/', requires: 'built-spa', persona: 'admin', status: 200 },
  { method: 'GET', path: SPA, url: '/', requires: 'built-spa', persona: 'operator', status: 200 },
  { method: 'GET', path: SPA, url: '/', requires: 'built-spa', persona: 'agent-b', status: 200 },
];
