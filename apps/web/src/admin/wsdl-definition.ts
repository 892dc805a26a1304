import type { DeclarativeValue, WsdlOperation } from '@pleiade/contracts';

/** A SOAP definition holds at most this many fields (declarativeDefinitionSchema). */
const MAX_FIELDS = 20;

/**
 * The definition being typed (JSON text), with the SOAP operation chosen in the service's WSDL:
 * its namespace, name, action and request fields. A field the operation has keeps its value (a
 * claim, a number); a required one that was not there starts empty, to fill before « Aperçu »;
 * optional ones are left out (`optional` names them). Undefined when the text is not a SOAP
 * definition (nothing to rewrite).
 */
export function withWsdlOperation(
  text: string,
  namespace: string,
  operation: WsdlOperation,
): { text: string; fields: number; optional: string[] } | undefined {
  let definition: unknown;
  try {
    definition = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof definition !== 'object' || definition === null) return undefined;
  const request = (definition as { request?: unknown }).request;
  if (typeof request !== 'object' || request === null) return undefined;
  const soap = request as { protocol?: unknown; fields?: unknown };
  if (soap.protocol !== 'soap') return undefined;
  const previous = new Map<string, DeclarativeValue>(
    (Array.isArray(soap.fields) ? (soap.fields as { name?: unknown; value?: DeclarativeValue }[]) : []).flatMap(
      (field) => (typeof field.name === 'string' && field.value !== undefined ? [[field.name, field.value]] : []),
    ),
  );
  const kept = operation.fields.filter((field) => previous.has(field.name) || field.required);
  const fields = kept.slice(0, MAX_FIELDS).map((field) => ({
    name: field.name,
    value: previous.get(field.name) ?? { text: '' },
  }));
  const optional = operation.fields.filter((field) => !kept.includes(field)).map((field) => field.name);
  const rewritten = {
    ...(definition as Record<string, unknown>),
    request: { ...soap, namespace, operation: operation.name, soapAction: operation.soapAction, fields },
  };
  return { text: JSON.stringify(rewritten, null, 2), fields: fields.length, optional };
}

/** Whether the text is a SOAP definition, so that reading the service's WSDL can help. */
export function isSoapDefinition(text: string): boolean {
  try {
    const parsed = JSON.parse(text) as { request?: { protocol?: unknown } } | null;
    return parsed?.request?.protocol === 'soap';
  } catch {
    return false;
  }
}

/** The service's path in the definition, where its WSDL is read (`<path>?wsdl`). */
export function soapPathOf(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { request?: { path?: unknown } } | null;
    return typeof parsed?.request?.path === 'string' ? parsed.request.path : undefined;
  } catch {
    return undefined;
  }
}
