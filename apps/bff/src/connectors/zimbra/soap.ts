import { createHash, createHmac } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { OperationContext } from '../operation.js';
import { UpstreamError } from '../states.js';

/**
 * Zimbra SOAP over JSON (`POST /service/soap/`, Zimbra/zm-mailbox store/docs/soap.txt): the
 * request is `{ Header.context, Body.<XxxRequest> }`, attributes are keys, text is `_content`.
 * The auth token comes from an AuthRequest (domain preauth or password) and is kept per
 * (connector, account) until shortly before its lifetime ends.
 */

const SOAP_PATH = '/service/soap/';
/** Renew this long before Zimbra's own expiry, so no read starts with a token about to die. */
const TOKEN_MARGIN_MS = 5 * 60_000;
const MIN_TOKEN_TTL_MS = 30_000;

const tokens = new LRUCache<string, string>({ max: 10_000, ttl: 60 * 60_000 });
/** One AuthRequest at a time per key: a board showing mail and agenda authenticates once. */
const pending = new Map<string, Promise<string>>();

/** `{ _content }`, `[{ _content }]` or a plain value, as Zimbra's JSON gives text. */
const text = z.union([
  z.string(),
  z
    .array(z.object({ _content: z.string() }))
    .min(1)
    .transform((items) => items[0]?._content ?? ''),
  z.object({ _content: z.string() }).transform((item) => item._content),
]);

const authResponse = z.object({
  Body: z.object({
    AuthResponse: z.object({
      // Sent back in a cookie and a JSON string: only characters that are safe in both.
      authToken: text.pipe(z.string().regex(/^[\w.~-]{1,4096}$/)),
      lifetime: z.coerce.number().int().positive(),
    }),
  }),
});

/** `Body.Fault.Detail.Error.Code` of a SOAP fault (`service.AUTH_EXPIRED`, `account.AUTH_FAILED`…). */
const soapFault = z.object({
  Body: z.object({ Fault: z.object({ Detail: z.object({ Error: z.object({ Code: z.string().max(200) }) }) }) }),
});

/** Faults that mean "this auth token is no longer valid": authenticate again. */
const TOKEN_REFUSED = new Set(['service.AUTH_EXPIRED', 'service.AUTH_REQUIRED']);

/**
 * Zimbra answers faults with HTTP 500: a refused token or refused credentials become their own
 * states; any other fault (or a 500 without a SOAP body) stays "unreachable".
 */
const zimbraFaults = {
  statuses: [500],
  classify(body: unknown): UpstreamError | undefined {
    const parsed = soapFault.safeParse(body);
    if (!parsed.success) return undefined;
    const code = parsed.data.Body.Fault.Detail.Error.Code;
    if (TOKEN_REFUSED.has(code)) return new UpstreamError('credentials_refused', 'ZIMBRA_TOKEN_REFUSED');
    if (code === 'account.AUTH_FAILED') return new UpstreamError('credentials_refused', 'ZIMBRA_AUTH_FAILED');
    return new UpstreamError('unreachable', 'ZIMBRA_FAULT');
  },
};

function tokenKey(context: OperationContext): string {
  const { credential, connector } = context;
  // The secret is part of the key: a changed or revoked password stops reusing its token.
  const [account, secret] =
    credential.type === 'zimbra_preauth'
      ? [credential.account, credential.preauthKey]
      : credential.type === 'basic'
        ? [credential.username, credential.password]
        : ['', ''];
  const fingerprint = createHash('sha256').update(secret).digest('base64url');
  return `${connector.id}\u0000${account.toLowerCase()}\u0000${fingerprint}`;
}

/** Zimbra preauth (store/docs/preauth.md): hex HMAC-SHA1 of `account|by|expires|timestamp`. */
export function zimbraPreauth(key: string, account: string, timestamp: number, expires = 0): string {
  return createHmac('sha1', key).update(`${account}|name|${expires}|${timestamp}`).digest('hex');
}

function authRequest(context: OperationContext): Record<string, unknown> {
  const { credential } = context;
  if (credential.type === 'zimbra_preauth') {
    const timestamp = context.now.getTime();
    return {
      _jsns: 'urn:zimbraAccount',
      account: { by: 'name', _content: credential.account },
      preauth: { timestamp, expires: 0, _content: zimbraPreauth(credential.preauthKey, credential.account, timestamp) },
    };
  }
  if (credential.type === 'basic') {
    return {
      _jsns: 'urn:zimbraAccount',
      account: { by: 'name', _content: credential.username },
      password: { _content: credential.password },
    };
  }
  throw new UpstreamError('not_configured', `CREDENTIAL_${credential.type.toUpperCase()}_UNSUPPORTED`);
}

async function authenticate(context: OperationContext): Promise<string> {
  const response = await context.client.request({
    method: 'POST',
    path: SOAP_PATH,
    body: { Header: { context: { _jsns: 'urn:zimbra' } }, Body: { AuthRequest: authRequest(context) } },
    schema: authResponse,
    signal: context.signal,
    fault: zimbraFaults,
  });
  const { authToken, lifetime } = response.Body.AuthResponse;
  const ttl = lifetime > TOKEN_MARGIN_MS * 2 ? lifetime - TOKEN_MARGIN_MS : Math.max(lifetime / 2, MIN_TOKEN_TTL_MS);
  tokens.set(tokenKey(context), authToken, { ttl: Math.floor(ttl) });
  return authToken;
}

function freshToken(context: OperationContext): Promise<string> {
  const key = tokenKey(context);
  let running = pending.get(key);
  if (!running) {
    running = authenticate(context).finally(() => pending.delete(key));
    pending.set(key, running);
  }
  return running;
}

/** A fault saying the auth token is no longer valid (expired, or the mailbox server restarted). */
function isTokenRefused(error: unknown): boolean {
  return error instanceof UpstreamError && error.reason === 'ZIMBRA_TOKEN_REFUSED';
}

/**
 * Runs `read` with the person's auth token; when the cached one is refused (expired, or the
 * mailbox server restarted), drops it and authenticates once more.
 */
export async function withAuthToken<T>(context: OperationContext, read: (token: string) => Promise<T>): Promise<T> {
  const key = tokenKey(context);
  const cached = tokens.get(key);
  if (cached) {
    try {
      return await read(cached);
    } catch (error) {
      if (!isTokenRefused(error)) throw error;
      tokens.delete(key);
    }
  }
  return read(await freshToken(context));
}

/** One read-only SOAP request (SearchRequest, GetFolderRequest): idempotent, so it may be retried. */
export function soapRead<T>(
  context: OperationContext,
  token: string,
  name: string,
  request: Record<string, unknown>,
  schema: z.ZodType<T>,
): Promise<T> {
  return context.client.request({
    method: 'POST',
    path: SOAP_PATH,
    // Behind Zimbra's proxy the token must also be a ZM_AUTH_TOKEN cookie to reach the right mailstore.
    headers: { cookie: `ZM_AUTH_TOKEN=${token}` },
    body: {
      Header: { context: { _jsns: 'urn:zimbra', authToken: { _content: token } } },
      Body: { [name]: { _jsns: 'urn:zimbraMail', ...request } },
    },
    schema,
    idempotent: true,
    signal: context.signal,
    fault: zimbraFaults,
  });
}

/** Forgets every cached token (tests). */
export function clearZimbraTokens(): void {
  tokens.clear();
}
