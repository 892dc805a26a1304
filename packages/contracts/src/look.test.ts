import { describe, expect, it } from 'vitest';
import {
  appLinkInputSchema,
  checkPrimaryColour,
  contrastRatio,
  formatContrastRatio,
  relativeLuminance,
  updateLookRequestSchema,
} from './index.js';

describe('contrast', () => {
  it('measures WCAG ratios', () => {
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 6);
    expect(relativeLuminance('#000000')).toBe(0);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 6);
    // Known values (WebAIM contrast checker).
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#1d4ed8', '#ffffff')).toBeCloseTo(6.7, 1);
  });

  it('accepts a primary colour at 4.5:1 or more against white and the page, refuses below with the lowest ratio in French', () => {
    expect(checkPrimaryColour('#6b6b6b')).toMatchObject({ ok: true });
    expect(checkPrimaryColour('#1D4ED8')).toMatchObject({ ok: true });
    const refused = checkPrimaryColour('#ffd700');
    expect(refused.ok).toBe(false);
    expect(refused).toMatchObject({
      message:
        'Contraste insuffisant : 1,27:1 avec le texte blanc ou le fond des pages, il faut au moins 4,5:1. Choisissez une couleur plus foncée.',
    });
    // 4.54:1 on white, but 4.12:1 on the grey page: refused.
    expect(checkPrimaryColour('#767676')).toMatchObject({ ok: false, message: expect.stringContaining('4,12:1') });
  });

  it('never rounds a ratio up to pass', () => {
    expect(formatContrastRatio(4.499)).toBe('4,49:1');
    expect(formatContrastRatio(21)).toBe('21,00:1');
  });
});

describe('look and launcher link requests', () => {
  it('take a #rrggbb colour or none', () => {
    expect(updateLookRequestSchema.parse({ name: ' Ville ', primaryColor: '#AABBCC' })).toEqual({
      name: 'Ville',
      primaryColor: '#aabbcc',
    });
    expect(updateLookRequestSchema.safeParse({ name: 'Ville', primaryColor: 'red' }).success).toBe(false);
    expect(updateLookRequestSchema.safeParse({ name: '', primaryColor: null }).success).toBe(false);
  });

  it('take only http(s) addresses for links', () => {
    const link = (url: string) => appLinkInputSchema.safeParse({ label: 'Lien', url }).success;
    expect(link('https://mairie.example.fr/rh')).toBe(true);
    expect(link('http://intranet.mairie.fr')).toBe(true);
    expect(link('javascript:alert(1)')).toBe(false);
    expect(link('ftp://files.example.fr')).toBe(false);
    expect(link('data:text/html,hi')).toBe(false);
    expect(link('mairie.fr')).toBe(false);
  });
});
