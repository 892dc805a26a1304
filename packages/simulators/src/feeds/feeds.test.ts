import { request } from 'node:http';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BUSINESS, HOSTILE_FEEDS, startSimulators, withHostileBusinessText, type Simulators } from '../index.js';
import { timed } from '../test-support.js';

// RSS 2.0 (rssboard.org/rss-specification) and Atom 1.0 (RFC 4287).
let sims: Simulators;

beforeAll(async () => {
  sims = await startSimulators();
});
afterAll(() => sims.close());

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (n) => n === 'item' || n === 'entry',
});

/** Status, headers and the bytes on the wire (fetch would inflate gzip and follow nothing else). */
function raw(
  path: string,
  maxBytes = Infinity,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${sims.urls.feeds}${path}`, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= maxBytes) {
          res.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('news feeds of the collectivités', () => {
  it('RSS 2.0 of demo-a: channel, items newest first, RFC 822 dates, permalink guids', async () => {
    const res = await fetch(`${sims.urls.feeds}/demo-a/rss.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const doc = parser.parse(await res.text()) as {
      rss: { '@version': string; channel: { title: string; item: Record<string, unknown>[] } };
    };
    expect(doc.rss['@version']).toBe('2.0');
    expect(doc.rss.channel.title).toBe('Mairie de Demo A — Actualités');
    const items = doc.rss.channel.item;
    expect(items.map((i) => i.title)).toEqual(DEMO_BUSINESS.news['demo-a'].items.map((i) => i.title));
    expect(String(items[0]?.pubDate)).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(items[0]?.link).toBe(`${sims.urls.feeds}/demo-a/actualites/fermeture-exceptionnelle-mairie`);
    expect(String(items[0]?.description)).toContain('<strong>fermé vendredi à partir de 12 h</strong>');
    // The article page exists at the item link.
    expect((await fetch(String(items[0]?.link))).status).toBe(200);
  });

  it('Atom 1.0 of demo-b: entries with id, alternate link, RFC 3339 dates and an html summary', async () => {
    const res = await fetch(`${sims.urls.feeds}/demo-b/atom.xml`);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const doc = parser.parse(await res.text()) as { feed: { entry: Record<string, unknown>[] } };
    const [first] = doc.feed.entry;
    expect(first?.id).toBe('tag:demo-b.pleiade.test,2026:vigilance-neige-verglas');
    expect((first?.link as Record<string, string>)['@href']).toBe(
      `${sims.urls.feeds}/demo-b/actualites/vigilance-neige-verglas`,
    );
    expect(String(first?.updated)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect((first?.summary as Record<string, string>)['@type']).toBe('html');
  });

  it('answers 304 to a conditional request with the ETag or the Last-Modified date', async () => {
    const first = await fetch(`${sims.urls.feeds}/demo-a/rss.xml`);
    const etag = first.headers.get('etag') ?? '';
    const lastModified = first.headers.get('last-modified') ?? '';
    expect(etag).not.toBe('');
    expect((await fetch(`${sims.urls.feeds}/demo-a/rss.xml`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    expect(
      (await fetch(`${sims.urls.feeds}/demo-a/rss.xml`, { headers: { 'If-Modified-Since': lastModified } })).status,
    ).toBe(304);
    expect((await fetch(`${sims.urls.feeds}/demo-a/rss.xml`, { headers: { 'If-None-Match': '"autre"' } })).status).toBe(
      200,
    );
  });

  it('carries hostile text when started with withHostileBusinessText', async () => {
    const hostile = await startSimulators({
      business: withHostileBusinessText(DEMO_BUSINESS, ['<img src=x onerror=alert(1)>']),
    });
    try {
      const text = await (await fetch(`${hostile.urls.feeds}/demo-a/rss.xml`)).text();
      const doc = parser.parse(text) as { rss: { channel: { item: Record<string, unknown>[] } } };
      expect(String(doc.rss.channel.item[0]?.title)).toContain('<img src=x onerror=alert(1)>');
    } finally {
      await hostile.close();
    }
  });
});

describe('hostile feeds', () => {
  it('serves every listed variant', async () => {
    for (const name of Object.keys(HOSTILE_FEEDS)) {
      if (['slow.rss', 'trickle.rss', 'huge.rss', 'huge-item.rss', 'gzip-bomb.rss', 'deep.rss'].includes(name))
        continue;
      const res = await raw(`/hostile/${name}`);
      expect([200, 302], name).toContain(res.status);
    }
    expect((await raw('/hostile/nope.rss')).status).toBe(404);
  });

  it('script.rss: the payloads arrive as text once parsed, links with script schemes', async () => {
    const doc = parser.parse((await raw('/hostile/script.rss')).bytes.toString('utf8')) as {
      rss: { channel: { link: string; item: Record<string, unknown>[] } };
    };
    const items = doc.rss.channel.item;
    expect(doc.rss.channel.link).toBe('javascript:alert("channel")');
    expect(String(items[0]?.title)).toContain('<script>alert("xss")</script>');
    expect(String(items[0]?.description)).toContain('<script>alert("xss")</script>');
    expect(items.map((i) => i.link)).toEqual(
      expect.arrayContaining(['javascript:alert(document.cookie)', 'data:text/html,<script>alert(3)</script>']),
    );
  });

  it('script.atom: xhtml content with script and a javascript: xml:base', async () => {
    const text = (await raw('/hostile/script.atom')).bytes.toString('utf8');
    expect(text).toContain(`xml:base="javascript:alert('base')//"`);
    expect(text).toContain(
      '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Contenu 0</p><script>alert(0)</script>',
    );
  });

  it('billion laughs and external entities are declared in a DOCTYPE', async () => {
    const laughs = (await raw('/hostile/billion-laughs.rss')).bytes.toString('utf8');
    expect(laughs).toContain('<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">');
    expect(laughs).toContain('<title>&lol9;</title>');
    const xxe = (await raw('/hostile/external-entity.rss')).bytes.toString('utf8');
    expect(xxe).toContain('<!ENTITY passwd SYSTEM "file:///etc/passwd">');
  });

  it('huge.rss has the number of items asked for; huge-item.rss is over 8 MB', async () => {
    const small = parser.parse((await raw('/hostile/huge.rss?items=1000')).bytes.toString('utf8')) as {
      rss: { channel: { item: unknown[] } };
    };
    expect(small.rss.channel.item).toHaveLength(1000);
    expect((await raw('/hostile/huge-item.rss')).bytes.length).toBeGreaterThan(8 * 1024 * 1024);
  });

  it('gzip-bomb.rss is small on the wire and says Content-Encoding gzip', async () => {
    const res = await raw('/hostile/gzip-bomb.rss');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.bytes.length).toBeLessThan(200 * 1024);
  });

  it('slow.rss waits before its headers; trickle.rss sends 16 bytes at a time', async () => {
    const { ms } = await timed(() => raw('/hostile/slow.rss?delayMs=300'));
    expect(ms).toBeGreaterThanOrEqual(280);
    const first = await raw('/hostile/trickle.rss', 1);
    expect(first.status).toBe(200);
    expect(first.bytes.length).toBe(16);
  });

  it('redirect.rss points to a link-local address; not-a-feed.rss is an HTML page', async () => {
    const redirect = await raw('/hostile/redirect.rss');
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toBe('http://169.254.169.254/latest/meta-data/');
    expect((await raw('/hostile/not-a-feed.rss')).headers['content-type']).toContain('text/html');
  });
});
