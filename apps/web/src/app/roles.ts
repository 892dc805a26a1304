import type { Role } from '@pleiade/contracts';
import { i18n } from '../i18n';

/** A role as people read it, in the interface's language (« Agent », « Élu »…). */
export const roleLabel = (role: Role): string => i18n.t(`common:roles.${role}`);
