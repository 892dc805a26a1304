/**
 * The href to render for a link that came from an upstream, or undefined to render plain text.
 * Only absolute http(s) URLs pass: `javascript:`, `data:`, `vbscript:`, relative paths and
 * anything the URL parser would read differently from how it looks are refused. The BFF already
 * filters links (safeLinkSchema); this is the SPA's own guard at the point of rendering.
 */
export function safeHref(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  // Browsers strip surrounding spaces and control characters and drop tabs and newlines inside a
  // URL ("java\tscript:"): a value that needs such cleaning is not a link we want to follow.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  // user:password@host links are a phishing device (https://bank.example@evil.example).
  if (url.username !== '' || url.password !== '') return undefined;
  return url.href;
}
