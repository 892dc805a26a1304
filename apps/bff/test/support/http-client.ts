/**
 * A tiny browser stand-in for integration tests: one cookie jar per origin, manual redirects, so a
 * test walks the real OpenID Connect flow (BFF → demo IdP login form → callback) with plain fetch.
 */
export class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();

  store(url: string, response: Response): void {
    const origin = new URL(url).origin;
    const jar = this.cookies.get(origin) ?? new Map<string, string>();
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((attribute) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(attribute));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    this.cookies.set(origin, jar);
  }

  header(url: string): string {
    const jar = this.cookies.get(new URL(url).origin);
    return jar ? [...jar].map(([name, value]) => `${name}=${value}`).join('; ') : '';
  }

  get(url: string, name: string): string | undefined {
    return this.cookies.get(new URL(url).origin)?.get(name);
  }

  set(url: string, name: string, value: string): void {
    const origin = new URL(url).origin;
    const jar = this.cookies.get(origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.cookies.set(origin, jar);
  }
}

export class TestBrowser {
  readonly jar = new CookieJar();

  /** One request, no redirect followed; cookies kept. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.jar.header(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.jar.store(url, response);
    return response;
  }

  /** Follows redirects like a browser (303/302 become GET) and returns the last response and its URL. */
  async navigate(url: string, init: RequestInit = {}, maxHops = 15): Promise<{ response: Response; url: string }> {
    let current = url;
    let currentInit = init;
    for (let hop = 0; hop < maxHops; hop += 1) {
      const response = await this.request(current, currentInit);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { response, url: current };
      await response.arrayBuffer();
      current = new URL(location, current).href;
      currentInit = {};
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

/** Reads the first form of an HTML page: its absolute action URL. */
export function formAction(html: string, pageUrl: string): string {
  const match = /<form[^>]*action="([^"]+)"/i.exec(html);
  if (!match?.[1]) throw new Error('no form on the page');
  return new URL(match[1].replaceAll('&amp;', '&'), pageUrl).href;
}

/**
 * Walks the sign-in flow (BFF /auth/login → demo IdP login form → callback) and returns where it
 * ended, whatever the outcome: for tests of refused sign-ins.
 */
export async function attemptSignIn(
  baseUrl: string,
  username: string,
  password = 'demo',
  loginPath = '/auth/login',
): Promise<{ browser: TestBrowser; response: Response; url: string }> {
  const browser = new TestBrowser();
  const loginPage = await browser.navigate(`${baseUrl}${loginPath}`);
  const action = formAction(await loginPage.response.text(), loginPage.url);
  const done = await browser.navigate(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  });
  return { browser, ...done };
}

/** Signs in through the real flow and fails unless the person lands back on Pléiade. */
export async function signIn(
  baseUrl: string,
  username: string,
  password = 'demo',
  loginPath = '/auth/login',
): Promise<TestBrowser> {
  const done = await attemptSignIn(baseUrl, username, password, loginPath);
  if (!done.url.startsWith(baseUrl)) {
    throw new Error(`sign-in of ${username} ended at ${done.url} (${done.response.status})`);
  }
  await done.response.arrayBuffer();
  return done.browser;
}

/** The hidden inputs of an HTML page, as a browser would submit them. */
export function hiddenInputs(html: string): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const match of html.matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
    const name = /name="([^"]+)"/.exec(match[0])?.[1];
    const value = /value="([^"]*)"/.exec(match[0])?.[1];
    if (name) inputs[name] = value ?? '';
  }
  return inputs;
}

/**
 * Completes the demo IdP's logout page, whose script confirms by itself in a browser: submits its
 * form with `logout=yes` and follows the redirect back to the application.
 */
export async function confirmIdpLogout(
  browser: TestBrowser,
  endSessionUrl: string,
): Promise<{ response: Response; url: string }> {
  const page = await browser.navigate(endSessionUrl);
  const html = await page.response.text();
  return browser.navigate(formAction(html, page.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...hiddenInputs(html), logout: 'yes' }).toString(),
  });
}
