import type { AppLinksResponse } from '@pleiade/contracts';
import type { Db } from '../db/client.js';
import type { Principal } from '../auth/principal.js';

/** The launcher links of the principal's collectivité that their groups may see. */
export async function listVisibleAppLinks(db: Db, principal: Principal): Promise<AppLinksResponse> {
  const links = await db.appLink.findMany({
    where: {
      collectiviteId: principal.collectiviteId,
      OR: [{ allowedGroups: { isEmpty: true } }, { allowedGroups: { hasSome: principal.groups } }],
    },
    orderBy: [{ position: 'asc' }, { label: 'asc' }],
  });
  return {
    links: links.map((link) => ({ id: link.id, label: link.label, url: link.url, description: link.description })),
  };
}
