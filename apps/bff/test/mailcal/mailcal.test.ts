import { readFileSync } from 'node:fs';
import { agendaDataSchema, mailDataSchema } from '@pleiade/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConnectorConfigOf } from '../../src/connectors/connector-config.js';
import type { OperationContext } from '../../src/connectors/operation.js';
import { CONNECTORS } from '../../src/connectors/registry.js';
import { UpstreamError } from '../../src/connectors/states.js';
import { UpstreamClient } from '../../src/connectors/upstream-client.js';
import { connectorConfig, operationContext } from '../support/connectors.js';

/**
 * The standard mail and agenda connectors against real Dovecot (IMAP) and Radicale (CalDAV) from
 * Debian, started and seeded by `npm test` (scripts/mailcal.mjs) from fixtures.json, read through
 * the widget operations as the widget data route calls them.
 */
const imap = process.env.MAILCAL_IMAP;
const caldav = process.env.MAILCAL_CALDAV;
const startedAt = Number(process.env.MAILCAL_STARTED_AT);
if (!imap || !caldav || !startedAt) {
  throw new Error('These tests need MAILCAL_IMAP, MAILCAL_CALDAV and MAILCAL_STARTED_AT (npm test sets them).');
}
const [imapHost = '', imapPort = ''] = imap.split(':');

interface Fixtures {
  users: { username: string; password: string }[];
}
const fixtures = JSON.parse(readFileSync(new URL('./fixtures.json', import.meta.url), 'utf8')) as Fixtures;
const passwordOf = (name: string) => {
  const found = fixtures.users.find((u) => u.username === name);
  if (!found) throw new Error(name);
  return found.password;
};

const LOOPBACK = ['127.0.0.1/32', '::1/128'];

function connector<K extends 'imap' | 'caldav'>(
  kind: K,
  baseUrl: string,
  options: Record<string, unknown>,
  allow = LOOPBACK,
) {
  return connectorConfig(kind, {
    id: `00000000-0000-4000-8000-00000000000${kind === 'imap' ? 1 : 2}`,
    label: kind,
    baseUrl,
    authMode: 'personal_secret',
    options,
    allowPrivateNetworks: allow,
  });
}

const imapConnector = (options: Record<string, unknown> = {}, allow = LOOPBACK) =>
  connector(
    'imap',
    // The base URL is the webmail (the widget's link); the IMAP server is its host or options.host.
    `http://${imapHost}:8080/webmail/`,
    { port: Number(imapPort), tls: 'none', ...options },
    allow,
  );
const caldavConnector = connector('caldav', caldav, { calendarPath: '/{login}/agenda/' });

const clients: UpstreamClient[] = [];
afterAll(() => {
  for (const client of clients) client.close();
});

function clientFor(config: { id: string; baseUrl: string; allowPrivateNetworks: readonly string[] }) {
  const client = new UpstreamClient({
    instanceId: config.id,
    baseUrl: config.baseUrl,
    allowPrivateNetworks: config.allowPrivateNetworks,
    resilience: { retries: 0 },
  });
  clients.push(client);
  return client;
}

const person = (username: string) => ({
  user: { userId: `id-${username}`, login: username, email: null, displayName: username },
});

function mailContext(config: ConnectorConfigOf<'imap'>, username: string, password = passwordOf(username)) {
  return operationContext(config, clientFor(config), { type: 'basic', username, password }, person(username));
}

function agendaContext(config: ConnectorConfigOf<'caldav'>, username: string, password = passwordOf(username)) {
  return operationContext(config, clientFor(config), { type: 'basic', username, password }, person(username));
}

const readMail = (ctx: OperationContext<'imap'>) => CONNECTORS.imap.operations.mail.read(ctx, {});
const readAgenda = (ctx: OperationContext<'caldav'>) => CONNECTORS.caldav.operations.agenda.read(ctx, {});

async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UpstreamError) return error.status;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('IMAP mail operation (Dovecot)', () => {
  it('gives the unread count and the latest unread messages, newest first, subjects decoded', async () => {
    const mail = mailDataSchema.parse(await readMail(mailContext(imapConnector(), 'agent')));
    expect(mail.unreadCount).toBe(3);
    expect(mail.latest.map((m) => [m.from, m.subject])).toEqual([
      ['Service état civil', 'Acte de naissance à valider'],
      ['Préfecture du Rhône', 'Contrôle de légalité : délibération n°2026-118'],
      ['Marie Durand', 'Réunion de service jeudi'],
    ]);
    expect(new Set(mail.latest.map((m) => m.id)).size).toBe(3);
    expect(new Date(mail.latest[0]?.receivedAt ?? 0).getTime()).toBeGreaterThan(startedAt - 31 * 60_000);
    expect(mail.appUrl).toBe(`http://${imapHost}:8080/webmail/`);
  });

  it('reads without marking anything as seen', async () => {
    await readMail(mailContext(imapConnector(), 'agent'));
    expect((await readMail(mailContext(imapConnector(), 'agent'))).unreadCount).toBe(3);
  });

  it('shows each person their own mailbox only', async () => {
    const mail = await readMail(mailContext(imapConnector(), 'agent-b'));
    expect(mail.unreadCount).toBe(1);
    expect(mail.latest.map((m) => m.subject)).toEqual(['Budget primitif']);
  });

  it('takes the IMAP server from options.host when the webmail lives elsewhere', async () => {
    const config = { ...imapConnector({ host: imapHost }), baseUrl: 'https://webmail.example.org/' };
    expect((await readMail(mailContext(config, 'agent'))).unreadCount).toBe(3);
  });

  it('reports refused credentials, an unreachable server and plain IMAP to a remote host as states', async () => {
    expect(await failureOf(readMail(mailContext(imapConnector(), 'agent', 'wrong')))).toBe('credentials_refused');
    expect(await failureOf(readMail(mailContext(imapConnector({ port: 1 }), 'agent')))).toBe('unreachable');
    // A private address that the operator allowed, but in clear text: refused before connecting.
    const remote = imapConnector({ host: '10.255.255.1' }, ['10.0.0.0/8']);
    expect(await failureOf(readMail(mailContext(remote, 'agent')))).toBe('not_configured');
  });

  it('applies the address policy to IMAP: loopback is refused unless the connector allows it', async () => {
    const error = await readMail(mailContext(imapConnector({}, []), 'agent')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 'unreachable', reason: 'ADDRESS_REFUSED' });
  });
});

describe('CalDAV agenda operation (Radicale)', () => {
  it('gives the next events of the week, soonest first, past ones left out, with the visio link', async () => {
    const agenda = agendaDataSchema.parse(await readAgenda(agendaContext(caldavConnector, 'agent')));
    expect(agenda.events.map((e) => [e.title, e.location])).toEqual([
      ['Commission urbanisme', 'Salle du conseil'],
      ['Visio avec la préfecture', 'https://visio.demo-a.pleiade.test/prefecture-urbanisme'],
    ]);
    expect(new Date(agenda.events[0]?.start ?? 0).getTime()).toBe(Math.floor((startedAt + 120 * 60_000) / 1000) * 1000);
    expect(agenda.events[0]?.allDay).toBe(false);
    expect(agenda.events[0]?.visioUrl).toBeUndefined();
    expect(agenda.events[1]?.visioUrl).toBe('https://visio.demo-a.pleiade.test/prefecture-urbanisme');
  });

  it('keeps each calendar to its owner and reports refused credentials as a state', async () => {
    const otherPath = connector('caldav', caldav, { calendarPath: '/agent/agenda/' });
    expect(await failureOf(readAgenda(agendaContext(otherPath, 'agent-b')))).toBe('credentials_refused');
    expect(await failureOf(readAgenda(agendaContext(caldavConnector, 'agent', 'wrong')))).toBe('credentials_refused');
    expect((await readAgenda(agendaContext(caldavConnector, 'agent-b'))).events.map((e) => e.title)).toEqual([
      'Conseil communautaire',
    ]);
  });

  it('answers not_configured when the calendar path does not exist on the server', async () => {
    const wrongPath = connector('caldav', caldav, { calendarPath: '/{login}/nulle-part/' });
    expect(await failureOf(readAgenda(agendaContext(wrongPath, 'agent')))).toBe('not_configured');
  });

  it('goes through the address policy like every HTTP upstream', async () => {
    const refused = connector('caldav', caldav, { calendarPath: '/{login}/agenda/' }, []);
    const error = await readAgenda(agendaContext(refused, 'agent')).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 'unreachable', reason: 'ADDRESS_REFUSED' });
  });
});
