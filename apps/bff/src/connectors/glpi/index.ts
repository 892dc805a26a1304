import { personalBearer, serviceAccountBasic } from '../credential-kit.js';
import type { ConnectorImplementation } from '../definition.js';

/**
 * GLPI (contracts: connector-kinds/glpi.ts). Its « Mes tickets » is a declarative source
 * (preset `glpi-my-tickets`) read by src/declarative/glpi-reads.ts with api.ts: the person's own
 * remote access key (personal secret, sent as `user_token`), or the technical account whose rows
 * are checked against the person.
 */
export const glpi: ConnectorImplementation<'glpi'> = {
  operations: {},
  credentials: {
    personal_secret: personalBearer,
    service_account: serviceAccountBasic(),
  },
  // GLPI's API answers its documentation page without credentials.
  probePath: '/apirest.php/',
};
