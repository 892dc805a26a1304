import type { ConnectorImplementation } from '../definition.js';
import { byLogin, exchangedBearer, personalBasic, serviceAccountBasic, sessionBearer } from '../credential-kit.js';
import {
  NEXTCLOUD_CLIENT_HEADERS,
  readNextcloudDashboard,
  readNextcloudFiles,
  readNextcloudNotifications,
} from './nextcloud.js';

const MINUTE = 60_000;
const perUser = () => 'user' as const;

/** Nextcloud (contracts: connector-kinds/nextcloud.ts). */
export const nextcloud: ConnectorImplementation<'nextcloud'> = {
  operations: {
    'nextcloud-notifications': { read: readNextcloudNotifications, scope: perUser, ttlMs: MINUTE },
    'nextcloud-files': { read: readNextcloudFiles, scope: perUser, ttlMs: 2 * MINUTE },
    'nextcloud-dashboard': {
      read: readNextcloudDashboard,
      // Read with the service account, every member sees the same items: one cache entry for all.
      scope: (connector) => (connector.authMode === 'service_account' ? 'collectivite' : 'user'),
      ttlMs: 5 * MINUTE,
    },
  },
  credentials: {
    oidc_token: sessionBearer,
    token_exchange: exchangedBearer,
    personal_secret: personalBasic(byLogin),
    service_account: serviceAccountBasic(),
  },
  // Answers without credentials (installed, version, maintenance).
  probePath: '/status.php',
  // Every OCS call needs OCS-APIRequest (Nextcloud's CSRF check): on the client, for every widget.
  clientHeaders: NEXTCLOUD_CLIENT_HEADERS,
};
