import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, HOSTILE_PAYLOADS, startSimulators, withHostileText, type Simulators } from './index.js';
import { readEverything } from './test-support.js';

let sims: Simulators;
beforeAll(async () => {
  sims = await startSimulators({ users: withHostileText(DEMO_USERS) });
});
afterAll(() => sims.close());

const hostile = (text: string) =>
  HOSTILE_PAYLOADS.some((p) => text.includes(p) || text.includes(p.replaceAll('/', '')));

describe('withHostileText', () => {
  it('puts a payload in every text a widget shows, through every API, and script URLs in links', async () => {
    for (const { username } of DEMO_USERS) {
      const d = await readEverything(sims, username);
      const texts = [
        ...d.messages.flatMap((m) => [m.su, m.fr, m.e.find((e) => e.t === 'f')!.p]),
        ...d.appointments.flatMap((a) => [a.name, a.loc, a.fr ?? '']),
        ...d.notifications.flatMap((n) => [n.subject as string, n.message as string]),
        ...Object.values(d.widgetItems).flatMap((items) =>
          items.flatMap((i) => [i.title as string, i.subtitle as string]),
        ),
        ...d.fileNames,
        ...d.roomNames,
      ];
      expect(texts.length, username).toBeGreaterThan(5);
      for (const text of texts) expect(hostile(text), `${username}: ${text}`).toBe(true);
      const links = [
        ...d.notifications.flatMap((n) => [n.link, ...(n.actions as { link: string }[]).map((a) => a.link)]),
        ...Object.values(d.widgetItems).flatMap((items) => items.map((i) => i.link)),
      ];
      expect(links.length, username).toBeGreaterThan(0);
      for (const link of links) expect(link).toBe("javascript:alert('xss-link')");
    }
  });

  it('keeps file names valid: the payload goes before the extension, without a slash', async () => {
    const { fileNames } = await readEverything(sims, 'agent');
    expect(fileNames).toContain('Budget 2027 <script>alert("xss")<script>.xlsx');
  });

  it('takes a list of payloads, or options: another link and replace mode', () => {
    const [agent] = withHostileText(DEMO_USERS.slice(0, 1), ['<b>gras</b>']);
    expect(agent!.zimbra.messages[0]!.subject).toBe('Dossier de mariage Dupont – pièces manquantes <b>gras</b>');
    const [replaced] = withHostileText(DEMO_USERS.slice(0, 1), {
      payloads: ['<i>x</i>'],
      link: 'data:text/html,<script>alert(1)</script>',
      mode: 'replace',
    });
    expect(replaced!.matrix.rooms.map((r) => r.name)).toEqual(['<i>x</i>', '<i>x</i>']);
    expect(replaced!.nextcloud.notifications[0]!.linkPath).toBe('data:text/html,<script>alert(1)</script>');
    expect(DEMO_USERS[0]!.matrix.rooms[0]!.name).toBe('Équipe accueil');
  });
});
