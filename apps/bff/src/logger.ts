import { pino, type Logger } from 'pino';

/** Paths never written to logs, whatever a module passes to the logger. */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.clientSecret',
  '*.client_secret',
  '*.access_token',
  '*.refresh_token',
  '*.id_token',
  '*.idToken',
  '*.accessToken',
  '*.refreshToken',
  '*.sessionSecret',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, base: { service: 'pleiade-bff' }, redact: { paths: REDACTED_PATHS, censor: '[masqué]' } },
    destination,
  );
}

export type { Logger };
