import { describe, expect, it } from 'vitest';
import { CONNECTOR_KINDS, CONNECTOR_OPTIONS, parseConnectorOptions, type ConnectorKind } from '@pleiade/contracts';
import { defaultOptions, emptyForm } from './connector-form';
import { OPTION_FIELDS, type OptionField } from './option-fields';

/** A zod schema seen only through its public accessors (the web package does not import zod). */
interface SchemaView {
  shape?: Record<string, SchemaView>;
  options?: readonly unknown[];
  unwrap?: () => SchemaView;
}

function contractShape(kind: ConnectorKind): Record<string, SchemaView> {
  const schema = CONNECTOR_OPTIONS[kind] as unknown as SchemaView;
  expect(schema.shape, `CONNECTOR_OPTIONS.${kind} is an object schema`).toBeDefined();
  return schema.shape ?? {};
}

/** The values of an enum option, through its .optional() / .default() wrappers. */
function enumValues(schema: SchemaView | undefined): unknown[] {
  let current = schema;
  while (current && !current.options && current.unwrap) current = current.unwrap();
  return [...(current?.options ?? [])];
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
    OPTION_FIELDS[kind]
      .filter((field) => field.required && field.name !== except)
      .map((field) => [field.name, samples(field).good]),
  );
}

const accepts = (kind: ConnectorKind, options: Record<string, unknown>): boolean =>
  parseConnectorOptions(kind, options).success;

describe.each(CONNECTOR_KINDS)('the option fields of %s', (kind) => {
  it('describe exactly the options of the contract', () => {
    const names = OPTION_FIELDS[kind].map((field) => field.name);
    expect([...names].sort()).toEqual(Object.keys(contractShape(kind)).sort());
    expect(new Set(names).size).toBe(names.length);
  });

  it('have the type and limits the contract accepts', () => {
    for (const field of OPTION_FIELDS[kind]) {
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
        expect(field.choices.map((choice) => choice.value).sort()).toEqual(
          enumValues(contractShape(kind)[field.name]).sort(),
        );
      }
      if (field.type === 'text') {
        expect(field.example.length).toBeLessThanOrEqual(field.maxLength);
        expect(accepts(kind, { ...others, [field.name]: 'x'.repeat(field.maxLength + 1) }), field.name).toBe(false);
      }
    }
  });

  it('are marked required exactly when the contract has no default for them', () => {
    const withoutAny = parseConnectorOptions(kind, {});
    const missing = new Set(withoutAny.success ? [] : withoutAny.error.issues.map((issue) => String(issue.path[0])));
    for (const field of OPTION_FIELDS[kind]) expect(field.required === true, field.name).toBe(missing.has(field.name));
  });

  it('start a new connector from the contract’s defaults', () => {
    const defaults = defaultOptions(kind);
    const parsed = parseConnectorOptions(kind, { ...requiredOthers(kind, ''), ...defaults });
    expect(parsed.success).toBe(true);
    for (const [name, value] of Object.entries(defaults)) expect(parsed.success && parsed.data[name]).toEqual(value);
    const form = emptyForm(kind);
    for (const field of OPTION_FIELDS[kind]) {
      expect(form.options[field.name]).toBe(defaults[field.name] === undefined ? '' : String(defaults[field.name]));
    }
  });
});

describe('the option defaults', () => {
  it('are read from the contract (IMAP on 993 in implicit TLS, Jitsi audience « jitsi »)', () => {
    expect(defaultOptions('imap')).toEqual({ port: 993, tls: 'implicit' });
    expect(defaultOptions('jitsi')).toEqual({ jwtAudience: 'jitsi' });
    expect(emptyForm('imap').options).toMatchObject({ port: '993', tls: 'implicit', host: '' });
  });

  it('leave a required option empty rather than invent it (CalDAV calendar path)', () => {
    expect(defaultOptions('caldav')).toEqual({});
    expect(emptyForm('caldav').options.calendarPath).toBe('');
  });
});
