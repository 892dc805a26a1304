import { nextcloudAppLabel } from '@pleiade/contracts';
import type { ActionableItem } from '../actionable.js';
import type { ConnectorImplementation, ActionItemsEntry } from '../definition.js';
import { byLogin, exchangedBearer, personalBasic, serviceAccountBasic, sessionBearer } from '../credential-kit.js';
import {
  NEXTCLOUD_CLIENT_HEADERS,
  readNextcloudDashboard,
  readNextcloudFiles,
  readNextcloudNotifications,
} from './nextcloud.js';

const MINUTE = 60_000;
const perUser = () => 'user' as const;

/** « À traiter »: the person's notifications, each something to look at (a share, a mention, a call). */
const actionItems: ActionItemsEntry<'nextcloud'> = {
  async read(context) {
    const data = await readNextcloudNotifications(context, {});
    return data.items.map((item): ActionableItem => ({
      source: 'nextcloud',
      id: `nextcloud:${item.id}`,
      title: item.subject,
      context: nextcloudAppLabel(item.app),
      status: item.action ? item.action.label : 'Notification à consulter',
      dueAt: null,
      updatedAt: item.at,
      urgent: false,
      url: item.action?.url ?? item.url ?? data.appUrl,
      concerns: { scope: 'person', login: context.user.login },
    }));
  },
  ttlMs: MINUTE,
};

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
  actionItems,
};
