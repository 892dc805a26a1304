import { describe, expect, it } from 'vitest';
import { DEMO_BUSINESS, findPerson, startSimulators, withHostileBusinessText } from './index.js';

describe('business demo data', () => {
  const usernames = new Set(DEMO_BUSINESS.people.map((p) => p.username));

  it('names only people it knows, in their own collectivité', () => {
    for (const t of DEMO_BUSINESS.glpi.tickets) {
      for (const u of [...t.requesters, ...t.technicians, ...(t.observers ?? [])]) {
        expect(findPerson(DEMO_BUSINESS, u)?.collectivite, `ticket ${t.id}: ${u}`).toBe(t.collectivite);
      }
    }
    for (const o of DEMO_BUSINESS.finance.purchaseOrders)
      expect(findPerson(DEMO_BUSINESS, o.valideur)?.collectivite).toBe(o.collectivite);
    for (const r of DEMO_BUSINESS.finance.leaveRequests) {
      expect(findPerson(DEMO_BUSINESS, r.agent)?.collectivite).toBe(r.collectivite);
      expect(findPerson(DEMO_BUSINESS, r.valideur)?.collectivite).toBe(r.collectivite);
      expect(r.valideur).not.toBe(r.agent);
    }
    for (const username of Object.keys(DEMO_BUSINESS.time)) expect(usernames.has(username)).toBe(true);
  });

  it('covers the five demo accounts and people who are not, with distinct identifiers', () => {
    expect(
      DEMO_BUSINESS.people
        .filter((p) => p.demoAccount)
        .map((p) => p.username)
        .sort(),
    ).toEqual(['admin', 'agent', 'agent-b', 'elu', 'operateur']);
    expect(DEMO_BUSINESS.people.some((p) => !p.demoAccount && p.collectivite === 'demo-a')).toBe(true);
    expect(DEMO_BUSINESS.people.some((p) => !p.demoAccount && p.collectivite === 'demo-b')).toBe(true);
    const unique = (values: unknown[]) => expect(new Set(values).size).toBe(values.length);
    unique(DEMO_BUSINESS.people.map((p) => p.glpiUserToken));
    unique(DEMO_BUSINESS.people.map((p) => p.glpiUserId));
    const employees = DEMO_BUSINESS.people.flatMap((p) => (p.employee ? [p.employee] : []));
    unique(employees.map((e) => e.matricule));
    unique(employees.map((e) => e.badge));
    unique(DEMO_BUSINESS.glpi.tickets.map((t) => t.id));
    // Élus do not clock in: the time-management service does not know them.
    expect(findPerson(DEMO_BUSINESS, 'elu')?.employee).toBeUndefined();
  });

  it('withHostileBusinessText puts a payload into every text a business widget shows', () => {
    const hostile = withHostileBusinessText(DEMO_BUSINESS, ['<b>x</b>']);
    expect(hostile.glpi.tickets.every((t) => t.title.endsWith('<b>x</b>') && t.category.endsWith('<b>x</b>'))).toBe(
      true,
    );
    expect(hostile.finance.purchaseOrders.every((o) => o.objet.endsWith('<b>x</b>'))).toBe(true);
    expect(hostile.news['demo-b'].items.every((i) => i.title.endsWith('<b>x</b>'))).toBe(true);
    expect(hostile.time.agent?.absences.every((a) => a.description.endsWith('<b>x</b>'))).toBe(true);
    expect(DEMO_BUSINESS.glpi.tickets[0]?.title).not.toContain('<b>');
    expect(() => withHostileBusinessText(DEMO_BUSINESS, [])).toThrow();
  });

  it('startSimulators exposes the business applications’ credentials, different for each collectivité', async () => {
    const sims = await startSimulators({ glpiAppToken: 'app-token-de-test' });
    try {
      expect(sims.credentials.glpi.appToken).toBe('app-token-de-test');
      expect(sims.credentials.glpi.userTokens.agent).toBe(findPerson(DEMO_BUSINESS, 'agent')?.glpiUserToken);
      expect(sims.credentials.finance['demo-a'].password).not.toBe(sims.credentials.finance['demo-b'].password);
      expect(sims.credentials.time['demo-a'].login).toBe('ws-gta-demo-a');
      for (const app of ['glpi', 'finance', 'time', 'feeds'] as const)
        expect(sims.urls[app]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await sims.close();
    }
  });
});
