import { describe, expect, it } from 'vitest';
import { appLink, clip, firstHttpLink, safeLink } from './operation-kit.js';

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
