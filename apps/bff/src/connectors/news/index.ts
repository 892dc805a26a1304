import type { ConnectorImplementation } from '../definition.js';
import { noCredential } from '../credential-kit.js';
import { MAX_FEED_BYTES, readNews } from './feed.js';

/** A news feed (contracts: connector-kinds/news.ts): the same articles for every member. */
export const news: ConnectorImplementation<'news'> = {
  operations: {
    news: { read: readNews, scope: () => 'collectivite', ttlMs: 10 * 60_000 },
  },
  credentials: { none: noCredential },
  // The site's home page.
  probePath: '/',
  maxContentLength: MAX_FEED_BYTES,
};
