import { newsDataSchema, type NewsData } from '@pleiade/contracts';
import {
  DEMO_BUSINESS,
  HOSTILE_FEEDS,
  startSimulators,
  withHostileBusinessText,
  type HostileFeed,
  type Simulators,
} from '@pleiade/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorConfig, testUser } from '../../../test/support/connectors.js';
import { createLogger } from '../../logger.js';
import { UpstreamError } from '../states.js';
import { UpstreamClient } from '../upstream-client.js';
import { FEED_TIMEOUT_MS, MAX_FEED_BYTES, SUMMARY_MAX, TITLE_MAX, htmlToText, readNews } from './feed.js';

// Against the feeds simulator (packages/simulators/src/feeds): its demo feeds, the same with
// hostile texts in every field, and its 15 hostile feeds.
const now = new Date();
let sims: Simulators;
let hostileSims: Simulators;
const clients: UpstreamClient[] = [];
const logger = createLogger('silent');

beforeAll(async () => {
  [sims, hostileSims] = await Promise.all([
    startSimulators({ now: () => now }),
    startSimulators({ now: () => now, business: withHostileBusinessText(DEMO_BUSINESS) }),
  ]);
});
afterAll(async () => {
  for (const client of clients) client.close();
  await Promise.all([sims.close(), hostileSims.close()]);
});

/** Reads the feed at `feedPath` as the news widget does: the BFF's client, with the kind's byte cap. */
async function read(feedPath: string, maxItems = 8, from = sims): Promise<NewsData> {
  const connector = connectorConfig('news', {
    baseUrl: from.urls.feeds,
    allowPrivateNetworks: ['127.0.0.1/32'],
    options: { feedPath, maxItems },
  });
  const client = new UpstreamClient({
    instanceId: 'news-test',
    baseUrl: connector.baseUrl,
    allowPrivateNetworks: connector.allowPrivateNetworks,
    maxContentLength: MAX_FEED_BYTES,
    resilience: { retries: 0 },
  });
  clients.push(client);
  const data = await readNews(
    {
      connector,
      client,
      user: testUser,
      credential: { type: 'none' },
      signal: new AbortController().signal,
      now,
      logger,
    },
    {},
  );
  // What the route checks before answering: the contract (http(s) links only, bounded texts).
  return newsDataSchema.parse(data);
}

async function failure(feedPath: string): Promise<{ status: string; reason: string; ms: number }> {
  const started = performance.now();
  try {
    await read(feedPath);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return { status: error.status, reason: error.reason, ms: performance.now() - started };
  }
  throw new Error(`${feedPath} was read`);
}

/**
 * Nothing a browser could run or fetch: texts hold no markup (the SPA shows them as text anyway; a
 * title may still *say* « javascript: », as words), links are http(s).
 */
function expectHarmless(data: NewsData): void {
  const texts = [data.title, ...data.items.flatMap((item) => [item.title, item.summary])];
  for (const text of texts) expect(text).not.toMatch(/<\s*\/?\s*[a-z!?]/i);
  const links = [data.appUrl, ...data.items.map((item) => item.url)].filter((link) => link !== undefined);
  for (const link of links) expect(new URL(link).protocol).toMatch(/^https?:$/);
}

describe('the news of a collectivité', () => {
  it('reads an RSS 2.0 feed: newest first, plain text, links to the articles', async () => {
    const data = await read('/demo-a/rss.xml');
    expect(data.items).toHaveLength(5);
    const dates = data.items.map((item) => item.publishedAt ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
    for (const item of data.items) {
      expect(item.title.length).toBeGreaterThan(0);
      expect(item.url).toMatch(new RegExp(`^${sims.urls.feeds.replace(/\/$/, '')}/demo-a/actualites/`));
    }
    expect(data.items.some((item) => item.summary.length > 0)).toBe(true);
    expectHarmless(data);
  });

  it('reads an Atom feed the same way', async () => {
    const data = await read('/demo-b/atom.xml');
    expect(data.items).toHaveLength(3);
    expect(data.title).toMatch(/Demo B/);
    expectHarmless(data);
  });

  it('shows at most the number of articles chosen', async () => {
    expect((await read('/demo-a/rss.xml', 2)).items).toHaveLength(2);
  });

  it('neutralises hostile texts in every field of the demo feeds', async () => {
    for (const path of ['/demo-a/rss.xml', '/demo-a/atom.xml', '/demo-b/rss.xml', '/demo-b/atom.xml']) {
      const data = await read(path, 8, hostileSims);
      expect(data.items.length, path).toBeGreaterThan(0);
      expectHarmless(data);
    }
  });
});

describe('the hostile feeds', () => {
  it('are all covered here', () => {
    expect(Object.keys(HOSTILE_FEEDS).sort()).toEqual([...Object.keys(OUTCOMES)].sort());
  });

  /** What each gives: the widget's data (checked harmless), or the failure state and its reason. */
  const OUTCOMES: Record<HostileFeed, 'data' | { status: string; reason: string | RegExp }> = {
    'script.rss': 'data',
    'script.atom': 'data',
    'billion-laughs.rss': { status: 'invalid_response', reason: 'FEED_DTD' },
    'external-entity.rss': { status: 'invalid_response', reason: 'FEED_DTD' },
    'malformed.rss': 'data',
    'truncated.rss': { status: 'invalid_response', reason: 'FEED_PARSE' },
    'huge.rss': { status: 'invalid_response', reason: 'TOO_LARGE' },
    'huge-item.rss': { status: 'invalid_response', reason: 'TOO_LARGE' },
    'deep.rss': { status: 'invalid_response', reason: 'FEED_PARSE' },
    'slow.rss': { status: 'timeout', reason: 'TIMEOUT' },
    'trickle.rss': { status: 'timeout', reason: 'TIMEOUT' },
    'gzip-bomb.rss': { status: 'invalid_response', reason: 'TOO_LARGE' },
    'not-a-feed.rss': { status: 'invalid_response', reason: 'FEED_PARSE' },
    'redirect.rss': { status: 'invalid_response', reason: 'HTTP_302_REDIRECT' },
    'odd.rss': 'data',
  };

  it.each(Object.entries(OUTCOMES))('%s', async (name, outcome) => {
    const path = `/hostile/${name}`;
    if (outcome === 'data') {
      const data = await read(path, 30);
      expectHarmless(data);
      return;
    }
    const { status, reason, ms } = await failure(path);
    expect({ status, reason }).toEqual(outcome);
    // Never longer than the total deadline, whatever the upstream does.
    expect(ms).toBeLessThan(FEED_TIMEOUT_MS + 1_000);
  });

  it('keeps the text of script.rss and drops its script, handlers, frames and dangerous links', async () => {
    const data = await read('/hostile/script.rss', 30);
    expect(data.items.length).toBeGreaterThan(5);
    const summaries = data.items.map((item) => item.summary).join(' ');
    expect(summaries).toMatch(/Résumé/);
    // The payloads were markup: scripts, styles and frames go with their content, handlers with their tags.
    expect(summaries).not.toMatch(/alert\(|document\.cookie|onerror|onload|javascript:|url\(/i);
    // Items whose link is javascript:, data:, vbscript: or file: get none.
    expect(data.items.some((item) => item.url === undefined)).toBe(true);
  });

  it('makes odd.rss readable: a title for every item, no date in the future, relative links resolved, ids unique', async () => {
    const data = await read('/hostile/odd.rss', 30);
    for (const item of data.items) {
      expect(item.title.length).toBeGreaterThan(0);
      expect(item.title.length).toBeLessThanOrEqual(TITLE_MAX);
      expect(item.summary.length).toBeLessThanOrEqual(SUMMARY_MAX);
      if (item.publishedAt) expect(Date.parse(item.publishedAt)).toBeLessThanOrEqual(now.getTime() + 86_400_000);
    }
    expect(new Set(data.items.map((item) => item.id)).size).toBe(data.items.length);
    expect(data.items.some((item) => item.url?.startsWith(sims.urls.feeds.replace(/\/$/, '')))).toBe(true);
    // Items without a usable date come last.
    const firstUndated = data.items.findIndex((item) => item.publishedAt === null);
    if (firstUndated >= 0) expect(data.items.slice(firstUndated).every((item) => item.publishedAt === null)).toBe(true);
  });
});

describe('htmlToText', () => {
  it('keeps words, drops markup and the content of scripts and styles, decodes entities once', () => {
    expect(htmlToText('<p>Travaux <strong>rue</strong> &amp; place<script>alert(1)</script></p>')).toBe(
      'Travaux rue & place',
    );
    expect(htmlToText('<style>a{}</style><img src=x onerror=alert(1)>Conseil')).toBe('Conseil');
    expect(htmlToText('&lt;script&gt;')).toBe('<script>');
    expect(htmlToText('<p>Un</p><p>Deux<br>Trois</p>')).toBe('Un Deux Trois');
    expect(htmlToText(null)).toBe('');
  });
});
