import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, JITSI_URL_PLACEHOLDER, startSimulators, type Simulators } from './index.js';
import { readEverything } from './test-support.js';

let sims: Simulators;
beforeAll(async () => {
  sims = await startSimulators();
});
afterAll(() => sims.close());

describe('demo data', () => {
  it('gives every demo account mail, appointments, notifications, files and conversations', async () => {
    for (const { username } of DEMO_USERS) {
      const data = await readEverything(sims, username);
      expect(data.messages.length, username).toBeGreaterThan(0);
      expect(data.appointments.length, username).toBeGreaterThan(0);
      expect(data.notifications.length, username).toBeGreaterThan(0);
      expect(data.fileNames.length, username).toBeGreaterThan(0);
      expect(data.roomNames.length, username).toBeGreaterThan(0);
    }
  });

  it('points visio links of appointments and Nextcloud items to the Jitsi simulator, which opens them', async () => {
    const elu = await readEverything(sims, 'elu');
    const visio = elu.appointments.find((a) => a.loc.startsWith(`${sims.urls.jitsi}/`));
    expect(visio?.fr).toBe(`Lien de la visio : ${visio?.loc}`);
    const calendarItem = elu.widgetItems.calendar?.[0];
    expect(calendarItem?.link).toBe(visio?.loc);
    const action = elu.notifications.flatMap((n) => n.actions as { link: string }[]).find((a) => a.link === visio?.loc);
    expect(action).toBeDefined();
    expect((await fetch(visio!.loc)).status).toBe(200);

    const everything = JSON.stringify(await Promise.all(DEMO_USERS.map((u) => readEverything(sims, u.username))));
    expect(everything).not.toContain(JITSI_URL_PLACEHOLDER);
    // The demo data themselves are left untouched for the next start.
    expect(JSON.stringify(DEMO_USERS)).toContain(JITSI_URL_PLACEHOLDER);
  });

  it('gives the collectivité demo-b data of its own', async () => {
    const a = await Promise.all(['agent', 'elu', 'admin', 'operateur'].map((u) => readEverything(sims, u)));
    const b = await readEverything(sims, 'agent-b');
    const texts = (d: Awaited<ReturnType<typeof readEverything>>) => [
      ...d.messages.map((m) => m.su),
      ...d.appointments.map((x) => x.name),
      ...d.fileNames,
      ...d.roomNames,
      ...d.notifications.map((n) => n.subject as string),
    ];
    const ofA = new Set(a.flatMap(texts));
    expect(texts(b).filter((t) => ofA.has(t))).toEqual([]);
    expect(JSON.stringify(b)).not.toContain('demo-a');
  });
});
