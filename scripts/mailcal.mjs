// Real Dovecot (IMAP) and Radicale (CalDAV) from Debian for the `mailcal` tier of `npm test`: the
// standard mail and agenda connectors are tested against real servers, not simulators.
//   whyMailCalCannotRun()  → undefined, or the reason (plain English, for the test summary)
//   installMailCal()       → installs dovecot-imapd and radicale with apt when missing (root)
//   startMailCal(users)    → both servers on free loopback ports, seeded, with stop()
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './lib.mjs';

function onPath(command) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, command)));
}

const installed = () => onPath('dovecot') && onPath('radicale');

export function whyMailCalCannotRun() {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  // Dovecot runs its mail processes as the dovecot user: its master must start as root.
  if (process.getuid?.() !== 0) return 'not root (Dovecot must start as root)';
  if (!installed() && !(existsSync('/etc/debian_version') && onPath('apt-get'))) {
    return 'dovecot and radicale missing, and no Debian apt-get to install them';
  }
  return undefined;
}

/** apt-get install, with the packages' own services kept from starting (no daemon on :143). */
export function installMailCal() {
  if (installed()) return { ok: true };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const policy = '/usr/sbin/policy-rc.d';
  const hadPolicy = existsSync(policy);
  if (!hadPolicy) {
    writeFileSync(policy, '#!/bin/sh\nexit 101\n');
    chmodSync(policy, 0o755);
  }
  try {
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    if (update.status !== 0) return { ok: false, problem: 'apt-get update failed' };
    const install = spawnSync(
      'apt-get',
      ['install', '-y', '-qq', '--no-install-recommends', 'dovecot-imapd', 'radicale'],
      { stdio: 'inherit', env },
    );
    return install.status === 0 && installed() ? { ok: true } : { ok: false, problem: 'apt-get install failed' };
  } finally {
    if (!hadPolicy) rmSync(policy, { force: true });
  }
}

async function waitForPort(port, what) {
  for (let i = 0; i < 100; i += 1) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.setTimeout(1000, () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start on port ${port}`);
}

function rfc2047(text) {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** Writes one message into a Maildir: new/ (unread) or cur/ with the Seen flag. */
function writeMessage(maildir, index, message) {
  const name = `${Math.floor(message.date.getTime() / 1000)}.M${index}P${process.pid}.pleiade`;
  const file = message.seen ? path.join(maildir, 'cur', `${name}:2,S`) : path.join(maildir, 'new', name);
  const body = [
    `From: ${rfc2047(message.fromName)} <${message.fromAddress}>`,
    `To: ${message.to}`,
    `Subject: ${rfc2047(message.subject)}`,
    `Date: ${message.date.toUTCString()}`,
    `Message-ID: <${index}.${Date.now()}@pleiade.test>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    message.text,
    '',
  ].join('\r\n');
  writeFileSync(file, body);
}

function icsDate(date) {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * Starts Dovecot and Radicale on free loopback ports with the given users' mail and events.
 * users: [{ username, password, messages: [{fromName, fromAddress, subject, text, date, seen}],
 *           events: [{uid, summary, location, start, end}] }]
 */
export async function startMailCal(users) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pleiade-mailcal-'));
  chmodSync(dir, 0o755);
  const imapPort = await freePort();
  const caldavPort = await freePort();

  // --- Dovecot: passwd-file users, Maildir homes owned by the dovecot user, plain IMAP on loopback.
  for (const sub of ['run', 'state', 'home']) mkdirSync(path.join(dir, sub), { recursive: true });
  writeFileSync(path.join(dir, 'users'), users.map((u) => `${u.username}:{PLAIN}${u.password}`).join('\n') + '\n');
  for (const user of users) {
    const maildir = path.join(dir, 'home', user.username, 'Maildir');
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(path.join(maildir, sub), { recursive: true });
    user.messages.forEach((message, index) =>
      writeMessage(maildir, index + 1, { ...message, to: `${user.username}@pleiade.test` }),
    );
  }
  spawnSync('chown', ['-R', 'dovecot:dovecot', path.join(dir, 'home')]);
  const conf = path.join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
mail_uid = dovecot
mail_gid = dovecot
first_valid_uid = 1
default_login_user = dovenull
default_internal_user = dovecot
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
`,
  );
  // Dovecot forks into the background: no pipes, or spawnSync would wait for the daemon to exit.
  const dovecot = spawnSync('dovecot', ['-c', conf], { stdio: 'ignore' });
  if (dovecot.status !== 0) throw new Error(`dovecot exited with code ${dovecot.status} (see ${dir}/dovecot.log)`);
  await waitForPort(imapPort, 'Dovecot');

  // --- Radicale: htpasswd users, one calendar "agenda" per user, events PUT over CalDAV.
  mkdirSync(path.join(dir, 'collections'));
  writeFileSync(path.join(dir, 'radicale-users'), users.map((u) => `${u.username}:${u.password}`).join('\n') + '\n');
  writeFileSync(
    path.join(dir, 'radicale.conf'),
    `[server]
hosts = 127.0.0.1:${caldavPort}
[auth]
type = htpasswd
htpasswd_filename = ${dir}/radicale-users
htpasswd_encryption = plain
[rights]
type = owner_only
[storage]
filesystem_folder = ${dir}/collections
[logging]
level = warning
`,
  );
  const radicale = spawn('radicale', ['--config', path.join(dir, 'radicale.conf')], { stdio: 'ignore' });
  await waitForPort(caldavPort, 'Radicale');
  const caldavUrl = `http://127.0.0.1:${caldavPort}`;
  for (const user of users) {
    const auth = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
    const calendar = `${caldavUrl}/${user.username}/agenda/`;
    const made = await fetch(calendar, { method: 'MKCALENDAR', headers: { authorization: auth } });
    if (made.status !== 201) throw new Error(`MKCALENDAR ${made.status}`);
    for (const event of user.events) {
      const ics = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Pleiade//tests//FR',
        'BEGIN:VEVENT',
        `UID:${event.uid}`,
        `DTSTAMP:${icsDate(new Date())}`,
        `DTSTART:${icsDate(event.start)}`,
        `DTEND:${icsDate(event.end)}`,
        `SUMMARY:${event.summary}`,
        ...(event.location ? [`LOCATION:${event.location}`] : []),
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');
      const put = await fetch(`${calendar}${encodeURIComponent(event.uid)}.ics`, {
        method: 'PUT',
        headers: { authorization: auth, 'content-type': 'text/calendar; charset=utf-8' },
        body: ics,
      });
      if (put.status !== 201) throw new Error(`PUT event ${put.status}`);
    }
  }

  return {
    imap: { host: '127.0.0.1', port: imapPort },
    caldavUrl,
    async stop() {
      radicale.kill();
      try {
        process.kill(Number(readFileSync(path.join(dir, 'run', 'master.pid'), 'utf8')), 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 300));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
