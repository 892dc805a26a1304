import type { ConnectorImplementation } from '../definition.js';
import { byEmail, personalBasic, refused, serviceAccountBasic } from '../credential-kit.js';
import { withAuthToken } from './soap.js';
import { readZimbraAgenda, readZimbraImportantMail, readZimbraMail } from './zimbra.js';

const MINUTE = 60_000;
const perUser = () => 'user' as const;

/** Zimbra (contracts: connector-kinds/zimbra.ts). */
export const zimbra: ConnectorImplementation<'zimbra'> = {
  operations: {
    mail: { read: readZimbraMail, scope: perUser, ttlMs: MINUTE },
    agenda: { read: readZimbraAgenda, scope: perUser, ttlMs: 5 * MINUTE },
  },
  credentials: {
    // The domain's key pre-authenticates the person's own address, from the session.
    zimbra_preauth: {
      resolve({ secrets, user }) {
        const preauthKey = secrets.preauthKey;
        if (!preauthKey) return refused('not_configured');
        if (!user.email) return refused('credentials_refused');
        return {
          ok: true,
          credential: { type: 'zimbra_preauth', account: user.email, preauthKey: preauthKey.reveal() },
        };
      },
    },
    personal_secret: personalBasic(byEmail),
    service_account: serviceAccountBasic(),
  },
  // The web client's page: Zimbra has no public status endpoint.
  probePath: '/',
  // The person's auth token, obtained at sign-in rather than on their first mail or agenda read.
  prepare: (context) => withAuthToken(context, async () => undefined),
  // « À traiter »: unread mail flagged or marked high priority.
  actionItems: { read: readZimbraImportantMail, ttlMs: MINUTE },
};
