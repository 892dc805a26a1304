import { z } from 'zod';
import { apiErrorBodySchema } from '@pleiade/contracts';

/** What a route answers when it succeeds. */
/** `ndjson`: one JSON document a line (`response` describes each line), streamed. */
export type Produces = 'json' | 'ndjson' | 'html' | 'css' | 'image' | 'redirect' | 'empty';

export interface RouteDescription {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The Express pattern as registered, mount paths joined: `/api/boards/:boardId`. */
  path: string;
  /** One line in French, for the people integrating with Pléiade. */
  summary: string;
  /** Contracts, exactly those the route's validated() uses (a test checks it). */
  params?: z.ZodType;
  body?: z.ZodType;
  query?: z.ZodType;
  /** The success answer's contract (JSON). */
  response?: z.ZodType;
  /** Success status: 200 by default (201 for a creation, 204 for a deletion, 302/303 for a redirect). */
  status?: number;
  /** Default: `json` with a response, `empty` without. */
  produces?: Produces;
  /** Who may call it without a session (probes, sign-in, this description). Default: a session is needed. */
  public?: boolean;
  /** Body sent as an HTML form (`application/x-www-form-urlencoded`), not JSON. */
  form?: boolean;
}

type Options = Omit<RouteDescription, 'method' | 'path' | 'summary'>;

/**
 * One line per route: `route('GET /api/boards/:boardId', 'Un tableau', { params, response })`.
 * The method and Express pattern are those given to the router.
 */
export function route(signature: string, summary: string, options: Options = {}): RouteDescription {
  const [method, path, extra] = signature.split(' ');
  if (!method || !path || extra !== undefined || !/^(GET|POST|PUT|PATCH|DELETE)$/.test(method)) {
    throw new Error(`route(): « ${signature} » is not "METHOD /path"`);
  }
  return { method: method as RouteDescription['method'], path, summary, ...options };
}

/** `/api/boards/:boardId` → `/api/boards/{boardId}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

type JsonSchema = Record<string, unknown>;

/**
 * Contracts whose checking code JSON Schema cannot express (`z.unknown().transform(…)` that parses
 * with another schema to keep field paths), each with a name and a schema of the same shape to
 * describe it by: they become `#/components/schemas/<name>` (`<name>Input` for what is sent).
 */
export type DescribedAs = ReadonlyMap<z.ZodType, { name: string; shape: z.ZodType }>;
let describedAs: DescribedAs = new Map();
/** Components referenced while converting, by name (filled as they are met). */
let components: Record<string, JsonSchema> = {};

/** A contract as JSON Schema 2020-12 (OpenAPI 3.1's dialect): what is sent (input) or answered (output). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    override: (context) => {
      const described = describedAs.get(context.zodSchema as unknown as z.ZodType);
      if (!described) return;
      const name = io === 'input' ? `${described.name}Input` : described.name;
      if (!(name in components)) {
        components[name] = {};
        components[name] = jsonSchema(described.shape, io);
      }
      for (const key of Object.keys(context.jsonSchema)) delete context.jsonSchema[key];
      context.jsonSchema.$ref = `#/components/schemas/${name}`;
    },
  }) as JsonSchema;
  delete converted.$schema;
  return converted;
}

function objectProperties(schema: z.ZodType): { name: string; schema: JsonSchema; required: boolean }[] {
  const converted = jsonSchema(schema, 'input');
  const properties = (converted.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((converted.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    schema: property,
    required: required.has(name),
  }));
}

const MEDIA: Record<Exclude<Produces, 'redirect' | 'empty'>, string> = {
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  html: 'text/html',
  css: 'text/css',
  image: 'image/*',
};

function operation(description: RouteDescription): JsonSchema {
  const parameters: JsonSchema[] = [];
  const described = new Set<string>();
  if (description.params) {
    for (const param of objectProperties(description.params)) {
      described.add(param.name);
      parameters.push({ name: param.name, in: 'path', required: true, schema: param.schema });
    }
  }
  for (const [, name] of description.path.matchAll(/:(\w+)/g)) {
    if (name && !described.has(name)) parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
  if (description.query) {
    for (const param of objectProperties(description.query)) {
      parameters.push({ name: param.name, in: 'query', required: param.required, schema: param.schema });
    }
  }
  const api = description.path.startsWith('/api/');
  const mutation = description.method !== 'GET';
  if (api && mutation) {
    parameters.push({
      name: 'X-Requested-With',
      in: 'header',
      required: true,
      description: 'Preuve d’un appel de la même origine (protection CSRF)',
      schema: { const: 'pleiade' },
    });
  }

  const produces = description.produces ?? (description.response ? 'json' : 'empty');
  const status = description.status ?? (produces === 'redirect' ? 302 : produces === 'empty' ? 204 : 200);
  const success: JsonSchema = { description: description.summary };
  if (produces !== 'redirect' && produces !== 'empty') {
    success.content = {
      [MEDIA[produces]]: description.response
        ? { schema: jsonSchema(description.response, 'output') }
        : { schema: { type: 'string' } },
    };
  }
  const responses: JsonSchema = { [String(status)]: success };
  if (api) {
    const error = { $ref: '#/components/responses/Error' };
    responses['4XX'] = error;
    responses['5XX'] = error;
  }

  const tag = description.path.split('/')[1] === 'api' ? 'api' : description.path.split('/')[1] || 'site';
  const result: JsonSchema = {
    operationId: `${description.method.toLowerCase()}${description.path
      .split('/')
      .map((part) => part.replace(/^:/, 'by-'))
      .join('-')
      .replace(/[^A-Za-z0-9]+(.)?/g, (_match, next?: string) => (next ?? '').toUpperCase())}`,
    summary: description.summary,
    tags: [tag],
    responses,
  };
  if (parameters.length > 0) result.parameters = parameters;
  if (description.body) {
    result.requestBody = {
      required: true,
      content: {
        [description.form ? 'application/x-www-form-urlencoded' : 'application/json']: {
          schema: jsonSchema(description.body, 'input'),
        },
      },
    };
  }
  if (description.public) result.security = [];
  return result;
}

/**
 * The OpenAPI 3.1 description of the routes, generated from their zod contracts (JSON Schema
 * 2020-12, OpenAPI 3.1's own dialect): nothing written by hand but the one-line summaries.
 */
export function openApiDocument(
  routes: readonly RouteDescription[],
  info: { version: string; describedAs?: DescribedAs },
): JsonSchema {
  describedAs = info.describedAs ?? new Map();
  components = {};
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const description of routes) {
    const path = openApiPath(description.path);
    const item = (paths[path] ??= {});
    const method = description.method.toLowerCase();
    if (item[method]) throw new Error(`${description.method} ${description.path} is described twice`);
    item[method] = operation(description);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pléiade — API du bureau virtuel',
      version: info.version,
      description:
        'API du BFF de Pléiade, appelée par son application web. Les routes /api exigent une session ' +
        '(cookie posé à la connexion, /auth/login) ; les modifications, l’en-tête X-Requested-With: pleiade.',
    },
    tags: [
      { name: 'api', description: 'Tableaux, connecteurs et données des widgets (session requise)' },
      { name: 'auth', description: 'Connexion et déconnexion (OpenID Connect)' },
      { name: 'healthz', description: 'Sondes' },
      { name: 'readyz', description: 'Sondes' },
    ],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: '__Host-pleiade',
          description: 'Cookie de session (pleiade.sid hors https)',
        },
      },
      responses: {
        Error: {
          description: 'Refus ou erreur, avec un message en français',
          content: { 'application/json': { schema: jsonSchema(apiErrorBodySchema, 'output') } },
        },
      },
    },
    security: [{ session: [] }],
  };
}
