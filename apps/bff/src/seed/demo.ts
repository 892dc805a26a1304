import type { Db } from '../db/client.js';

interface DemoLink {
  label: string;
  url: string;
  description: string;
  allowedGroups: string[];
}

interface DemoCollectivite {
  slug: string;
  name: string;
  links: DemoLink[];
}

/** The two demo collectivités of the one-command start, matching the demo IdP's accounts. */
export const DEMO_COLLECTIVITES: DemoCollectivite[] = [
  {
    slug: 'demo-a',
    name: 'Commune de démonstration A',
    links: [
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
    links: [
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

/** Idempotent: creates what is missing, leaves what an administrator changed. */
export async function seedDemo(db: Db): Promise<void> {
  for (const demo of DEMO_COLLECTIVITES) {
    const collectivite = await db.collectivite.upsert({
      where: { slug: demo.slug },
      create: { slug: demo.slug, name: demo.name },
      update: {},
    });
    const existing = await db.appLink.count({ where: { collectiviteId: collectivite.id } });
    if (existing > 0) continue;
    await db.appLink.createMany({
      data: demo.links.map((link, position) => ({ ...link, position, collectiviteId: collectivite.id })),
    });
  }
}

/** Creates the collectivités named in the configuration (COLLECTIVITES) when missing; keeps existing names. */
export async function ensureCollectivites(db: Db, collectivites: { slug: string; name: string }[]): Promise<void> {
  for (const { slug, name } of collectivites) {
    await db.collectivite.upsert({ where: { slug }, create: { slug, name }, update: {} });
  }
}
