import { can, type AppLinksResponse } from '@pleiade/contracts';
import type { Db } from '../db/client.js';
import type { Principal } from '../auth/principal.js';

/** The launcher links of the principal's collectivité that the policy `appLink.read` lets them see. */
export async function listVisibleAppLinks(db: Db, principal: Principal): Promise<AppLinksResponse> {
  // A handful per collectivité: read them all, let the policy choose.
  const links = await db.appLink.findMany({
    where: { collectiviteId: principal.collectiviteId },
    orderBy: [{ position: 'asc' }, { label: 'asc' }],
  });
  return {
    links: links
      .filter((link) =>
        can(principal, 'appLink.read', { collectiviteId: link.collectiviteId, audience: link.allowedGroups }),
      )
      .map((link) => ({ id: link.id, label: link.label, url: link.url, description: link.description })),
  };
}
