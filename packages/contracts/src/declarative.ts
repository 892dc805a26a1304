import { z } from 'zod';

/**
 * Declarative data sources (issue 11): an administrator describes, without code, a read on an
 * application already configured as a connector — the path and parameters (the base URL and the
 * authentication are the connector's), how the signed-in person's records are selected (values
 * taken from the session only) and how the answer maps to a number, a list or a table. The same
 * document is typed in the administration, provisioned from PLEIADE_CONFIG_FILE, or exported.
 */

/** What the BFF knows of the person from the session: the only values a definition can send about them. */
export const PERSON_CLAIMS = ['login', 'email', 'employeeNumber'] as const;
export type PersonClaim = (typeof PERSON_CLAIMS)[number];
export const PERSON_CLAIM_LABELS: { readonly [C in PersonClaim]: string } = {
  login: 'Identifiant de l’agent',
  email: 'Adresse électronique de l’agent',
  employeeNumber: 'Matricule de l’agent',
};

/** A value sent upstream: fixed by the definition, or the signed-in person's claim. Never the browser's. */
export const declarativeValueSchema = z.union([
  z.object({ text: z.string().max(200, 'au plus 200 caractères') }).strict(),
  z.object({ number: z.number().finite() }).strict(),
  z.object({ boolean: z.boolean() }).strict(),
  z
    .object({ claim: z.enum(PERSON_CLAIMS, { error: 'une donnée de la session : login, email ou employeeNumber' }) })
    .strict(),
]);
export type DeclarativeValue = z.infer<typeof declarativeValueSchema>;

/**
 * A path below the connector's base URL: starts with « / », no « .. » segment, no query or
 * fragment, no scheme or host (the base URL is the connector's and cannot be left).
 */
export const declarativePathSchema = z
  .string()
  .max(300, 'au plus 300 caractères')
  .refine(
    (value) =>
      /^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(value) &&
      !value.startsWith('//') &&
      !value.split('/').some((segment) => segment === '..' || segment === '.') &&
      !/%2e|%2f|%5c/i.test(value),
    'un chemin commençant par « / », sans « .. », sans paramètres ni adresse d’un autre serveur',
  );

const parameterName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.$-]{0,63}$/, 'un nom de paramètre (lettres, chiffres, « _ », « . », « - »)');
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'un nom de propriété (lettres, chiffres, « _ »)');

const restRequestSchema = z
  .object({
    protocol: z.literal('rest'),
    path: declarativePathSchema,
    query: z
      .array(z.object({ name: parameterName, value: declarativeValueSchema }).strict())
      .max(20)
      .default([]),
  })
  .strict();

export const ODATA_OPERATORS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const;
const odataRequestSchema = z
  .object({
    protocol: z.literal('odata'),
    /** The entity set's path, e.g. `/odata/BonsDeCommande`. */
    path: declarativePathSchema,
    /** Conditions joined by `and`; values are escaped by the BFF, never written as raw `$filter` text. */
    filter: z
      .array(
        z.object({ property: identifier, operator: z.enum(ODATA_OPERATORS), value: declarativeValueSchema }).strict(),
      )
      .max(10)
      .default([]),
    select: z.array(identifier).max(20).default([]),
    orderby: z
      .object({ property: identifier, descending: z.boolean().default(false) })
      .strict()
      .optional(),
    top: z.number().int().min(1).max(100).optional(),
    /** Ask `$count=true`: the number of matching rows is then `$['@odata.count']`. */
    count: z.boolean().default(false),
  })
  .strict();

const soapRequestSchema = z
  .object({
    protocol: z.literal('soap'),
    /** The service's endpoint, e.g. `/open/services/ClockingService`. */
    path: declarativePathSchema,
    /** The operation's element namespace (document/literal wrapped, as the WSDL says). */
    namespace: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^"<>&\s]+$/, 'un espace de noms sans espace ni « < > & " »'),
    operation: identifier,
    soapAction: z
      .string()
      .max(200)
      .regex(/^[^"<>&]*$/)
      .default(''),
    /** The operation's request fields, in order (values XML-escaped by the BFF). */
    fields: z
      .array(z.object({ name: identifier, value: declarativeValueSchema }).strict())
      .max(20)
      .default([]),
  })
  .strict();

/**
 * GLPI's legacy REST API needs a session (initSession → search → killSession) that a single
 * request cannot describe: its reads are named. `my-open-tickets` answers
 * `{ total, tickets: [{ id, title, status, statusLabel, priority, priorityLabel, openedAt, updatedAt }] }`,
 * the tickets whose requester is the signed-in person (with a technical account, every row is
 * checked against them).
 */
const glpiRequestSchema = z
  .object({
    protocol: z.literal('glpi'),
    query: z.literal('my-open-tickets'),
    limit: z.number().int().min(1).max(50).default(10),
  })
  .strict();

export const declarativeRequestSchema = z.discriminatedUnion('protocol', [
  restRequestSchema,
  odataRequestSchema,
  soapRequestSchema,
  glpiRequestSchema,
]);
export type DeclarativeRequest = z.infer<typeof declarativeRequestSchema>;
export type DeclarativeProtocol = DeclarativeRequest['protocol'];

/**
 * A JSONPath (RFC 9535) from the answer's root `$`. For SOAP the root is the operation's response
 * element, and every element that has children is a list (`$.exportedClockings[0].Clocking[*]`).
 * Its syntax is checked by the BFF (the library lives there).
 */
export const jsonPathSchema = z
  .string()
  .min(1)
  .max(300, 'au plus 300 caractères')
  .refine((value) => value.startsWith('$'), 'un chemin JSON commençant par « $ »');

const unitSchema = z.string().trim().max(20, 'une unité de 20 caractères au plus').optional();

export const NUMBER_AGGREGATES = ['first', 'count', 'sum'] as const;
const numberResultSchema = z
  .object({
    shape: z.literal('number'),
    /** What the path selects: `first` value, `count` of matches, `sum` of matches. */
    path: jsonPathSchema,
    aggregate: z.enum(NUMBER_AGGREGATES).default('first'),
    /** Multiplies the value (minutes shown as hours: 1/60). */
    factor: z.number().finite().positive().optional(),
    decimals: z.number().int().min(0).max(4).default(0),
    unit: unitSchema,
  })
  .strict();

const listResultSchema = z
  .object({
    shape: z.literal('list'),
    /** The rows, e.g. `$.value[*]`. */
    items: jsonPathSchema,
    /** Paths from each row (`$.Objet`). */
    title: jsonPathSchema,
    detail: jsonPathSchema.optional(),
    limit: z.number().int().min(1).max(50).default(10),
  })
  .strict();

const tableResultSchema = z
  .object({
    shape: z.literal('table'),
    rows: jsonPathSchema,
    columns: z
      .array(
        z
          .object({
            label: z.string().trim().min(1).max(60),
            path: jsonPathSchema,
            unit: unitSchema,
            /** French words for the application's codes (`{ "ENTREE": "Entrée" }`). */
            labels: z.record(z.string().max(100), z.string().max(100)).optional(),
          })
          .strict(),
      )
      .min(1, 'au moins une colonne')
      .max(6, 'au plus 6 colonnes'),
    limit: z.number().int().min(1).max(50).default(10),
  })
  .strict();

export const declarativeResultSchema = z.discriminatedUnion('shape', [
  numberResultSchema,
  listResultSchema,
  tableResultSchema,
]);
export type DeclarativeResult = z.infer<typeof declarativeResultSchema>;
export type DeclarativeShape = DeclarativeResult['shape'];
export const DECLARATIVE_SHAPE_LABELS: { readonly [S in DeclarativeShape]: string } = {
  number: 'Nombre',
  list: 'Liste',
  table: 'Tableau',
};

/** What an administrator writes (the connector is named by id in the API, by label in the file). */
export const declarativeDefinitionSchema = z
  .object({
    request: declarativeRequestSchema,
    result: declarativeResultSchema,
  })
  .strict();
export type DeclarativeDefinition = z.infer<typeof declarativeDefinitionSchema>;
export type DeclarativeDefinitionInput = z.input<typeof declarativeDefinitionSchema>;

export const dataSourceNameSchema = z.string().trim().min(1, 'un nom').max(80, 'au plus 80 caractères');

export const dataSourceRequestSchema = z
  .object({
    name: dataSourceNameSchema,
    connectorId: z.uuid({ error: 'identifiant de connecteur invalide' }),
    definition: declarativeDefinitionSchema,
  })
  .strict();
export type DataSourceRequest = z.infer<typeof dataSourceRequestSchema>;

export const dataSourceIdParamsSchema = z.object({ dataSourceId: z.uuid({ error: 'identifiant invalide' }) });

/**
 * « Lire les opérations du service (WSDL) »: the WSDL 1.1 document at `<path>?wsdl` of one of the
 * collectivité's connectors, read by the BFF, so that an administrator picks a SOAP operation
 * instead of typing its name, namespace and fields.
 */
export const wsdlRequestSchema = z
  .object({
    connectorId: z.uuid({ error: 'identifiant de connecteur invalide' }),
    path: declarativePathSchema,
  })
  .strict();
export type WsdlRequest = z.infer<typeof wsdlRequestSchema>;

export const wsdlOperationSchema = z.object({
  name: z.string(),
  soapAction: z.string(),
  /** The request element's fields, in order, with their XML Schema type (`xs:int`…); optional: minOccurs="0". */
  fields: z.array(z.object({ name: z.string(), type: z.string(), required: z.boolean() })),
});
export type WsdlOperation = z.infer<typeof wsdlOperationSchema>;

/** The operations found, or why none could be read (in French), as the preview answers. */
export const wsdlResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), namespace: z.string(), operations: z.array(wsdlOperationSchema) }),
  z.object({ status: z.literal('error'), message: z.string() }),
]);
export type WsdlResponse = z.infer<typeof wsdlResponseSchema>;

/** The mapped result, what widgets show. Upstream text is text; numbers are finite. */
export const declarativeDataSchema = z.discriminatedUnion('shape', [
  z.object({
    shape: z.literal('number'),
    value: z.number().finite(),
    decimals: z.number().int(),
    unit: z.string().optional(),
  }),
  z.object({
    shape: z.literal('list'),
    items: z.array(z.object({ title: z.string(), detail: z.string().optional() })),
    total: z.number().int(),
  }),
  z.object({
    shape: z.literal('table'),
    columns: z.array(z.object({ label: z.string(), unit: z.string().optional() })),
    rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
    total: z.number().int(),
  }),
]);
export type DeclarativeData = z.infer<typeof declarativeDataSchema>;

export const dataSourceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  connectorId: z.uuid(),
  connectorLabel: z.string(),
  definition: declarativeDefinitionSchema,
  /** Whether the read names the signed-in person (a claim), so each person gets their own answer. */
  perPerson: z.boolean(),
  updatedAt: z.string(),
});
export type DataSource = z.infer<typeof dataSourceSchema>;
export const dataSourceListResponseSchema = z.object({ dataSources: z.array(dataSourceSchema) });
export type DataSourceListResponse = z.infer<typeof dataSourceListResponseSchema>;

/** A preview (« Aperçu ») or a widget's read: the mapped data, or a French reason. */
export const declarativeReadResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), data: declarativeDataSchema, fetchedAt: z.string() }),
  z.object({ status: z.literal('error'), message: z.string() }),
]);
export type DeclarativeReadResponse = z.infer<typeof declarativeReadResponseSchema>;

export const dataSourcePreviewRequestSchema = z
  .object({
    connectorId: z.uuid({ error: 'identifiant de connecteur invalide' }),
    definition: declarativeDefinitionSchema,
  })
  .strict();
export type DataSourcePreviewRequest = z.infer<typeof dataSourcePreviewRequestSchema>;

/** Whether a definition sends one of the person's claims (its answer is then the person's own). */
export function definitionNamesPerson(definition: DeclarativeDefinitionInput): boolean {
  const request = definition.request;
  // GLPI's tickets are always the person's own.
  if (request.protocol === 'glpi') return true;
  const values: DeclarativeValue[] =
    request.protocol === 'rest'
      ? (request.query ?? []).map((entry) => entry.value)
      : request.protocol === 'odata'
        ? (request.filter ?? []).map((entry) => entry.value)
        : (request.fields ?? []).map((entry) => entry.value);
  return values.some((value) => 'claim' in value);
}

/** What members may choose from for a « Données métier » widget (`GET /api/data-sources`). */
export const dataSourceChoicesResponseSchema = z.object({
  dataSources: z.array(z.object({ id: z.uuid(), name: z.string(), shape: z.enum(['number', 'list', 'table']) })),
});
export type DataSourceChoicesResponse = z.infer<typeof dataSourceChoicesResponseSchema>;

/** `GET /api/widgets/:widgetId/business-data`: the source's name and its read; nulls when none is chosen. */
export const indicatorWidgetResponseSchema = z.object({
  name: z.string().nullable(),
  response: declarativeReadResponseSchema.nullable(),
});
export type IndicatorWidgetResponse = z.infer<typeof indicatorWidgetResponseSchema>;
