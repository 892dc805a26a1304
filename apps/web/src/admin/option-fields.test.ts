import { describe, expect, it } from 'vitest';
import { CONNECTOR_KINDS, optionFieldsOf, parseConnectorOptions } from '@pleiade/contracts';
import { defaultOptions, emptyForm } from './connector-form';
import { optionExpectation, visibleOptionFields } from './option-fields';

// The fields themselves are checked against their schemas with the definitions
// (packages/contracts/src/connector-kinds/registry.test.ts).
describe.each(CONNECTOR_KINDS)('the option fields of %s', (kind) => {
  it('start a new connector from the contract’s defaults', () => {
    const defaults = defaultOptions(kind);
    const required = Object.fromEntries(
      optionFieldsOf(kind).flatMap((field) =>
        field.required && field.type === 'text' ? [[field.name, field.example]] : [],
      ),
    );
    const parsed = parseConnectorOptions(kind, { ...required, ...defaults });
    expect(parsed.success).toBe(true);
    for (const [name, value] of Object.entries(defaults)) expect(parsed.success && parsed.data[name]).toEqual(value);
    const form = emptyForm(kind);
    for (const field of optionFieldsOf(kind)) {
      expect(form.options[field.name]).toBe(defaults[field.name] === undefined ? '' : String(defaults[field.name]));
    }
  });

  it('show the token exchange’s audience and scope only in that mode, each with what a valid value looks like', () => {
    const names = (mode: 'token_exchange' | 'personal_secret') =>
      visibleOptionFields(kind, mode).map((field) => field.name);
    expect(names('token_exchange')).toEqual(expect.arrayContaining(['tokenExchangeAudience', 'tokenExchangeScope']));
    expect(names('personal_secret')).not.toContain('tokenExchangeAudience');
    for (const field of optionFieldsOf(kind)) expect(optionExpectation(field)).toMatch(/^(Indiquez|Choisissez)/);
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
