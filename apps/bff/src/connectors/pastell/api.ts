import { z } from 'zod';
import { parisWallClockToIso, type ActionableItem } from '../actionable.js';
import { appLink, clip } from '../operation-kit.js';
import { pathOf, type UpstreamClient } from '../upstream-client.js';

/**
 * Pastell, REST API v2 (fact sheet: packages/simulators/src/pastell/README.md): entities,
 * their documents with the last state, counts per flow and state, flow names. Authentication:
 * the person's own account (Basic or their Pastell token, and Pastell keeps them to their
 * entities) or a technical account that sees every entity — then the entity selector must be
 * restricted by the BFF to the entities of the person's collectivités: `readPastellEntity`
 * refuses any other before calling Pastell.
 */

const API = '/api/v2';
export const DOCUMENTS_PER_ENTITY = 20;

export type PastellAuth = { type: 'basic'; username: string; password: string } | { type: 'bearer'; token: string };

function authorization(auth: PastellAuth): Record<string, string> {
  if (auth.type === 'bearer') return { authorization: `Bearer ${auth.token}` };
  return {
    authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`,
  };
}

/** Pastell ids: entity ids are integers (as strings), document ids short codes. */
const entityId = z.union([z.string().regex(/^\d{1,10}$/), z.number().int().nonnegative().transform(String)]);
const documentId = z.string().regex(/^[A-Za-z0-9]{1,32}$/);
const state = z.string().regex(/^[\w.:+=-]{1,100}$/);

const entities = z
  .array(
    z.object({
      id_e: entityId,
      denomination: z.string().max(500),
      entite_mere: entityId.optional(),
      is_active: z.boolean().optional(),
    }),
  )
  .max(10_000);
const documents = z
  .array(
    z.object({
      id_d: documentId,
      id_e: entityId,
      type: z.string().max(100),
      titre: z.string().max(5000).nullable().optional(),
      last_action: state,
      last_action_date: z.string().max(40),
    }),
  )
  .max(1000);
const flux = z.record(
  z.string().max(100),
  z.object({ nom: z.string().max(500), type: z.string().max(200).optional() }),
);
/** `{id_e: {flux: {type: {state: n}} | [], info}}`, or `[]` when there is nothing. */
const counts = z.union([
  z.array(z.never()).max(0),
  z.record(
    z.string(),
    z.object({
      flux: z.union([z.array(z.never()).max(0), z.record(z.string(), z.record(z.string(), z.number().int().min(0)))]),
    }),
  ),
]);

export interface PastellEntity {
  id: string;
  name: string;
  parentId: string | null;
}

export async function listPastellEntities(
  client: UpstreamClient,
  auth: PastellAuth,
  signal?: AbortSignal,
): Promise<PastellEntity[]> {
  const rows = await client.request({ path: `${API}/entite`, headers: authorization(auth), schema: entities, signal });
  return rows
    .filter((row) => row.is_active !== false)
    .map((row) => ({
      id: row.id_e,
      name: clip(row.denomination, 300),
      parentId: row.entite_mere && row.entite_mere !== '0' ? row.entite_mere : null,
    }));
}

/**
 * The entities a person may choose: those Pastell lists for the credential, kept to the ids the
 * BFF allows for the person's collectivités (connector configuration), never from the browser.
 */
export function pastellEntitiesForPerson(
  all: readonly PastellEntity[],
  allowedEntityIds: readonly string[],
): PastellEntity[] {
  const allowed = new Set(allowedEntityIds);
  return all.filter((entity) => allowed.has(entity.id));
}

/** Flow id → its French name. */
export async function listPastellFlux(client: UpstreamClient, auth: PastellAuth, signal?: AbortSignal) {
  const body = await client.request({ path: `${API}/flux`, headers: authorization(auth), schema: flux, signal });
  return new Map(Object.entries(body).map(([id, f]) => [id, clip(f.nom, 200)]));
}

/** The entity's documents, the latest state change first. */
export async function listPastellDocuments(
  client: UpstreamClient,
  auth: PastellAuth,
  entity: string,
  options: { limit: number; type?: string; lastState?: string; signal?: AbortSignal },
) {
  return client.request({
    path: `${API}${pathOf`/entite/${entity}/document`}`,
    query: {
      limit: Math.max(0, Math.floor(options.limit)),
      tri: 'date_dernier_etat',
      sens_tri: 'DESC',
      ...(options.type ? { type: options.type } : {}),
      ...(options.lastState ? { lastetat: options.lastState } : {}),
    },
    headers: authorization(auth),
    schema: documents,
    signal: options.signal,
  });
}

/** Documents of one entity per flow and last state. */
export async function countPastellDocuments(
  client: UpstreamClient,
  auth: PastellAuth,
  entity: string,
  signal?: AbortSignal,
): Promise<Map<string, Map<string, number>>> {
  const body = await client.request({
    path: `${API}/document/count`,
    query: { id_e: entity },
    headers: authorization(auth),
    schema: counts,
    signal,
  });
  const perFlux = Array.isArray(body) ? undefined : body[entity]?.flux;
  if (!perFlux || Array.isArray(perFlux)) return new Map();
  return new Map(Object.entries(perFlux).map(([type, byState]) => [type, new Map(Object.entries(byState))]));
}

/** Last states that mean "something went wrong" (Pastell's and its modules' error actions). */
const ERROR_STATES = new Set([
  'fatal-error',
  'tdt-error',
  'erreur-verif-tdt',
  'send-tdt-erreur',
  'erreur-verif-iparapheur',
  'rejet-iparapheur',
  'error-ged',
  'erreur-envoie-sae',
  'rejet-sae',
  'erreur-ack-sae',
]);

export function isPastellErrorState(lastAction: string): boolean {
  return ERROR_STATES.has(lastAction) || /(^|-)(erreur|error)(-|$)/.test(lastAction);
}

const STATE_LABELS: Record<string, string> = {
  creation: 'Créé',
  modification: 'En cours de rédaction',
  'send-iparapheur': 'Envoyé au parapheur',
  'recu-iparapheur': 'Signature récupérée',
  'recu-iparapheur-etat': 'Signature récupérée',
  'rejet-iparapheur': 'Signature refusée',
  'remord-iparapheur': 'Droit de remords exercé',
  'erreur-verif-iparapheur': 'Erreur du parapheur',
  'prepare-tdt': 'En cours d’envoi',
  'send-tdt': 'Transmis au contrôle de légalité',
  'document-transmis-tdt': 'Transmis au contrôle de légalité',
  'acquiter-tdt': 'Acquitté par la préfecture',
  'info-tdt': 'Terminé',
  'tdt-error': 'Erreur de télétransmission',
  'erreur-verif-tdt': 'Erreur de télétransmission',
  'send-tdt-erreur': 'Erreur de télétransmission',
  'annuler-tdt': 'Annulé',
  'annulation-tdt': 'Annulé',
  'send-ged': 'Versé en GED',
  'error-ged': 'Erreur de versement en GED',
  'send-cdg': 'Transmis au centre de gestion',
  envoi: 'En cours d’envoi',
  'envoi-mail': 'En cours d’envoi',
  reception: 'Reçu',
  'reception-partielle': 'Reçu en partie',
  termine: 'Terminé',
  'fatal-error': 'Erreur',
};

/** A French label for a last state: a known one, else "En erreur" or "En cours". */
export function pastellStateLabel(lastAction: string): string {
  return STATE_LABELS[lastAction] ?? (isPastellErrorState(lastAction) ? 'En erreur' : 'En cours');
}

export interface PastellDocumentView {
  id: string;
  title: string;
  flux: string;
  fluxLabel: string;
  state: string;
  stateLabel: string;
  inError: boolean;
  /** ISO 8601 UTC of the last state change, when readable. */
  changedAt: string | null;
  url: string | undefined;
}

export interface PastellEntityView {
  entity: PastellEntity;
  documents: PastellDocumentView[];
  /** Documents in an error state per flow (the sidebar's red badges), flows without error left out. */
  errorBadges: { flux: string; label: string; errors: number }[];
  items: ActionableItem[];
  appUrl: string | undefined;
}

/** A person asked for an entity outside their collectivités: refused before any upstream call. */
export class PastellEntityNotAllowedError extends Error {
  constructor() {
    super('Pastell entity not allowed for this person');
    this.name = 'PastellEntityNotAllowedError';
  }
}

const documentLink = (webUrl: string, entity: string, document: string) =>
  appLink(webUrl, `Document/detail?id_d=${encodeURIComponent(document)}&id_e=${encodeURIComponent(entity)}`);

/**
 * One entity of the person: its latest documents with their last state, error badges per flow,
 * and the documents in error as items. 4 calls (entities, documents, counts, flows).
 */
export async function readPastellEntity(
  client: UpstreamClient,
  auth: PastellAuth,
  options: {
    entityId: string;
    /** Entities of the person's collectivités (the BFF's configuration, never the browser). */
    allowedEntityIds: readonly string[];
    webUrl: string;
    limit?: number;
    signal?: AbortSignal;
  },
): Promise<PastellEntityView> {
  const { entityId, signal } = options;
  if (!options.allowedEntityIds.includes(entityId)) throw new PastellEntityNotAllowedError();
  const [all, rows, perFlux, fluxNames] = await Promise.all([
    listPastellEntities(client, auth, signal),
    listPastellDocuments(client, auth, entityId, { limit: options.limit ?? DOCUMENTS_PER_ENTITY, signal }),
    countPastellDocuments(client, auth, entityId, signal),
    listPastellFlux(client, auth, signal),
  ]);
  const entity = all.find((e) => e.id === entityId);
  // Listed for neither the credential nor the person: Pastell refused it or it does not exist.
  if (!entity) throw new PastellEntityNotAllowedError();
  const fluxLabel = (type: string) => fluxNames.get(type) ?? 'Autre flux';
  const views: PastellDocumentView[] = rows
    .filter((row) => row.id_e === entityId)
    .map((row) => {
      const inError = isPastellErrorState(row.last_action);
      return {
        id: row.id_d,
        title: clip(row.titre ?? ''),
        flux: clip(row.type, 100),
        fluxLabel: fluxLabel(row.type),
        state: row.last_action,
        stateLabel: pastellStateLabel(row.last_action),
        inError,
        changedAt: parisWallClockToIso(row.last_action_date) ?? null,
        url: documentLink(options.webUrl, entityId, row.id_d),
      };
    });
  const errorBadges = [...perFlux.entries()]
    .map(([type, byState]) => ({
      flux: clip(type, 100),
      label: fluxLabel(type),
      errors: [...byState.entries()].filter(([s]) => isPastellErrorState(s)).reduce((sum, [, n]) => sum + n, 0),
    }))
    .filter((badge) => badge.errors > 0)
    .sort((a, b) => b.errors - a.errors || a.label.localeCompare(b.label, 'fr'));
  const items: ActionableItem[] = views
    .filter((view) => view.inError)
    .map((view) => ({
      source: 'pastell',
      id: `document:${entityId}:${view.id}`,
      title: view.title,
      context: `${entity.name} — ${view.fluxLabel}`,
      status: view.stateLabel,
      dueAt: null,
      updatedAt: view.changedAt,
      urgent: true,
      url: view.url,
      concerns: { scope: 'entity', entityId, entityName: entity.name },
    }));
  return { entity, documents: views, errorBadges, items, appUrl: appLink(options.webUrl) };
}
