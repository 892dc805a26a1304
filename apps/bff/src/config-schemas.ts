import { z } from 'zod';
import { isValidSiren } from './siren.js';

/** Value schemas shared by the environment (config.ts) and the configuration file (config-file.ts). */

/** An OpenID issuer: https, or http on this machine only (demo IdP, test LemonLDAP::NG). */
export const issuerUrl = z
  .url({ protocol: /^https?$/, error: 'une URL http(s) absolue' })
  .refine(
    (value) => value.startsWith('https:') || (URL.canParse(value) && isLoopbackHost(new URL(value).hostname)),
    'une URL https (http seulement vers cette machine : localhost, *.localhost, 127.0.0.1, ::1)',
  );
export const signingAlg = z.enum([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
]);

function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname) ||
    hostname === '[::1]'
  );
}

/** A collectivité's SIREN: 9 digits with a valid check digit. */
export const siren = z
  .string()
  .regex(/^\d{9}$/, 'un SIREN de 9 chiffres')
  .refine(isValidSiren, 'un SIREN valide (la clé de contrôle, dernier chiffre, ne correspond pas)');
