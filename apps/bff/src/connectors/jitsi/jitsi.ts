import { randomBytes } from 'node:crypto';
import type { AgendaEvent, StartVisioResponse, VisioData } from '@pleiade/contracts';
import { SignJWT } from 'jose';
import type { ConnectorConfigOf } from '../connector-config.js';
import type { TargetUser } from '../operation.js';
import { UpstreamError } from '../states.js';

/**
 * Jitsi Meet has no API to call: a visio is a link `https://<jitsi>/<room>`, with a JWT when the
 * server uses token authentication (prosody mod_auth_token, jitsi/lib-jitsi-meet doc/tokens.md).
 * Upcoming visios come from the agenda: events whose link points to this Jitsi server.
 */

/** Long enough for a meeting that runs late; short enough that a leaked link soon stops working. */
export const JITSI_TOKEN_LIFETIME_S = 4 * 3600;
/** Tolerated clock difference between the BFF and prosody. */
const CLOCK_SKEW_S = 60;

/** A name nobody can guess (96 random bits), in the letters Jitsi keeps as they are. */
export function randomRoomName(): string {
  return `visio-${randomBytes(12).toString('hex')}`;
}

function jitsiBase(connector: ConnectorConfigOf<'jitsi'>): URL {
  const base = new URL(connector.baseUrl);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return base;
}

/**
 * « Démarrer une visio »: the meeting link for this person. With a `jwtSecret`, an HS256 token
 * for this room only (never `room: "*"`), carrying the person's name and e-mail from the session.
 */
export async function startVisio(
  connector: ConnectorConfigOf<'jitsi'>,
  secrets: { jwtSecret?: string },
  user: TargetUser,
  roomName: string = randomRoomName(),
  now: Date = new Date(),
): Promise<StartVisioResponse> {
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/.test(roomName)) throw new UpstreamError('not_configured', 'JITSI_ROOM_NAME');
  const base = jitsiBase(connector);
  const url = new URL(encodeURIComponent(roomName), base);
  if (secrets.jwtSecret) {
    const appId = connector.options.jwtAppId;
    if (!appId) throw new UpstreamError('not_configured', 'JITSI_APP_ID');
    const audience = connector.options.jwtAudience;
    const issuedAt = Math.floor(now.getTime() / 1000);
    const jwt = await new SignJWT({
      room: roomName,
      context: {
        user: { id: user.userId, name: user.displayName, ...(user.email ? { email: user.email } : {}) },
      },
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(appId)
      .setAudience(audience)
      // `sub`: the Jitsi domain (tenant), as prosody checks it against the host.
      .setSubject(base.hostname)
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt - CLOCK_SKEW_S)
      .setExpirationTime(issuedAt + JITSI_TOKEN_LIFETIME_S)
      .sign(new TextEncoder().encode(secrets.jwtSecret));
    url.searchParams.set('jwt', jwt);
  }
  return { roomName, url: url.href };
}

type Visio = VisioData['upcoming'][number];

/** Agenda events whose visio link is a room of this Jitsi server (same origin, under its path). */
export function visioFromAgenda(events: readonly AgendaEvent[], jitsiBaseUrl: string): Visio[] {
  const base = new URL(jitsiBaseUrl);
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return events.filter((event): event is Visio => {
    if (!event.visioUrl || !URL.canParse(event.visioUrl)) return false;
    const link = new URL(event.visioUrl);
    return link.origin === base.origin && link.pathname.startsWith(basePath) && link.pathname.length > basePath.length;
  });
}
