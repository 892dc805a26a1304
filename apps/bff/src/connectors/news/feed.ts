import { createHash } from 'node:crypto';
import type { NewsData } from '@pleiade/contracts';
import { parseFeed } from '@rowanmanning/feed-parser';
import sanitizeHtml from 'sanitize-html';
import { z } from 'zod';
import { clip, isoInstant, safeLink } from '../operation-kit.js';
import type { WidgetOperation } from '../operation.js';
import { UpstreamError } from '../states.js';

/**
 * The news widget: an RSS or Atom feed fetched by the BFF through the connector's UpstreamClient
 * (address guard on the address actually connected, no redirect, MAX_FEED_BYTES and a total
 * deadline counted before any parsing), parsed by @rowanmanning/feed-parser, and turned into
 * plain text: no HTML, image or third-party address reaches the browser, only http(s) links to the
 * articles. Facts: packages/simulators/src/feeds/README.md (RSS 2.0, Atom RFC 4287).
 */

/** Largest feed read (bytes, inflated): a real feed is tens of kilobytes; parsing cost grows with size. */
export const MAX_FEED_BYTES = 1024 * 1024;
/** Total time for one fetch (ms): a feed trickling bytes in is cut here. */
export const FEED_TIMEOUT_MS = 4_000;
/** Items looked at before sorting (a feed of 50 000 items costs no more than this many). */
const MAX_ITEMS_READ = 200;
export const TITLE_MAX = 300;
export const SUMMARY_MAX = 280;
/** A date further ahead than this is the site's mistake (« year 2100 »): treated as none. */
const FUTURE_SLACK_MS = 24 * 3_600_000;

/**
 * HTML → plain text: sanitize-html keeps no tag at all and drops the content of script, style and
 * the like; the few entities it writes back are decoded, since the SPA shows the result as text
 * (React escapes it), never as HTML.
 */
export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  // A space where a block or a line break ends, so « <p>Un</p><p>Deux</p> » reads « Un Deux ».
  const spaced = html.replace(/<\/?(p|br|div|li|h[1-6]|tr|td|blockquote)\b/gi, ' $&');
  const escaped = sanitizeHtml(spaced, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'template', 'iframe', 'object'],
  });
  return escaped
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function opaqueId(raw: string): string {
  return createHash('sha256').update(raw).digest('base64url').slice(0, 22);
}

/**
 * Refused before parsing: a DTD with an internal subset or any entity declaration (billion laughs,
 * external entities). Real feeds have none; RSS 0.91's public DOCTYPE alone passes.
 */
function refuseDtd(xml: string): void {
  const head = xml.slice(0, 64 * 1024);
  if (/<!ENTITY/i.test(xml) || /<!DOCTYPE[^>]*\[/i.test(head)) throw new UpstreamError('invalid_response', 'FEED_DTD');
}

function publishedAt(value: Date | null, now: Date): string | null {
  if (!value || Number.isNaN(value.getTime())) return null;
  if (value.getTime() > now.getTime() + FUTURE_SLACK_MS) return null;
  return isoInstant(value) ?? null;
}

/** The widget's data from the feed's text; throws UpstreamError('invalid_response') when it is no feed. */
export function newsFromFeed(xml: string, feedUrl: string, now: Date, maxItems: number): NewsData {
  refuseDtd(xml);
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(xml);
  } catch {
    // The parser's message may quote the document: only the fact is kept.
    throw new UpstreamError('invalid_response', 'FEED_PARSE');
  }
  const seen = new Set<string>();
  const items = feed.items.slice(0, MAX_ITEMS_READ).map((item, index) => {
    const url = safeLink(item.url, feedUrl);
    // An opaque id: the feed's guid is the site's text (it may be anything, markup included).
    let id = opaqueId(item.id ?? url ?? `item-${index}`);
    if (seen.has(id)) id = opaqueId(`${index}-${id}`);
    seen.add(id);
    const summary = htmlToText(item.description ?? item.content);
    return {
      id,
      title: clip(htmlToText(item.title), TITLE_MAX) || 'Article sans titre',
      summary: clip(summary, SUMMARY_MAX),
      publishedAt: publishedAt(item.published ?? item.updated, now),
      ...(url ? { url } : {}),
    };
  });
  items.sort((a, b) => {
    if (a.publishedAt === b.publishedAt) return 0;
    if (a.publishedAt === null) return 1;
    if (b.publishedAt === null) return -1;
    return b.publishedAt.localeCompare(a.publishedAt);
  });
  const site = safeLink(feed.url, feedUrl) ?? safeLink('/', feedUrl);
  return {
    title: clip(htmlToText(feed.title), TITLE_MAX),
    items: items.slice(0, maxItems),
    ...(site ? { appUrl: site } : {}),
  };
}

export const readNews: WidgetOperation<'news', 'news'> = async ({ connector, client, signal, now }) => {
  const path = connector.options.feedPath;
  const xml = await client.request({
    path,
    responseType: 'text',
    schema: z.string(),
    headers: { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8' },
    timeoutMs: FEED_TIMEOUT_MS,
    signal,
  });
  return newsFromFeed(xml, client.resolve(path).href, now, connector.options.maxItems);
};
