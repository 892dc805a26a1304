import type { DeclarativeData, DeclarativeDefinition } from '@pleiade/contracts';
import { z } from 'zod';
import { httpAuthorization } from '../connectors/operation-kit.js';
import type { UpstreamCredential } from '../connectors/operation.js';
import { UpstreamError, failureMessage, toFailureState, type FailureStatus } from '../connectors/states.js';
import type { UpstreamClient } from '../connectors/upstream-client.js';
import { MAPPING_MESSAGES, mapAnswer } from './mapping.js';
import { buildHttpRead, soapAnswerToJson, type PersonClaims } from './request.js';

/**
 * One read of a declarative data source, the « number source » an indicator scheduler can call:
 * given a connector's client (base URL, address guard, TLS, limits), a credential (the person's or
 * the collectivité's technical account) and the person's claims, it reads the application and
 * maps the answer. Never throws for what the upstream does; answers data or a French message.
 */
export interface DeclarativeReadContext {
  client: UpstreamClient;
  credential: UpstreamCredential;
  person: PersonClaims;
  signal?: AbortSignal;
  /** Reads the connector's kind cannot describe as one request (GLPI's session), by name. */
  named?: NamedReads;
}

export interface NamedReads {
  glpiMyOpenTickets?: (limit: number) => Promise<unknown>;
}

export type DeclarativeOutcome =
  { ok: true; data: DeclarativeData } | { ok: false; message: string; status?: FailureStatus; reason?: string };

const NOT_GLPI = 'Cette source se lit sur un connecteur GLPI : choisissez l’application GLPI de la collectivité.';

function authorization(credential: UpstreamCredential): Record<string, string> {
  return credential.type === 'none' ? {} : { Authorization: httpAuthorization(credential) };
}

async function fetchDocument(
  context: DeclarativeReadContext,
  definition: DeclarativeDefinition,
): Promise<{ ok: true; document: unknown } | { ok: false; message: string }> {
  const request = definition.request;
  if (request.protocol === 'glpi') {
    const read = context.named?.glpiMyOpenTickets;
    if (!read) return { ok: false, message: NOT_GLPI };
    return { ok: true, document: await read(request.limit) };
  }
  const built = buildHttpRead(request, context.person);
  if (!built.ok) return built;
  const http = built.value;
  const headers = { ...http.headers, ...authorization(context.credential) };
  if (http.answer.type === 'json') {
    const document = await context.client.request({
      method: http.method,
      path: http.path,
      query: http.query,
      headers,
      schema: z.unknown(),
      ...(context.signal ? { signal: context.signal } : {}),
    });
    return { ok: true, document };
  }
  const text = await context.client.request({
    method: 'POST',
    path: http.path,
    headers,
    body: http.body,
    responseType: 'text',
    schema: z.string(),
    // A SOAP read changes nothing: it may be retried.
    idempotent: true,
    ...(context.signal ? { signal: context.signal } : {}),
  });
  const document = soapAnswerToJson(text, http.answer.operation);
  return document === undefined ? { ok: false, message: MAPPING_MESSAGES.unreadable } : { ok: true, document };
}

export async function readDeclarative(
  context: DeclarativeReadContext,
  definition: DeclarativeDefinition,
): Promise<DeclarativeOutcome> {
  try {
    const fetched = await fetchDocument(context, definition);
    if (!fetched.ok) return fetched;
    return mapAnswer(definition.result, fetched.document);
  } catch (error) {
    const state = toFailureState(error);
    return {
      ok: false,
      message: failureMessage(state.status),
      status: state.status,
      reason: error instanceof UpstreamError ? error.reason : 'UNEXPECTED',
    };
  }
}
