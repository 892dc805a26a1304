import type { DeclarativeRequest, DeclarativeValue, PersonClaim } from '@pleiade/contracts';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Turns a definition's request into what is sent upstream, for one person. Values are the
 * definition's own or the person's claims from the session: nothing comes from the browser.
 * OData conditions are written by this code with their literals escaped (a quote in a login
 * cannot end the string); SOAP fields are XML-escaped into the envelope.
 */

/** The person, as the session knows them. */
export type PersonClaims = { readonly [C in PersonClaim]?: string | null };

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string };

const MISSING_CLAIM: { readonly [C in PersonClaim]: string } = {
  login: 'Pléiade ne connaît pas votre identifiant : reconnectez-vous.',
  email:
    'Pléiade ne connaît pas votre adresse électronique : demandez à votre administrateur de la transmettre à la connexion.',
  employeeNumber:
    'Pléiade ne connaît pas votre matricule : demandez à votre administrateur de le transmettre à la connexion (attribut « employeeNumber »).',
};

export function resolveValue(value: DeclarativeValue, person: PersonClaims): Resolved<string | number | boolean> {
  if ('text' in value) return { ok: true, value: value.text };
  if ('number' in value) return { ok: true, value: value.number };
  if ('boolean' in value) return { ok: true, value: value.boolean };
  const claim = person[value.claim];
  return claim ? { ok: true, value: claim } : { ok: false, message: MISSING_CLAIM[value.claim] };
}

function resolveAll<T extends { value: DeclarativeValue }>(
  entries: readonly T[],
  person: PersonClaims,
): Resolved<{ entry: T; value: string | number | boolean }[]> {
  const out: { entry: T; value: string | number | boolean }[] = [];
  for (const entry of entries) {
    const resolved = resolveValue(entry.value, person);
    if (!resolved.ok) return resolved;
    out.push({ entry, value: resolved.value });
  }
  return { ok: true, value: out };
}

/** An OData literal: strings quoted with `'` doubled (OData ABNF `SQUOTE-in-string`). */
export function odataLiteral(value: string | number | boolean): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `'${value.replaceAll("'", "''")}'`;
}

export function xmlEscape(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

export interface HttpRead {
  method: 'GET' | 'POST';
  path: string;
  query: Record<string, string | number | boolean>;
  headers: Record<string, string>;
  body?: string;
  /** How the answer is read: JSON, or a SOAP envelope whose operation response becomes JSON. */
  answer: { type: 'json' } | { type: 'soap'; operation: string };
}

type HttpRequest = Exclude<DeclarativeRequest, { protocol: 'glpi' }>;

export function buildHttpRead(request: HttpRequest, person: PersonClaims): Resolved<HttpRead> {
  switch (request.protocol) {
    case 'rest': {
      const values = resolveAll(request.query, person);
      if (!values.ok) return values;
      return {
        ok: true,
        value: {
          method: 'GET',
          path: request.path,
          query: Object.fromEntries(values.value.map(({ entry, value }) => [entry.name, value])),
          headers: { Accept: 'application/json' },
          answer: { type: 'json' },
        },
      };
    }
    case 'odata': {
      const values = resolveAll(request.filter, person);
      if (!values.ok) return values;
      const query: Record<string, string | number | boolean> = {};
      if (values.value.length > 0) {
        query.$filter = values.value
          .map(({ entry, value }) => `${entry.property} ${entry.operator} ${odataLiteral(value)}`)
          .join(' and ');
      }
      if (request.select.length > 0) query.$select = request.select.join(',');
      if (request.orderby)
        query.$orderby = `${request.orderby.property} ${request.orderby.descending ? 'desc' : 'asc'}`;
      if (request.top !== undefined) query.$top = request.top;
      if (request.count) query.$count = 'true';
      return {
        ok: true,
        value: {
          method: 'GET',
          path: request.path,
          query,
          headers: { Accept: 'application/json', 'OData-Version': '4.0' },
          answer: { type: 'json' },
        },
      };
    }
    case 'soap': {
      const values = resolveAll(request.fields, person);
      if (!values.ok) return values;
      const fields = values.value
        .map(({ entry, value }) => `<${entry.name}>${xmlEscape(String(value))}</${entry.name}>`)
        .join('');
      const body =
        '<?xml version="1.0" encoding="UTF-8"?>' +
        '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">' +
        `<soapenv:Body><ns:${request.operation} xmlns:ns="${xmlEscape(request.namespace)}">${fields}</ns:${request.operation}>` +
        '</soapenv:Body></soapenv:Envelope>';
      return {
        ok: true,
        value: {
          method: 'POST',
          path: request.path,
          query: {},
          headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${request.soapAction}"` },
          body,
          answer: { type: 'soap', operation: request.operation },
        },
      };
    }
  }
}

const soapParser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  // Values stay text: the mapping decides what is a number (a matricule « 0004217 » keeps its zeros).
  parseTagValue: false,
  processEntities: false,
  // Elements with children are lists, so a path is the same whether one or several came.
  isArray: (_name, _path, isLeafNode) => !isLeafNode,
});

/**
 * A SOAP answer as JSON: the content of `<operation>Response` inside the Body, each element with
 * children a list. Undefined when it is not a well-formed SOAP envelope holding that element, or
 * carries a DOCTYPE (no DTD processing, ever).
 */
export function soapAnswerToJson(text: string, operation: string): unknown {
  if (/<!DOCTYPE/i.test(text) || XMLValidator.validate(text) !== true) return undefined;
  let parsed: unknown;
  try {
    parsed = soapParser.parse(text);
  } catch {
    return undefined;
  }
  const envelope = firstOf(field(parsed, 'Envelope'));
  const body = firstOf(field(envelope, 'Body'));
  const response = firstOf(field(body, `${operation}Response`));
  if (response === undefined) return undefined;
  // An empty response element is a leaf: no list at all, which the mapping reads as no rows.
  return typeof response === 'object' && response !== null ? response : {};
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? (value as unknown[])[0] : value;
}
