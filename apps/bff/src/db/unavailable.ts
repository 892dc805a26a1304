/**
 * Whether an error means "the database cannot be reached right now" — stopped, restarting, cut
 * off, out of connections, or gone — rather than a fault of the request or of Pléiade. Such errors
 * come from pg (the session store, readiness), from Prisma and its pg adapter, each in its own shape;
 * the HTTP layer turns them into 503 with Retry-After.
 */

/** Node's network errors when a connection cannot be opened or is cut. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/** PostgreSQL SQLSTATEs of an unavailable server or database (class 08 is matched by prefix). */
const SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping, or the connection was terminated
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, or in recovery
  '53300', // too_many_connections
  '3D000', // invalid_catalog_name: the database is gone
]);

/** Prisma's connection-level error codes (P1xxx) and its pool timeout. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1003', 'P1008', 'P1017', 'P2024']);

/** Kinds of @prisma/adapter-pg's DriverAdapterError cause. */
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'DatabaseDoesNotExist',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);

/** pg's own messages, which carry no code. */
const PG_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
];

function field(value: object, name: string): unknown {
  return name in value ? (value as Record<string, unknown>)[name] : undefined;
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const code = field(error, 'code');
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SQLSTATES.has(code) || PRISMA_CODES.has(code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  const kind = field(error, 'kind');
  if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
  const originalCode = field(error, 'originalCode');
  if (typeof originalCode === 'string' && (SQLSTATES.has(originalCode) || originalCode.startsWith('08'))) return true;
  const message = field(error, 'message');
  if (typeof message === 'string' && PG_MESSAGES.some((pattern) => pattern.test(message))) return true;
  const meta = field(error, 'meta');
  const nested = [
    field(error, 'cause'),
    meta && typeof meta === 'object' ? field(meta, 'driverAdapterError') : undefined,
    // pg tries every address of localhost: an AggregateError of ECONNREFUSEDs.
    ...(Array.isArray(field(error, 'errors')) ? (field(error, 'errors') as unknown[]) : []),
  ];
  return nested.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}
