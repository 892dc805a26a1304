/**
 * The text of server-rendered markup (renderToStaticMarkup) as a person reads it: tags become
 * spaces, React's text separators go, its escaped apostrophe is decoded, white space is collapsed.
 */
export const textOf = (html: string): string =>
  html
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
