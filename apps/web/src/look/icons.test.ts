import { describe, expect, it } from 'vitest';
import { WIDGET_KINDS } from '@pleiade/contracts';
import { linkIconOf, widgetIconOf } from './icons';

describe('application icons', () => {
  it('give each widget kind an icon of its own, and a generic one otherwise', () => {
    const icons = WIDGET_KINDS.map(widgetIconOf);
    expect(new Set(icons).size).toBe(WIDGET_KINDS.length);
    expect(widgetIconOf('inconnu')).toBe('dashboard');
  });

  it('recognise launcher links by their name or address', () => {
    expect(linkIconOf({ label: 'Messagerie', url: 'https://x.fr/' })).toBe('mail');
    expect(linkIconOf({ label: 'Séances', url: 'https://x.fr/' })).toBe('gavel');
    expect(linkIconOf({ label: 'Portail', url: 'https://parapheur.ville.fr/' })).toBe('signature');
    expect(linkIconOf({ label: 'Portail', url: 'https://portail.ville.fr/' })).toBe('link');
  });
});
