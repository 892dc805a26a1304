import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readUpcomingEvents } from '../../src/connectors/caldav/caldav-agenda.js';
import { readUnreadMail, type ImapAccount } from '../../src/connectors/imap/imap-mail.js';
import { UpstreamError } from '../../src/connectors/states.js';

/**
 * The standard mail and agenda connectors against real Dovecot (IMAP) and Radicale (CalDAV) from
 * Debian, started and seeded by `npm test` (scripts/mailcal.mjs) from fixtures.json.
 */
const imap = process.env.MAILCAL_IMAP;
const caldav = process.env.MAILCAL_CALDAV;
const startedAt = Number(process.env.MAILCAL_STARTED_AT);
if (!imap || !caldav || !startedAt) {
  throw new Error('These tests need MAILCAL_IMAP, MAILCAL_CALDAV and MAILCAL_STARTED_AT (npm test sets them).');
}
const [host = '', port = ''] = imap.split(':');

interface Fixtures {
  users: { username: string; password: string; messages: { subject: string; fromName: string; seen: boolean }[] }[];
}
const fixtures = JSON.parse(readFileSync(new URL('./fixtures.json', import.meta.url), 'utf8')) as Fixtures;
const user = (name: string) => {
  const found = fixtures.users.find((u) => u.username === name);
  if (!found) throw new Error(name);
  return found;
};

const account = (username: string, password = user(username).password): ImapAccount => ({
  host,
  port: Number(port),
  tls: 'none',
  user: username,
  password,
});

async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UpstreamError) return error.status;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('IMAP (Dovecot)', () => {
  it('gives the unread count and the latest unread messages, newest first, subjects decoded', async () => {
    const mail = await readUnreadMail(account('agent'), { limit: 2 });
    expect(mail.unreadCount).toBe(3);
    expect(mail.latest.map((m) => [m.from, m.subject])).toEqual([
      ['Service état civil', 'Acte de naissance à valider'],
      ['Préfecture du Rhône', 'Contrôle de légalité : délibération n°2026-118'],
    ]);
    expect(new Date(mail.latest[0]?.receivedAt ?? 0).getTime()).toBeGreaterThan(startedAt - 31 * 60_000);
  });

  it('reads without marking anything as seen', async () => {
    await readUnreadMail(account('agent'));
    expect((await readUnreadMail(account('agent'))).unreadCount).toBe(3);
  });

  it('shows each person their own mailbox only', async () => {
    const mail = await readUnreadMail(account('agent-b'));
    expect(mail.unreadCount).toBe(1);
    expect(mail.latest.map((m) => m.subject)).toEqual(['Budget primitif']);
  });

  it('reports refused credentials, an unreachable server and plain IMAP to a remote host as states', async () => {
    expect(await failureOf(readUnreadMail(account('agent', 'wrong')))).toBe('credentials_refused');
    expect(await failureOf(readUnreadMail({ ...account('agent'), port: 1 }))).toBe('unreachable');
    expect(await failureOf(readUnreadMail({ ...account('agent'), host: 'imap.example.org' }))).toBe('not_configured');
  });
});

describe('CalDAV (Radicale)', () => {
  const calendar = (username: string, owner = username, password = user(username).password) => ({
    url: `${caldav}/${owner}/agenda/`,
    user: username,
    password,
  });
  const range = () => ({ from: new Date(), to: new Date(Date.now() + 7 * 24 * 3_600_000) });

  it('gives the next events of the week, soonest first, past ones left out', async () => {
    const events = await readUpcomingEvents(calendar('agent'), range());
    expect(events.map((e) => [e.summary, e.location])).toEqual([
      ['Commission urbanisme', 'Salle du conseil'],
      ['Visio avec la préfecture', null],
    ]);
    expect(new Date(events[0]?.start ?? 0).getTime()).toBe(Math.floor((startedAt + 120 * 60_000) / 1000) * 1000);
    expect(events[0]?.allDay).toBe(false);
  });

  it('honours the limit', async () => {
    expect((await readUpcomingEvents(calendar('agent'), { ...range(), limit: 1 })).map((e) => e.summary)).toEqual([
      'Commission urbanisme',
    ]);
  });

  it('keeps each calendar to its owner and reports refused credentials as a state', async () => {
    expect(await failureOf(readUpcomingEvents(calendar('agent-b', 'agent'), range()))).toBe('credentials_refused');
    expect(await failureOf(readUpcomingEvents(calendar('agent', 'agent', 'wrong'), range()))).toBe(
      'credentials_refused',
    );
    expect((await readUpcomingEvents(calendar('agent-b'), range())).map((e) => e.summary)).toEqual([
      'Conseil communautaire',
    ]);
  });
});
