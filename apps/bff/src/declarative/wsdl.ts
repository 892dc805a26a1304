import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { WsdlOperation } from '@pleiade/contracts';

/**
 * A WSDL 1.1 document (document/literal wrapped, as business applications' SOAP services publish
 * it) read into what a SOAP data source needs: the target namespace, and for each operation of its
 * port type its SOAP action and the fields of its request element. No DTD, no entity, ever.
 */

export const WSDL_MESSAGES = {
  notXml: 'La réponse n’est pas un document WSDL lisible (XML invalide, ou une DTD que Pléiade refuse de lire).',
  notWsdl: 'Le document lu n’est pas un WSDL (aucun élément « definitions ») : vérifiez le chemin du service.',
  noOperation: 'Le WSDL ne décrit aucune opération utilisable.',
} as const;

/** Names a SOAP data source accepts (the contracts' identifier). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATIONS = 100;
const MAX_FIELDS = 50;

const LISTS = new Set(['schema', 'element', 'message', 'part', 'portType', 'binding', 'operation', 'sequence']);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  isArray: (name) => LISTS.has(name),
});

type Node = Record<string, unknown>;

const nodes = (value: unknown): Node[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (item): item is Node => typeof item === 'object' && item !== null,
  );
const child = (node: Node | undefined, name: string): Node[] => nodes(node?.[name]);
const attribute = (node: Node | undefined, name: string): string | undefined => {
  const value = node?.[`@${name}`];
  return typeof value === 'string' ? value : undefined;
};
/** `tns:exportClockings` → `exportClockings`. */
const local = (qualified: string | undefined): string | undefined => qualified?.split(':').pop();

export type WsdlParse = { ok: true; namespace: string; operations: WsdlOperation[] } | { ok: false; message: string };

export function parseWsdl(text: string): WsdlParse {
  if (/<!DOCTYPE/i.test(text) || XMLValidator.validate(text) !== true)
    return { ok: false, message: WSDL_MESSAGES.notXml };
  let parsed: Node;
  try {
    parsed = parser.parse(text) as Node;
  } catch {
    return { ok: false, message: WSDL_MESSAGES.notXml };
  }
  const definitions = nodes(parsed.definitions)[0];
  if (!definitions) return { ok: false, message: WSDL_MESSAGES.notWsdl };

  // Request elements: name → its sequence of fields.
  const elements = new Map<string, WsdlOperation['fields']>();
  for (const schema of child(nodes(definitions.types)[0], 'schema')) {
    for (const element of child(schema, 'element')) {
      const name = attribute(element, 'name');
      if (!name) continue;
      const sequence = child(nodes(element.complexType)[0], 'sequence')[0];
      const fields = child(sequence, 'element')
        .map((field) => ({
          name: attribute(field, 'name') ?? '',
          type: attribute(field, 'type') ?? '',
          required: attribute(field, 'minOccurs') !== '0',
        }))
        .filter((field) => IDENTIFIER.test(field.name))
        .slice(0, MAX_FIELDS);
      elements.set(name, fields);
    }
  }
  const messages = new Map<string, string | undefined>();
  for (const message of child(definitions, 'message')) {
    const name = attribute(message, 'name');
    if (name) messages.set(name, local(attribute(child(message, 'part')[0], 'element')));
  }
  const soapActions = new Map<string, string>();
  for (const binding of child(definitions, 'binding')) {
    for (const operation of child(binding, 'operation')) {
      const name = attribute(operation, 'name');
      const action = attribute(child(operation, 'operation')[0], 'soapAction');
      if (name && action !== undefined && !soapActions.has(name)) soapActions.set(name, action);
    }
  }
  const operations: WsdlOperation[] = [];
  for (const portType of child(definitions, 'portType')) {
    for (const operation of child(portType, 'operation')) {
      const name = attribute(operation, 'name');
      if (!name || !IDENTIFIER.test(name) || operations.some((known) => known.name === name)) continue;
      const input = local(attribute(nodes(operation.input)[0], 'message'));
      const element = input ? messages.get(input) : undefined;
      operations.push({
        name,
        soapAction: (soapActions.get(name) ?? '').replace(/[<>&"]/g, ''),
        fields: (element ? elements.get(element) : undefined) ?? [],
      });
    }
  }
  if (operations.length === 0) return { ok: false, message: WSDL_MESSAGES.noOperation };
  return {
    ok: true,
    namespace: (attribute(definitions, 'targetNamespace') ?? '').replace(/["<>&\s]/g, ''),
    operations: operations.slice(0, MAX_OPERATIONS),
  };
}
