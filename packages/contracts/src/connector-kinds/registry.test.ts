import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectorSecretNameSchema, parseConnectorOptions } from '../connectors.js';
import { CONNECTED_WIDGET_KINDS, WIDGET_CONNECTOR_KINDS } from '../widget-data.js';
import {
  AUTH_MODE_TEXTS,
  CONNECTOR_DEFINITIONS,
  CONNECTOR_KINDS,
  authModesOf,
  connectorDefinition,
  connectorKindSchema,
  optionFieldsOf,
  personalSecretForm,
  secretFieldsOf,
  type ConnectorKind,
  type OptionField,
} from './index.js';

/** French words for people: no identifier, no English placeholder, a capital first. */
const frenchText = (text: string) => text.trim().length > 0 && !/TODO|lorem/i.test(text) && text === text.trim();

describe('the connector kind registry', () => {
  it('is the list of kinds: the schema accepts exactly its keys', () => {
    expect([...CONNECTOR_KINDS]).toEqual(Object.keys(CONNECTOR_DEFINITIONS));
    for (const kind of CONNECTOR_KINDS) expect(connectorKindSchema.safeParse(kind).success).toBe(true);
    expect(connectorKindSchema.safeParse('pastell-v0').success).toBe(false);
  });

  it('gives every kind one French name, used by no other kind', () => {
    const labels = CONNECTOR_KINDS.map((kind) => connectorDefinition(kind).label);
    for (const label of labels) expect(frenchText(label), label).toBe(true);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('gives every mode of every kind a credential and named, labelled, explained secrets', () => {
    for (const kind of CONNECTOR_KINDS) {
      const modes = authModesOf(kind);
      expect(modes.length, kind).toBeGreaterThan(0);
      expect(modes, kind).toContain(connectorDefinition(kind).suggestedAuthMode);
      for (const mode of modes) {
        expect(frenchText(AUTH_MODE_TEXTS[mode].label)).toBe(true);
        const secrets = secretFieldsOf(kind, mode);
        const names = secrets.map((secret) => secret.name);
        expect(new Set(names).size, `${kind} ${mode}`).toBe(names.length);
        for (const secret of secrets) {
          expect(connectorSecretNameSchema.safeParse(secret.name).success, secret.name).toBe(true);
          expect(frenchText(secret.label) && frenchText(secret.help), `${kind} ${mode} ${secret.name}`).toBe(true);
        }
      }
      // Whoever gives their own secret is told what it is; other modes have nothing to ask.
      const personal = personalSecretForm(kind);
      expect(personal !== undefined, kind).toBe(modes.includes('personal_secret'));
      if (personal) expect(frenchText(personal.secretLabel)).toBe(true);
    }
  });

  it('feeds every connected widget from at least one kind, preferred kind first', () => {
    for (const widget of CONNECTED_WIDGET_KINDS)
      expect(WIDGET_CONNECTOR_KINDS[widget].length, widget).toBeGreaterThan(0);
    // The registry's order: Zimbra's mail and agenda before those of a plain IMAP or CalDAV server.
    const before = (widget: 'mail' | 'agenda', first: ConnectorKind, second: ConnectorKind) =>
      WIDGET_CONNECTOR_KINDS[widget].indexOf(first) < WIDGET_CONNECTOR_KINDS[widget].indexOf(second);
    expect(before('mail', 'zimbra', 'imap') && before('agenda', 'zimbra', 'caldav')).toBe(true);
    expect(WIDGET_CONNECTOR_KINDS.chat).toContain('matrix');
  });
});

/** The values of an enum option, through its .optional() / .default() wrappers. */
function enumValues(schema: z.ZodType): unknown[] {
  let current: z.ZodType = schema;
  while (!(current instanceof z.ZodEnum) && 'unwrap' in current && typeof current.unwrap === 'function') {
    current = (current as z.ZodOptional<z.ZodType>).unwrap();
  }
  return current instanceof z.ZodEnum ? [...current.options] : [];
}

/** A value the form would send for the field, and one of the wrong type. */
function samples(field: OptionField): { good: unknown; wrongType: unknown } {
  if (field.type === 'integer') return { good: field.min, wrongType: String(field.min) };
  if (field.type === 'choice') return { good: field.choices[0]?.value, wrongType: 'autre-chose' };
  return { good: field.example, wrongType: 42 };
}

/** The other required options, so one field can be tried alone. */
function requiredOthers(kind: ConnectorKind, except: string): Record<string, unknown> {
  return Object.fromEntries(
    optionFieldsOf(kind)
      .filter((field) => field.required && field.name !== except)
      .map((field) => [field.name, samples(field).good]),
  );
}

const accepts = (kind: ConnectorKind, options: Record<string, unknown>): boolean =>
  parseConnectorOptions(kind, options).success;

describe.each(CONNECTOR_KINDS)('the option fields of %s', (kind) => {
  it('have the type and limits their schema accepts', () => {
    for (const field of optionFieldsOf(kind)) {
      expect(frenchText(field.label), field.name).toBe(true);
      const { good, wrongType } = samples(field);
      const others = requiredOthers(kind, field.name);
      expect(accepts(kind, { ...others, [field.name]: good }), `${field.name} = ${String(good)}`).toBe(true);
      expect(accepts(kind, { ...others, [field.name]: wrongType }), `${field.name} = ${String(wrongType)}`).toBe(false);
      if (field.type === 'integer') {
        expect(accepts(kind, { ...others, [field.name]: field.max }), field.name).toBe(true);
        expect(accepts(kind, { ...others, [field.name]: field.min - 1 }), field.name).toBe(false);
        expect(accepts(kind, { ...others, [field.name]: field.max + 1 }), field.name).toBe(false);
      }
      if (field.type === 'choice') {
        const schema = connectorDefinition(kind).options[field.name]?.schema;
        expect(schema).toBeDefined();
        expect(field.choices.map((choice) => choice.value).sort()).toEqual(enumValues(schema ?? z.never()).sort());
      }
      if (field.type === 'text') {
        expect(field.example.length).toBeLessThanOrEqual(field.maxLength);
        expect(accepts(kind, { ...others, [field.name]: 'x'.repeat(field.maxLength + 1) }), field.name).toBe(false);
      }
    }
  });

  it('are required exactly when their schema has no default', () => {
    const withoutAny = parseConnectorOptions(kind, {});
    const missing = new Set(withoutAny.success ? [] : withoutAny.error.issues.map((issue) => String(issue.path[0])));
    for (const field of optionFieldsOf(kind)) expect(field.required, field.name).toBe(missing.has(field.name));
  });

  it('refuse an option the kind does not know', () => {
    expect(accepts(kind, { ...requiredOthers(kind, ''), inconnue: 'x' })).toBe(false);
  });
});
