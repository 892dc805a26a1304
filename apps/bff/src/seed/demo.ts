import type { CollectiviteSeed } from '../config-file.js';
import type { Db } from '../db/client.js';

/** The two demo collectivités of the one-command start, matching the demo IdP's accounts. */
export const DEMO_COLLECTIVITES: CollectiviteSeed[] = [
  {
    slug: 'demo-a',
    name: 'Commune de démonstration A',
    // Fictitious (département 99 has no commune): the SIRETs of the demo ProConnect accounts start with it.
    siren: '219900016',
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
    siren: '249900028',
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
 * existing collectivité keeps its name, and its links once they were provisioned (an administrator's
 * edits win, removing every link included: `appLinksProvisioned` remembers).
 * A SIREN given here is set (the configuration is its only source); one another collectivité
 * already holds stops the start with both named.
 */
export async function ensureCollectivites(db: Db, seeds: CollectiviteSeed[]): Promise<void> {
  for (const seed of seeds) {
    if (seed.siren) {
      const holder = await db.collectivite.findUnique({ where: { siren: seed.siren }, select: { slug: true } });
      if (holder && holder.slug !== seed.slug) {
        throw new Error(
          `Le SIREN ${seed.siren} de la collectivité « ${seed.slug} » est déjà celui de « ${holder.slug} ».`,
        );
      }
    }
    const collectivite = await db.collectivite.upsert({
      where: { slug: seed.slug },
      create: { slug: seed.slug, name: seed.name, siren: seed.siren ?? null },
      update: seed.siren ? { siren: seed.siren } : {},
    });
    if (!seed.appLinks?.length || collectivite.appLinksProvisioned) continue;
    if ((await db.appLink.count({ where: { collectiviteId: collectivite.id } })) > 0) {
      await db.collectivite.update({ where: { id: collectivite.id }, data: { appLinksProvisioned: true } });
      continue;
    }
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
    await db.collectivite.update({ where: { id: collectivite.id }, data: { appLinksProvisioned: true } });
  }
}
