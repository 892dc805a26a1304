import type { ConnectedWidgetKind, ConnectorKind } from '@pleiade/contracts';
import { readCalDavAgenda } from './caldav/caldav-operation.js';
import { readImapMail } from './imap/imap-operation.js';
import { readMatrixChat } from './matrix/matrix.js';
import {
  NEXTCLOUD_CLIENT_HEADERS,
  readNextcloudDashboard,
  readNextcloudFiles,
  readNextcloudNotifications,
} from './nextcloud/nextcloud.js';
import type { ConnectorConfig, WidgetOperation } from './operation.js';
import { readZimbraAgenda, readZimbraMail } from './zimbra/zimbra.js';

export interface OperationEntry<K extends ConnectedWidgetKind> {
  read: WidgetOperation<K>;
  /** Whose data: 'user', or 'collectivite' when every member gets the same answer (e.g. a
   *  Nextcloud dashboard widget read with the service account) — the cache key scope. */
  scope(connector: ConnectorConfig): 'user' | 'collectivite';
  /** Freshness of a cached read (ms). */
  ttlMs: number;
  /** Extra headers every call to this kind of upstream needs (e.g. OCS-APIRequest). */
  clientHeaders?: Record<string, string>;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const perUser = () => 'user' as const;

/**
 * Which connector kinds can read each connected widget, and how. `visio` has no read of its own:
 * the route composes it from an agenda read and the Jitsi connector (jitsi/jitsi.ts).
 */
export const WIDGET_OPERATIONS: { [K in ConnectedWidgetKind]: Partial<Record<ConnectorKind, OperationEntry<K>>> } = {
  mail: {
    zimbra: { read: readZimbraMail, scope: perUser, ttlMs: MINUTE },
    // Each read opens an IMAP session: fresh a little longer than over HTTP.
    imap: { read: readImapMail, scope: perUser, ttlMs: 2 * MINUTE },
  },
  agenda: {
    zimbra: { read: readZimbraAgenda, scope: perUser, ttlMs: 5 * MINUTE },
    caldav: { read: readCalDavAgenda, scope: perUser, ttlMs: 5 * MINUTE },
  },
  'nextcloud-notifications': {
    nextcloud: {
      read: readNextcloudNotifications,
      scope: perUser,
      ttlMs: MINUTE,
      clientHeaders: NEXTCLOUD_CLIENT_HEADERS,
    },
  },
  'nextcloud-files': {
    nextcloud: { read: readNextcloudFiles, scope: perUser, ttlMs: 2 * MINUTE, clientHeaders: NEXTCLOUD_CLIENT_HEADERS },
  },
  'nextcloud-dashboard': {
    nextcloud: {
      read: readNextcloudDashboard,
      // Read with the service account, every member sees the same items: one cache entry for all.
      scope: (connector) => (connector.authMode === 'service_account' ? 'collectivite' : 'user'),
      ttlMs: 5 * MINUTE,
      clientHeaders: NEXTCLOUD_CLIENT_HEADERS,
    },
  },
  chat: {
    matrix: { read: readMatrixChat, scope: perUser, ttlMs: 30 * SECOND },
  },
  visio: {},
};
