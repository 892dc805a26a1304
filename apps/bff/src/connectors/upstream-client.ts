import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import axios, { AxiosError, type AxiosInstance, type Method } from 'axios';
import type { z } from 'zod';
import type { Logger } from '../logger.js';
import { AddressPolicy, ConnectorConfigError, guardedLookup, type LookupFunction } from './address-guard.js';
import { ConnectorResilience, isRetryable, type ResilienceOptions } from './resilience.js';
import {
  FAILURE_MESSAGES,
  UpstreamError,
  failureReason,
  okState,
  toFailureState,
  type FailureStatus,
  type WidgetState,
} from './states.js';

export interface UpstreamClientOptions {
  /** The connector instance (one configured upstream of one collectivité), for logs and metrics. */
  instanceId: string;
  /** From the operator's settings: `https://cloud.mairie.fr` or `https://mairie.fr/nextcloud`. */
  baseUrl: string;
  /** Per-attempt timeout (ms). */
  timeoutMs?: number;
  /** Largest response body accepted (bytes). */
  maxContentLength?: number;
  /** Largest request body sent (bytes). */
  maxBodyLength?: number;
  /** Sockets kept per host. */
  maxSockets?: number;
  /**
   * Private or special-use networks this upstream may resolve to, by the operator's explicit
   * choice: CIDRs, addresses or host names (`['127.0.0.1/32']` for a local simulator).
   */
  allowPrivateNetworks?: readonly string[];
  /** Extra trusted CA certificates (an internal PKI). TLS verification itself cannot be turned off. */
  ca?: string | Buffer | Array<string | Buffer>;
  /**
   * TLS client certificate presented to the upstream (S2low's RGS certificate): PEM certificate
   * (chain) and private key, with the key's passphrase when it is encrypted. https only.
   */
  clientCertificate?: ClientCertificate;
  /** Headers sent with every call (`OCS-APIRequest: true`…). */
  headers?: Record<string, string>;
  /** Timeout, retry and breaker; pass an instance to share one between clients of the same upstream. */
  resilience?: ResilienceOptions | ConnectorResilience;
  /** Name resolution (tests use it to simulate DNS rebinding); the address policy still applies. */
  lookup?: LookupFunction;
  logger?: Logger;
  /** Told the outcome and duration (s) of each call made under the policies (the metrics). */
  observe?: (outcome: 'ok' | FailureStatus, seconds: number) => void;
}

export interface ClientCertificate {
  cert: string | Buffer;
  key: string | Buffer;
  passphrase?: string;
}

type QueryValue = string | number | boolean;

/**
 * Errors an upstream reports in a body with an error status (Zimbra's SOAP faults come with HTTP
 * 500): `classify` reads the parsed JSON body and names the failure, or answers undefined to let
 * the status decide. Only the fault's code is used, never its text.
 */
export interface FaultReader {
  statuses: readonly number[];
  classify(body: unknown): UpstreamError | undefined;
}

export interface UpstreamRequest<T> {
  method?: Method | 'PROPFIND' | 'REPORT' | 'SEARCH';
  /** A fixed path from the connector's code, relative to the base URL: `/ocs/v2.php/apps/…`. */
  path: string;
  query?: Record<string, QueryValue | readonly QueryValue[] | undefined>;
  headers?: Record<string, string>;
  /** JSON-serialisable object, or a string (XML for PROPFIND/REPORT, SOAP…). */
  body?: unknown;
  /** Parses the body: `json` (default) parses JSON first, `text` hands the raw text to the schema. */
  responseType?: 'json' | 'text';
  schema: z.ZodType<T>;
  /** A POST that only reads (Zimbra `SearchRequest`): may be retried. */
  idempotent?: boolean;
  timeoutMs?: number;
  /** Cancels the call and its retries (the fan-out's per-widget timeout). */
  signal?: AbortSignal;
  fault?: FaultReader;
}

export type ConnectionTestResult =
  | { ok: true; latencyMs: number }
  | { ok: false; status: FailureStatus; message: string; reason: string; latencyMs: number };

const DEFAULTS = { timeoutMs: 5_000, maxContentLength: 2 * 1024 * 1024, maxBodyLength: 256 * 1024, maxSockets: 16 };

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const TLS_CODE = /^(CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH)/;

/**
 * Encodes values put into a fixed path: `` pathOf`/api/structures/${id}/sittings` ``. A value can
 * never add a segment, a query or climb up the tree.
 */
export function pathOf(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  return strings.reduce((path, part, index) => {
    if (index === 0) return part;
    const value = String(values[index - 1]);
    if (value === '' || value === '.' || value === '..') throw new ConnectorConfigError('Empty or dot path segment');
    return path + encodeURIComponent(value) + part;
  }, '');
}

function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConnectorConfigError('baseUrl is not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConnectorConfigError('baseUrl must be http(s)');
  if (url.username || url.password) throw new ConnectorConfigError('baseUrl must not carry credentials');
  if (url.search || url.hash) throw new ConnectorConfigError('baseUrl must not have a query or a fragment');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/**
 * The base of every connector's HTTP client, one per connector instance: joins fixed paths to the
 * operator's base URL, keeps connections alive, verifies TLS, bounds time and size, refuses
 * private addresses (SSRF), runs calls under {@link ConnectorResilience} and turns every outcome
 * into a {@link WidgetState}.
 */
export class UpstreamClient {
  readonly instanceId: string;
  readonly resilience: ConnectorResilience;
  private readonly base: URL;
  private readonly policy: AddressPolicy;
  private readonly http: AxiosInstance;
  private readonly agents: { http: http.Agent; https: https.Agent };
  private readonly timeoutMs: number;
  private readonly logger: Logger | undefined;
  private readonly observe: UpstreamClientOptions['observe'];

  constructor(options: UpstreamClientOptions) {
    this.instanceId = options.instanceId;
    this.base = parseBaseUrl(options.baseUrl);
    this.policy = new AddressPolicy(options.allowPrivateNetworks);
    this.timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
    this.logger = options.logger;
    this.observe = options.observe;
    this.resilience =
      options.resilience instanceof ConnectorResilience
        ? options.resilience
        : new ConnectorResilience(options.resilience);
    const lookup = guardedLookup(this.policy, options.lookup);
    const maxSockets = options.maxSockets ?? DEFAULTS.maxSockets;
    const clientCertificate =
      options.clientCertificate && checkedClientCertificate(this.base, options.clientCertificate);
    this.agents = {
      http: new http.Agent({ keepAlive: true, maxSockets, lookup }),
      // rejectUnauthorized is fixed to true: NODE_TLS_REJECT_UNAUTHORIZED=0 does not change it either.
      https: new https.Agent({
        keepAlive: true,
        maxSockets,
        lookup,
        rejectUnauthorized: true,
        ...(options.ca ? { ca: options.ca } : {}),
        ...(clientCertificate ?? {}),
      }),
    };
    this.http = axios.create({
      httpAgent: this.agents.http,
      httpsAgent: this.agents.https,
      // An HTTP(S)_PROXY from the environment would make the guard check the proxy, not the upstream.
      proxy: false,
      // A redirect could leave the allow-listed origin; connectors call the exact endpoint.
      maxRedirects: 0,
      maxContentLength: options.maxContentLength ?? DEFAULTS.maxContentLength,
      maxBodyLength: options.maxBodyLength ?? DEFAULTS.maxBodyLength,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      headers: { 'user-agent': 'Pleiade-BFF', ...options.headers },
    });
  }

  /**
   * The URL of a fixed path under the base URL. Refuses absolute URLs, protocol-relative paths,
   * dot segments (also percent-encoded), backslashes, queries and fragments in the path: whatever
   * reaches this function, the request stays on the configured origin and under its base path.
   */
  resolve(path: string): URL {
    const refuse = () => new ConnectorConfigError('Upstream path must be a fixed relative path under the base URL');
    if (!path.startsWith('/') || path.startsWith('//') || /[\\?#\s]/.test(path) || /^[a-z][a-z0-9+.-]*:/i.test(path)) {
      throw refuse();
    }
    const segments = path.split('/');
    if (segments.some((segment) => /^(\.|%2e){1,2}$/i.test(segment))) throw refuse();
    const url = new URL(this.base.pathname + path.slice(1), this.base.origin);
    if (url.origin !== this.base.origin || !url.pathname.startsWith(this.base.pathname)) throw refuse();
    return url;
  }

  /** Runs the request under the resilience policies; throws {@link UpstreamError}. */
  async request<T>(request: UpstreamRequest<T>): Promise<T> {
    const method = (request.method ?? 'GET').toUpperCase();
    const call = this.resilience.execute(
      (signal) => this.attempt(request, method, signal),
      isRetryable(method, request.idempotent),
      request.signal,
    );
    const observe = this.observe;
    if (!observe) return call;
    const started = performance.now();
    try {
      const result = await call;
      observe('ok', (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      observe(error instanceof UpstreamError ? error.status : 'unreachable', (performance.now() - started) / 1000);
      throw error;
    }
  }

  /** The widget-facing read: never throws, answers data or a failure state. */
  async read<T>(request: UpstreamRequest<T>): Promise<WidgetState<T>> {
    try {
      return okState(await this.request(request));
    } catch (error) {
      this.logFailure(error);
      return toFailureState(error);
    }
  }

  /**
   * "Tester la connexion": one call, outside the circuit breaker and without retry, so the
   * operator sees the upstream's current answer and the technical reason of a failure.
   */
  async testConnection<T>(probe: UpstreamRequest<T>): Promise<ConnectionTestResult> {
    const started = performance.now();
    const method = (probe.method ?? 'GET').toUpperCase();
    try {
      await this.attempt(probe, method, probe.signal ?? new AbortController().signal);
      return { ok: true, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      const state = toFailureState(error);
      return {
        ok: false,
        status: state.status,
        message: FAILURE_MESSAGES[state.status],
        reason: failureReason(error),
        latencyMs: Math.round(performance.now() - started),
      };
    }
  }

  /** Closes the kept-alive sockets (instance removed or reconfigured, tests). */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private async attempt<T>(request: UpstreamRequest<T>, method: string, outer: AbortSignal): Promise<T> {
    const url = this.resolve(request.path);
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    // Node does not call `lookup` for an address literal: judge it here.
    if (net.isIP(hostname) && !this.policy.permits(hostname, hostname)) {
      throw new UpstreamError('unreachable', 'ADDRESS_REFUSED');
    }
    const deadline = AbortSignal.timeout(request.timeoutMs ?? this.timeoutMs);
    let response;
    try {
      response = await this.http.request<string>({
        url: url.href,
        method,
        params: request.query,
        headers: request.headers,
        data: request.body,
        signal: AbortSignal.any([outer, deadline]),
        timeout: request.timeoutMs ?? this.timeoutMs,
      });
    } catch (error) {
      throw deadline.aborted || outer.aborted
        ? new UpstreamError('timeout', 'TIMEOUT', true)
        : mapTransportError(error);
    }
    const { status } = response;
    if (request.fault?.statuses.includes(status)) {
      const classified = request.fault.classify(parseJsonOrUndefined(response.data));
      if (classified) throw classified;
    }
    if (status === 401 || status === 403) throw new UpstreamError('credentials_refused', `HTTP_${status}`);
    if (status === 502 || status === 503) throw new UpstreamError('unreachable', `HTTP_${status}`, true);
    if (status === 504 || status === 408) throw new UpstreamError('timeout', `HTTP_${status}`, true);
    if (status === 429 || status >= 500) throw new UpstreamError('unreachable', `HTTP_${status}`);
    if (status >= 300 && status < 400) throw new UpstreamError('invalid_response', `HTTP_${status}_REDIRECT`);
    if (status >= 400) throw new UpstreamError('invalid_response', `HTTP_${status}`);
    return parseBody(response.data, request);
  }

  private logFailure(error: unknown): void {
    this.logger?.warn(
      { connector: this.instanceId, status: toFailureState(error).status, reason: failureReason(error) },
      'Upstream read failed',
    );
  }
}

/** A client certificate is only sent over TLS, and a bad PEM is a configuration error found at once. */
function checkedClientCertificate(base: URL, certificate: ClientCertificate): ClientCertificate {
  if (base.protocol !== 'https:') throw new ConnectorConfigError('A client certificate needs an https baseUrl');
  const { cert, key, passphrase } = certificate;
  try {
    tls.createSecureContext({ cert, key, ...(passphrase === undefined ? {} : { passphrase }) });
  } catch {
    // The library's message may quote the PEM: not kept.
    throw new ConnectorConfigError('The client certificate or its key cannot be read (PEM expected)');
  }
  return { cert, key, ...(passphrase === undefined ? {} : { passphrase }) };
}

function parseJsonOrUndefined(data: unknown): unknown {
  try {
    return typeof data === 'string' ? (JSON.parse(data) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function parseBody<T>(data: unknown, request: UpstreamRequest<T>): T {
  let raw: unknown = typeof data === 'string' ? data : '';
  if ((request.responseType ?? 'json') === 'json') {
    try {
      raw = JSON.parse(raw as string);
    } catch {
      throw new UpstreamError('invalid_response', 'JSON');
    }
  }
  const parsed = request.schema.safeParse(raw);
  if (!parsed.success) throw new UpstreamError('invalid_response', 'SCHEMA');
  return parsed.data;
}

/** Axios and socket errors to states, by code only: their messages carry URLs and are dropped. */
function mapTransportError(error: unknown): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const code =
    error instanceof AxiosError || error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  const causeCode = error instanceof AxiosError ? (error.cause as NodeJS.ErrnoException | undefined)?.code : undefined;
  const codes = [code, causeCode].filter((value): value is string => typeof value === 'string');
  if (codes.includes('PLEIADE_ADDRESS_REFUSED')) return new UpstreamError('unreachable', 'ADDRESS_REFUSED');
  if (codes.some((value) => TLS_CODE.test(value))) return new UpstreamError('unreachable', 'TLS');
  if (codes.includes('ENOTFOUND')) return new UpstreamError('unreachable', 'ENOTFOUND');
  const network = codes.find((value) => NETWORK_CODES.has(value));
  if (network) return new UpstreamError('unreachable', network, true);
  if (codes.some((value) => TIMEOUT_CODES.has(value))) return new UpstreamError('timeout', 'TIMEOUT', true);
  if (error instanceof AxiosError && /maxContentLength/.test(error.message)) {
    return new UpstreamError('invalid_response', 'TOO_LARGE');
  }
  if (codes.includes('ERR_FR_TOO_MANY_REDIRECTS')) return new UpstreamError('invalid_response', 'REDIRECT');
  return new UpstreamError('unreachable', codes[0] ?? 'NETWORK');
}
