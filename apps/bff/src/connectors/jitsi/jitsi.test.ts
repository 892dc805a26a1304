import type { AgendaEvent } from '@pleiade/contracts';
import { startVisioResponseSchema } from '@pleiade/contracts';
import { jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { connectorConfig } from '../../../test/support/connectors.js';
import type { TargetUser } from '../operation.js';
import { UpstreamError } from '../states.js';
import { JITSI_TOKEN_LIFETIME_S, startVisio, visioFromAgenda } from './jitsi.js';

const connector = (options: Record<string, unknown> = {}) =>
  connectorConfig('jitsi', { label: 'Visio', baseUrl: 'https://visio.mairie.test/', options });
const user: TargetUser = {
  userId: 'u-agent',
  login: 'agent',
  email: 'agent@demo-a.pleiade.test',
  displayName: 'Camille Martin',
};
const SECRET = 'jitsi-app-secret-for-tests-0123456789';

describe('startVisio', () => {
  it('gives a random, unguessable room on the Jitsi server when no name is given', async () => {
    const first = startVisioResponseSchema.parse(await startVisio(connector(), {}, user));
    const second = await startVisio(connector(), {}, user);
    expect(first.roomName).toMatch(/^visio-[0-9a-f]{24}$/);
    expect(first.roomName).not.toBe(second.roomName);
    expect(first.url).toBe(`https://visio.mairie.test/${first.roomName}`);
  });

  it('signs an HS256 token for this room and this person when the server wants one', async () => {
    const now = new Date('2026-11-30T09:00:00Z');
    const visio = await startVisio(
      connector({ jwtAppId: 'pleiade', jwtAudience: 'jitsi' }),
      { jwtSecret: SECRET },
      user,
      'conseil-municipal',
      now,
    );
    const url = new URL(visio.url);
    expect(url.origin + url.pathname).toBe('https://visio.mairie.test/conseil-municipal');
    const { payload, protectedHeader } = await jwtVerify(
      url.searchParams.get('jwt') ?? '',
      new TextEncoder().encode(SECRET),
      {
        issuer: 'pleiade',
        audience: 'jitsi',
        subject: 'visio.mairie.test',
        currentDate: now,
      },
    );
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload.room).toBe('conseil-municipal');
    expect(payload.context).toEqual({
      user: { id: 'u-agent', name: 'Camille Martin', email: 'agent@demo-a.pleiade.test' },
    });
    expect((payload.exp ?? 0) - Math.floor(now.getTime() / 1000)).toBe(JITSI_TOKEN_LIFETIME_S);
    expect(payload.nbf).toBeLessThanOrEqual(Math.floor(now.getTime() / 1000));
    // Another secret does not verify it: the token is really signed.
    await expect(
      jwtVerify(url.searchParams.get('jwt') ?? '', new TextEncoder().encode('other-secret-0123456789')),
    ).rejects.toThrow();
  });

  it('refuses to sign without an application id, and refuses odd room names', async () => {
    const noAppId = await startVisio(connector(), { jwtSecret: SECRET }, user).catch((e: unknown) => e);
    expect(noAppId).toBeInstanceOf(UpstreamError);
    expect(noAppId).toMatchObject({ status: 'not_configured' });
    await expect(startVisio(connector(), {}, user, '../admin')).rejects.toBeInstanceOf(UpstreamError);
  });
});

describe('visioFromAgenda', () => {
  const event = (id: string, visioUrl?: string): AgendaEvent => ({
    id,
    title: id,
    location: null,
    start: '2026-11-30T10:00:00.000Z',
    end: null,
    allDay: false,
    ...(visioUrl ? { visioUrl } : {}),
  });

  it('keeps the events whose visio link is a room of this Jitsi server', () => {
    const events = [
      event('jitsi', 'https://visio.mairie.test/conseil'),
      event('autre', 'https://meet.example.org/conseil'),
      event('racine', 'https://visio.mairie.test/'),
      event('sans-lien'),
      event('http', 'http://visio.mairie.test/conseil'),
    ];
    expect(visioFromAgenda(events, 'https://visio.mairie.test').map((e) => e.id)).toEqual(['jitsi']);
  });
});
