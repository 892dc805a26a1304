import type { Role } from '@pleiade/contracts';

export const ROLE_LABELS: Record<Role, string> = {
  agent: 'Agent',
  elu: 'Élu',
  admin: 'Administrateur',
  operator: 'Opérateur',
};
