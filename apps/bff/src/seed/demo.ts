import type { CollectiviteSeed } from '../config-file.js';
import type { Db } from '../db/client.js';

/** The two demo collectivités of the one-command start, matching the demo IdP's accounts. */
export const DEMO_COLLECTIVITES: CollectiviteSeed[] = [
  {
    slug: 'demo-a',
    name: 'Commune de démonstration A',
    appLinks: [
      {
        label: 'Messagerie',
        url: 'https://messagerie.demo-a.pleiade.test/',
        description: 'Courriel et agenda (Zimbra)',
        allowedGroups: [],
      },
      {
        label: 'Fichiers',
        url: 'https://fichiers.demo-a.pleiade.test/',
        description: 'Documents partagés (Nextcloud)',
        allowedGroups: ['app-nextcloud'],
      },
      {
        label: 'Parapheur',
        url: 'https://parapheur.demo-a.pleiade.test/',
        description: 'Circuits de signature (i-Parapheur)',
        allowedGroups: ['app-parapheur'],
      },
      {
        label: 'Séances',
        url: 'https://idelibre.demo-a.pleiade.test/',
        description: 'Convocations et séances (i-delibRE)',
        allowedGroups: ['app-idelibre'],
      },
      {
        label: 'Pastell',
        url: 'https://pastell.demo-a.pleiade.test/',
        description: 'Flux dématérialisés (Pastell)',
        allowedGroups: ['app-pastell'],
      },
    ],
  },
  {
    slug: 'demo-b',
    name: 'Communauté de communes de démonstration B',
    appLinks: [
      {
        label: 'Messagerie',
        url: 'https://messagerie.demo-b.pleiade.test/',
        description: 'Courriel et agenda',
        allowedGroups: [],
      },
      {
        label: 'Fichiers',
        url: 'https://fichiers.demo-b.pleiade.test/',
        description: 'Documents partagés (Nextcloud)',
        allowedGroups: ['app-nextcloud'],
      },
    ],
  },
];

/**
 * Creates the collectivités that do not exist yet, with their launcher links. Idempotent: an
 * existing collectivité keeps its name, and its links once it has any (an administrator's edits win).
 */
export async function ensureCollectivites(db: Db, seeds: CollectiviteSeed[]): Promise<void> {
  for (const seed of seeds) {
    const collectivite = await db.collectivite.upsert({
      where: { slug: seed.slug },
      create: { slug: seed.slug, name: seed.name },
      update: {},
    });
    if (!seed.appLinks?.length || (await db.appLink.count({ where: { collectiviteId: collectivite.id } })) > 0)
      continue;
    await db.appLink.createMany({
      data: seed.appLinks.map((link, position) => ({
        label: link.label,
        url: link.url,
        description: link.description ?? '',
        allowedGroups: link.allowedGroups ?? [],
        position,
        collectiviteId: collectivite.id,
      })),
    });
  }
}
