import { describe, expect, it } from 'vitest';
import type { ProConnectAccess, ProConnectSettings } from '../config.js';
import { acrSatisfies, mapProConnectClaims } from './proconnect.js';

const issuer = 'https://auth.agentconnect.gouv.fr/api/v2';
const noOne = { agent: [], elu: [], admin: [], operator: [] };

type Rules = Partial<Omit<ProConnectAccess, 'people'>> & { people?: Partial<ProConnectAccess['people']> };

function settings(access: Record<string, Rules>): ProConnectSettings {
  return {
    acrValues: ['eidas1'],
    userinfoSigningAlg: 'RS256',
    access: Object.fromEntries(
      Object.entries(access).map(([slug, rules]) => [
        slug,
        { defaultRole: undefined, identityProviders: undefined, ...rules, people: { ...noOne, ...rules.people } },
      ]),
    ),
  };
}

const claims = {
  sub: 'b6a2c0e4f1',
  given_name: 'Camille',
  usual_name: 'Martin',
  email: 'Camille.Martin@ville-exemple.fr',
  uid: 'cmartin',
  siret: '21690123100012',
  idp_id: 'idp-ville',
};

describe('mapProConnectClaims', () => {
  it('gives the default role of the collectivité to anyone not named, with the name ProConnect gives', () => {
    const result = mapProConnectClaims(
      issuer,
      claims,
      'ville-exemple',
      settings({ 'ville-exemple': { defaultRole: 'agent' } }),
    );
    expect(result).toEqual({
      ok: true,
      identity: {
        issuer,
        subject: 'b6a2c0e4f1',
        displayName: 'Camille Martin',
        email: 'camille.martin@ville-exemple.fr',
        login: 'camille.martin',
        collectiviteSlug: 'ville-exemple',
        groups: [],
        role: 'agent',
      },
    });
  });

  it('gives a named person their role (the highest when named twice), whatever the e-mail case', () => {
    const rules = settings({
      'ville-exemple': {
        defaultRole: 'agent',
        people: { elu: ['camille.martin@ville-exemple.fr'], admin: ['camille.martin@ville-exemple.fr'] },
      },
    });
    const result = mapProConnectClaims(issuer, claims, 'ville-exemple', rules);
    expect(result.ok && result.identity.role).toBe('admin');
  });

  it('refuses without a role: nobody named and no default role', () => {
    const rules = settings({ 'ville-exemple': { people: { admin: ['dsi@ville-exemple.fr'] } } });
    expect(mapProConnectClaims(issuer, claims, 'ville-exemple', rules)).toEqual({ ok: false, problem: 'NO_ROLE' });
  });

  it('keeps only the identity providers listed for the collectivité', () => {
    const only = (identityProviders: string[]) =>
      settings({ 'ville-exemple': { defaultRole: 'agent', identityProviders } });
    expect(mapProConnectClaims(issuer, claims, 'ville-exemple', only(['idp-ville'])).ok).toBe(true);
    expect(mapProConnectClaims(issuer, claims, 'ville-exemple', only(['proconnect-identite']))).toEqual({
      ok: false,
      problem: 'NO_ROLE',
    });
    const { idp_id: _idp, ...withoutIdp } = claims;
    expect(mapProConnectClaims(issuer, withoutIdp, 'ville-exemple', only(['idp-ville'])).ok).toBe(false);
  });

  it('refuses a SIRET of no known collectivité, and a collectivité not opened to ProConnect', () => {
    const rules = settings({ 'ville-exemple': { defaultRole: 'agent' } });
    expect(mapProConnectClaims(issuer, claims, undefined, rules)).toEqual({ ok: false, problem: 'NO_COLLECTIVITE' });
    expect(mapProConnectClaims(issuer, claims, 'autre-ville', rules)).toEqual({
      ok: false,
      problem: 'UNKNOWN_COLLECTIVITE',
    });
  });

  it('falls back on the e-mail, then the subject, for a person without names', () => {
    const rules = settings({ 'ville-exemple': { defaultRole: 'elu' } });
    const { given_name: _g, usual_name: _u, ...nameless } = claims;
    const result = mapProConnectClaims(issuer, nameless, 'ville-exemple', rules);
    expect(result.ok && [result.identity.displayName, result.identity.role]).toEqual([
      'camille.martin@ville-exemple.fr',
      'elu',
    ]);
  });
});

describe('acrSatisfies', () => {
  it('accepts the level asked or a higher eIDAS level, and nothing else', () => {
    expect(acrSatisfies('eidas1', ['eidas1'])).toBe(true);
    expect(acrSatisfies('eidas3', ['eidas1'])).toBe(true);
    expect(acrSatisfies('eidas1', ['eidas2'])).toBe(false);
    expect(acrSatisfies('eidas0', ['eidas1'])).toBe(false);
    expect(acrSatisfies(undefined, ['eidas1'])).toBe(false);
    const selfAsserted = 'https://proconnect.gouv.fr/assurance/self-asserted';
    expect(acrSatisfies(selfAsserted, [selfAsserted])).toBe(true);
    expect(acrSatisfies(selfAsserted, ['eidas1'])).toBe(false);
    expect(acrSatisfies('eidas2', [selfAsserted])).toBe(false);
  });
});
