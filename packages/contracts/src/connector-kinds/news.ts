import { z } from 'zod';
import { defineConnectorKind, option } from './definition.js';

/**
 * A news feed (RSS or Atom) of the collectivité's web site, or of any site its administrator
 * chooses: the address is the connector's (base URL + feed path), set in the administration like
 * any connected application, so it goes through the same address guard (private networks only by
 * the operator's choice), limits and cache. The BFF fetches, parses and turns the feed into text;
 * the browser never calls the site.
 */
export const news = defineConnectorKind('news', {
  label: 'Flux d’actualités (RSS ou Atom)',
  suggestedAuthMode: 'none',
  authModes: { none: { credential: 'none', secrets: [] } },
  options: {
    /** The feed's path on the site, without query string: `/actualites/rss.xml`. */
    feedPath: option(
      z
        .string()
        .max(500)
        .regex(/^\/[^?#\s\\]*$/, 'un chemin commençant par /'),
      {
        label: 'Chemin du flux sur le site',
        type: 'text',
        maxLength: 500,
        example: '/actualites/rss.xml',
        expectation: 'Indiquez le chemin du flux sur le site, commençant par « / » (500 caractères au plus).',
        help: 'Par exemple « /actualites/rss.xml » pour https://www.mairie.fr/actualites/rss.xml.',
      },
    ),
    /** Most articles shown. */
    maxItems: option(z.number().int().min(1).max(30).default(8), {
      label: 'Nombre d’articles affichés',
      type: 'integer',
      min: 1,
      max: 30,
    }),
  },
  feeds: ['news'],
});
