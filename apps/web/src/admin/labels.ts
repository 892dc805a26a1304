import type { Role } from '@pleiade/contracts';

/** Who may open the administration page; the API answers 403 to everyone else anyway. */
export function canAdminister(role: Role): boolean {
  return role === 'admin' || role === 'operator';
}
