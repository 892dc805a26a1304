/**
 * SIREN (9 digits: an organisation, e.g. a commune) and SIRET (14 digits: one of its
 * establishments, SIREN + NIC). ProConnect names a person's organisation by its SIRET; Pléiade
 * finds the collectivité by the SIREN, its first nine digits.
 */

/** The Luhn check every SIREN carries in its last digit (INSEE): catches a mistyped one. */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function isValidSiren(value: string): boolean {
  return /^\d{9}$/.test(value) && luhn(value);
}

/**
 * The SIREN of a SIRET as ProConnect sends it ("21690123100012", spaces tolerated), or undefined
 * when it is not 14 digits. The SIRET's own key is not checked: La Poste's establishments do not
 * follow it, and only the SIREN is used.
 */
export function sirenOfSiret(siret: unknown): string | undefined {
  if (typeof siret !== 'string') return undefined;
  const digits = siret.replace(/\s+/g, '');
  return /^\d{14}$/.test(digits) ? digits.slice(0, 9) : undefined;
}
