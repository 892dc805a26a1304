import { afterEach, describe, expect, it } from 'vitest';
import {
  AUTH_MODE_TEXTS,
  CONNECTOR_KINDS,
  DECLARATIVE_PRESETS,
  DECLARATIVE_SHAPE_LABELS,
  PRIVATE_ADDRESS_NEEDS_OPERATOR,
  PRIVATE_ADDRESS_NOT_ALLOWED,
  PRIVATE_NETWORKS_OPERATOR_ONLY,
  TOKEN_EXCHANGE_OPTIONS,
  authModeSpec,
  authModeTexts,
  authModesOf,
  optionFieldsOf,
  secretFieldsOf,
  type OptionField,
} from '@pleiade/contracts';
import { setLanguage } from '../i18n';
import { fr } from '../i18n/locales/fr';
import { secretLabel, settingsProblems } from './auth-requirements';
import {
  authModeTextsIn,
  optionFieldIn,
  presetTexts,
  privateNetworkMessage,
  secretFieldIn,
  shapeLabel,
} from './contract-texts';
import { optionExpectation } from './option-fields';

const texts = fr.admin.contracts;

/** An option field's texts as the admin namespace keeps them. */
function fieldTexts(field: OptionField) {
  return {
    label: field.label,
    ...(field.help === undefined ? {} : { help: field.help }),
    ...(field.type === 'text' ? { expectation: field.expectation } : {}),
    ...(field.type === 'choice'
      ? { choices: Object.fromEntries(field.choices.map((choice) => [choice.value, choice.label])) }
      : {}),
  };
}

const tokenExchangeNames = new Set(Object.keys(TOKEN_EXCHANGE_OPTIONS));

afterEach(async () => {
  await setLanguage('fr');
});

describe('the administration’s French texts from the contracts (one name per thing)', () => {
  it('are the contracts’ auth modes, with each application’s own explanation', () => {
    expect(texts.authModes).toEqual(AUTH_MODE_TEXTS);
    const ownHelp = Object.fromEntries(
      CONNECTOR_KINDS.flatMap((kind) => {
        const modes = authModesOf(kind).flatMap((mode) => {
          const help = authModeSpec(kind, mode)?.help;
          return help === undefined ? [] : [[mode, help]];
        });
        return modes.length === 0 ? [] : [[kind, Object.fromEntries(modes)]];
      }),
    );
    expect(texts.authModeHelp).toEqual(ownHelp);
  });

  it('are the contracts’ option fields, the token exchange’s once for every application', () => {
    const ofKinds = Object.fromEntries(
      CONNECTOR_KINDS.flatMap((kind) => {
        const own = optionFieldsOf(kind).filter((field) => !tokenExchangeNames.has(field.name));
        return own.length === 0
          ? []
          : [[kind, Object.fromEntries(own.map((field) => [field.name, fieldTexts(field)]))]];
      }),
    );
    expect(texts.options).toEqual(ofKinds);
    const shared: Readonly<Record<string, unknown>> = texts.tokenExchangeOptions;
    expect(Object.keys(shared).sort()).toEqual([...tokenExchangeNames].sort());
    for (const kind of CONNECTOR_KINDS) {
      for (const field of optionFieldsOf(kind).filter((candidate) => tokenExchangeNames.has(candidate.name))) {
        expect(shared[field.name]).toEqual(fieldTexts(field));
      }
    }
  });

  it('are the contracts’ secret fields, by application and secret name', () => {
    const secrets: Record<string, Record<string, { label: string; help: string }>> = {};
    for (const kind of CONNECTOR_KINDS) {
      for (const mode of authModesOf(kind)) {
        for (const field of secretFieldsOf(kind, mode)) {
          const known = secrets[kind]?.[field.name];
          // One name per secret of an application, whatever the mode that reads it.
          if (known) expect(known).toEqual({ label: field.label, help: field.help });
          (secrets[kind] ??= {})[field.name] = { label: field.label, help: field.help };
        }
      }
    }
    expect(texts.secrets).toEqual(secrets);
  });

  it('are the contracts’ models of indicators and shapes of results', () => {
    expect(texts.presets).toEqual(
      Object.fromEntries(
        DECLARATIVE_PRESETS.map(({ id, category, name, description }) => [id, { category, name, description }]),
      ),
    );
    expect(texts.shapes).toEqual(DECLARATIVE_SHAPE_LABELS);
  });

  it('are the server’s words about private networks', () => {
    expect(fr.admin.validation.privateNetworksOperatorOnly).toBe(PRIVATE_NETWORKS_OPERATOR_ONLY);
    expect(fr.admin.validation.privateAddressNeedsOperator).toBe(PRIVATE_ADDRESS_NEEDS_OPERATOR);
    expect(fr.admin.validation.privateAddressNotAllowed).toBe(PRIVATE_ADDRESS_NOT_ALLOWED);
  });

  it('are shown in French exactly as the contracts write them', () => {
    for (const kind of CONNECTOR_KINDS) {
      for (const mode of authModesOf(kind)) {
        expect(authModeTextsIn(kind, mode)).toEqual(authModeTexts(kind, mode));
        for (const field of secretFieldsOf(kind, mode)) expect(secretFieldIn(kind, field)).toEqual(field);
      }
      for (const field of optionFieldsOf(kind)) expect(optionFieldIn(kind, field)).toEqual(field);
    }
    for (const preset of DECLARATIVE_PRESETS) {
      expect(presetTexts(preset)).toEqual({
        category: preset.category,
        name: preset.name,
        description: preset.description,
      });
    }
    expect(privateNetworkMessage(PRIVATE_ADDRESS_NOT_ALLOWED)).toBe(PRIVATE_ADDRESS_NOT_ALLOWED);
  });
});

describe('the administration’s texts from the contracts, in English', () => {
  it('name and explain auth modes, options, secrets and models in English', async () => {
    await setLanguage('en');
    expect(authModeTextsIn('glpi', 'service_account')).toEqual({
      label: 'Service account',
      help: 'A technical account reads the entity; Pléiade only keeps the tickets requested by the signed-in staff member.',
    });
    expect(authModeTextsIn('nextcloud', 'oidc_token').label).toBe('Staff member’s OpenID Connect token');

    const tls = optionFieldsOf('imap').find((field) => field.name === 'tls');
    if (tls === undefined) throw new Error('IMAP has a TLS option');
    const english = optionFieldIn('imap', tls);
    expect(english.label).toBe('Encryption');
    expect(optionExpectation(english)).toBe(
      'Choose: TLS (port 993), STARTTLS (port 143), None (server on this machine only).',
    );
    const port = optionFieldsOf('imap').find((field) => field.name === 'port');
    if (port === undefined) throw new Error('IMAP has a port option');
    expect(optionExpectation(port)).toMatch(/^Enter a whole number between \d+ and \d+\.$/);
    const audience = optionFieldsOf('matrix').find((field) => field.name === 'tokenExchangeAudience');
    if (audience === undefined) throw new Error('every application has the token exchange’s audience');
    expect(optionFieldIn('matrix', audience)).toMatchObject({
      label: 'Audience of the exchanged token',
      expectation: 'Enter the audience (200 characters at most), or leave blank.',
    });

    expect(secretLabel('matrix', 'asToken')).toBe('Application service token (as_token)');
    expect(secretLabel('zimbra', 'spare')).toBe('spare');
    const leave = DECLARATIVE_PRESETS.find((preset) => preset.id === 'time-leave-balance');
    if (leave === undefined) throw new Error('the leave balance is a model');
    expect(presetTexts(leave)).toMatchObject({ category: 'Time management', name: 'Annual leave balance' });
    expect(shapeLabel('table')).toBe('Table');
    expect(privateNetworkMessage(PRIVATE_NETWORKS_OPERATOR_ONLY)).toMatch(/^Only the installation’s operator/);
    expect(privateNetworkMessage('Autre chose.')).toBe('Autre chose.');
  });

  it('say in English what no longer suits a connector', async () => {
    await setLanguage('en');
    const problems = settingsProblems({
      id: '00000000-0000-4000-8000-000000000001',
      kind: 'zimbra',
      label: 'Messagerie',
      baseUrl: 'https://mail.mairie.test',
      authMode: 'oidc_token',
      options: { port: 993 },
      secretNames: [],
      allowPrivateNetworks: [],
      enabled: true,
      createdAt: '2026-11-30T08:00:00.000Z',
      updatedAt: '2026-11-30T08:00:00.000Z',
    });
    expect(problems).toEqual([
      'The method “Staff member’s OpenID Connect token” is not possible for Zimbra: choose another one.',
      'Some options no longer suit this application: check them.',
    ]);
  });
});
