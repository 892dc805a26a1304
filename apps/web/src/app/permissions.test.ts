import { describe, expect, it } from 'vitest';
import { ROLES, type Me, type Role } from '@pleiade/contracts';
import { testId } from '../test/factories';
import { canAdminister, canAllowPrivateNetworks, subjectOf } from './permissions';

function me(role: Role): Me {
  return {
    id: testId(),
    displayName: 'Camille Martin',
    email: null,
    role,
    groups: ['agents'],
    collectivite: { id: testId(), slug: 'demo-a', name: 'Commune de démonstration A' },
    language: null,
  };
}

describe('permissions in the SPA', () => {
  it('offers the administration to administrators and operators only', () => {
    expect(Object.fromEntries(ROLES.map((role) => [role, canAdminister(me(role))]))).toEqual({
      agent: false,
      elu: false,
      admin: true,
      operator: true,
    });
  });

  it('lets only the operator change private networks in the connector form', () => {
    expect(Object.fromEntries(ROLES.map((role) => [role, canAllowPrivateNetworks(me(role))]))).toEqual({
      agent: false,
      elu: false,
      admin: false,
      operator: true,
    });
  });

  it('asks the policies as the person the API knows', () => {
    const person = me('agent');
    expect(subjectOf(person)).toEqual({
      userId: person.id,
      collectiviteId: person.collectivite.id,
      role: 'agent',
      groups: ['agents'],
    });
  });
});
