import { describe, expect, it } from 'vitest';
import { isValidSiren, sirenOfSiret } from './siren.js';

describe('SIREN and SIRET', () => {
  it('accepts real SIRENs and refuses a mistyped one (Luhn key)', () => {
    // Ville de Lyon, La Poste.
    expect(isValidSiren('216901231')).toBe(true);
    expect(isValidSiren('356000000')).toBe(true);
    expect(isValidSiren('216901232')).toBe(false);
    expect(isValidSiren('21690123')).toBe(false);
    expect(isValidSiren('21690123a')).toBe(false);
  });

  it('takes the SIREN of a 14-digit SIRET, spaces tolerated, and nothing else', () => {
    expect(sirenOfSiret('21690123100012')).toBe('216901231');
    expect(sirenOfSiret('216 901 231 00012')).toBe('216901231');
    expect(sirenOfSiret('216901231')).toBeUndefined();
    expect(sirenOfSiret('2169012310001X')).toBeUndefined();
    expect(sirenOfSiret(21690123100012)).toBeUndefined();
    expect(sirenOfSiret(undefined)).toBeUndefined();
  });
});
