import { CONNECTED_WIDGET_KINDS, WIDGET_CONNECTOR_KINDS } from '@pleiade/contracts';
import { describe, expect, it } from 'vitest';
import { appLink, clip, firstHttpLink, safeLink } from './operation-kit.js';
import type { ConnectorConfig } from './operation.js';
import { WIDGET_OPERATIONS } from './operations.js';

const nextcloud = (authMode: ConnectorConfig['authMode']): ConnectorConfig => ({
  id: '0b5d3c1e-9f8a-4b7c-8d6e-5f4a3b2c1d0e',
  kind: 'nextcloud',
  label: 'Nextcloud',
  baseUrl: 'https://cloud.mairie.test/',
  authMode,
  options: {},
  allowPrivateNetworks: [],
});

describe('WIDGET_OPERATIONS', () => {
  it('reads every connected widget from each connector kind the contracts allow, visio aside', () => {
    for (const kind of CONNECTED_WIDGET_KINDS) {
      const expected = kind === 'visio' ? [] : [...WIDGET_CONNECTOR_KINDS[kind]].sort();
      expect(Object.keys(WIDGET_OPERATIONS[kind]).sort(), kind).toEqual(expected);
      for (const entry of Object.values(WIDGET_OPERATIONS[kind])) {
        expect(entry.ttlMs, kind).toBeGreaterThanOrEqual(10_000);
        expect(entry.ttlMs, kind).toBeLessThanOrEqual(15 * 60_000);
      }
    }
  });

  it('shares the Nextcloud dashboard cache across the collectivité only when read with the service account', () => {
    const dashboard = WIDGET_OPERATIONS['nextcloud-dashboard'].nextcloud;
    expect(dashboard?.scope(nextcloud('service_account'))).toBe('collectivite');
    expect(dashboard?.scope(nextcloud('oidc_token'))).toBe('user');
    expect(WIDGET_OPERATIONS['nextcloud-notifications'].nextcloud?.scope(nextcloud('service_account'))).toBe('user');
    expect(dashboard?.clientHeaders).toMatchObject({ 'OCS-APIRequest': 'true' });
  });
});

describe('links and text from upstreams', () => {
  it('keeps only absolute http(s) links, resolved against the base URL', () => {
    const base = 'https://cloud.mairie.test/nextcloud/';
    expect(safeLink('/index.php/f/7', base)).toBe('https://cloud.mairie.test/index.php/f/7');
    expect(safeLink('index.php/f/7', base)).toBe('https://cloud.mairie.test/nextcloud/index.php/f/7');
    for (const hostile of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      'https://u:p@x.test/',
    ]) {
      expect(safeLink(hostile, base), hostile).toBeUndefined();
    }
    expect(safeLink(`https://x.test/${'a'.repeat(5000)}`, base)).toBeUndefined();
    expect(appLink('https://mail.mairie.test/zimbra', '?app=mail')).toBe('https://mail.mairie.test/zimbra/?app=mail');
    expect(appLink('https://mail.mairie.test/webmail')).toBe('https://mail.mairie.test/webmail/');
  });

  it('finds the first http(s) link of free text, never another scheme', () => {
    expect(firstHttpLink('javascript:alert(1)', 'Rejoindre : https://visio.test/salle-12.')).toBe(
      'https://visio.test/salle-12',
    );
    expect(firstHttpLink('Salle du conseil', null)).toBeUndefined();
  });

  it('bounds upstream text', () => {
    expect(clip('  a\n  b ')).toBe('a b');
    expect(Array.from(clip('é'.repeat(600), 500))).toHaveLength(500);
    expect(clip(undefined)).toBe('');
  });
});
