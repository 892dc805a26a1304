import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { mapClaims } from './identity.js';

const mapping = loadConfig({}).defaultIdentity;
const issuer = 'http://auth.pleiade.localhost:8480';

describe('mapClaims', () => {
  it('maps a LemonLDAP::NG administrator (groups as an array, unstable order)', () => {
    const result = mapClaims(
      issuer,
      {
        sub: 'sophie.bernard',
        name: 'Sophie Bernard',
        email: 'sophie.bernard@venissieux.pleiade.test',
        collectivite: 'venissieux',
        groups: ['app-nextcloud', 'admins-venissieux', 'agents'],
      },
      mapping,
    );
    expect(result).toEqual({
      ok: true,
      identity: {
        issuer,
        subject: 'sophie.bernard',
        login: 'sophie.bernard',
        displayName: 'Sophie Bernard',
        email: 'sophie.bernard@venissieux.pleiade.test',
        collectiviteSlug: 'venissieux',
        groups: ['admins-venissieux', 'agents', 'app-nextcloud'],
        role: 'admin',
      },
    });
  });

  it('does not make an administrator of another collectivité an administrator here', () => {
    const result = mapClaims(
      issuer,
      { sub: 'x', collectivite: 'givors', groups: ['agents', 'admins-venissieux'] },
      mapping,
    );
    expect(result.ok && result.identity.role).toBe('agent');
  });

  it('reads groups given as a joined string and builds a name from given and family names', () => {
    const result = mapClaims(
      issuer,
      {
        sub: 'j',
        given_name: 'Jean',
        family_name: 'Martin',
        collectivite: 'Venissieux',
        groups: 'elus, app-parapheur',
      },
      mapping,
    );
    expect(result).toMatchObject({
      ok: true,
      identity: { role: 'elu', displayName: 'Jean Martin', collectiviteSlug: 'venissieux' },
    });
  });

  it('makes members of the operators group operators, above administrators', () => {
    const withOperators = { ...mapping, roleGroups: { ...mapping.roleGroups, operator: ['pleiade-operators'] } };
    const groups = ['admins-givors', 'pleiade-operators'];
    const result = mapClaims(issuer, { sub: 'o', collectivite: 'givors', groups }, withOperators);
    expect(result.ok && result.identity.role).toBe('operator');
  });

  it('reports a missing collectivité or role instead of guessing', () => {
    expect(mapClaims(issuer, { sub: 'a', groups: ['agents'] }, mapping)).toEqual({
      ok: false,
      problem: 'NO_COLLECTIVITE',
    });
    expect(mapClaims(issuer, { sub: 'a', collectivite: 'givors', groups: ['app-nextcloud'] }, mapping)).toEqual({
      ok: false,
      problem: 'NO_ROLE',
    });
    expect(mapClaims(issuer, { sub: 'a', collectivite: 'givors' }, mapping)).toEqual({ ok: false, problem: 'NO_ROLE' });
  });
});
