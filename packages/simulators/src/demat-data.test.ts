import { describe, expect, it } from 'vitest';
import { DEMAT_DEMO_DATA, DEMO_USERS, HOSTILE_PAYLOADS, withHostileDematText } from './index.js';

const collectiviteOf = (username: string) => DEMO_USERS.find((u) => u.username === username)?.collectivite;

describe('dematerialisation demo data', () => {
  const { iparapheur, s2low, idelibre, pastell } = DEMAT_DEMO_DATA;

  it('gives the élu folders to sign and convocations, and agents desks of their own', () => {
    const eluDesks = iparapheur.desks.filter((d) => d.holders.includes('elu')).map((d) => d.id);
    const toSign = iparapheur.folders.filter(
      (f) => eluDesks.includes(f.deskId) && f.state === 'PENDING' && f.action === 'SIGNATURE',
    );
    expect(toSign.length).toBeGreaterThan(1);
    const elu = idelibre.users.find((u) => u.username === 'elu@demo-a')!;
    expect(idelibre.convocations.filter((c) => c.userId === elu.id && !c.isRead).length).toBeGreaterThan(0);
    for (const agent of ['agent', 'admin', 'agent-b']) {
      expect(
        iparapheur.desks.some((d) => d.holders.includes(agent)),
        agent,
      ).toBe(true);
    }
  });

  it('never lets a person hold a desk, an entity or an i-delibRE account of the other collectivité', () => {
    for (const desk of iparapheur.desks) {
      const tenant = iparapheur.tenants.find((t) => t.id === desk.tenantId)!;
      for (const holder of desk.holders) expect(collectiviteOf(holder), desk.name).toBe(tenant.collectivite);
    }
    for (const user of pastell.users.filter((u) => collectiviteOf(u.login))) {
      for (const id of user.entities) {
        expect(pastell.entities.find((e) => e.id_e === id)?.collectivite, user.login).toBe(collectiviteOf(user.login));
      }
    }
    for (const user of idelibre.users) {
      const structure = idelibre.structures.find((s) => s.id === user.structureId)!;
      expect(user.username.endsWith(`@${structure.suffix}`), user.username).toBe(true);
    }
    for (const account of s2low.accounts) {
      const authority = s2low.authorities.find((a) => a.id === account.authorityId)!;
      expect(account.certificate).toBe(authority.collectivite);
    }
  });

  it('holds other people’s items beside each person’s, so filtering shows', () => {
    // i-delibRE's API token sees the whole structure: convocations of other élus of the same sitting.
    const elu = idelibre.users.find((u) => u.username === 'elu@demo-a')!;
    const eluSittings = new Set(idelibre.convocations.filter((c) => c.userId === elu.id).map((c) => c.sittingId));
    const others = idelibre.convocations.filter((c) => eluSittings.has(c.sittingId) && c.userId !== elu.id);
    expect(others.length).toBeGreaterThan(1);
    // Each collectivité has items in each application.
    for (const collectivite of ['demo-a', 'demo-b']) {
      const authority = s2low.authorities.find((a) => a.collectivite === collectivite)!;
      expect(s2low.transactions.some((t) => t.authorityId === authority.id)).toBe(true);
      const entities = pastell.entities.filter((e) => e.collectivite === collectivite).map((e) => e.id_e);
      expect(pastell.documents.some((d) => entities.includes(d.id_e))).toBe(true);
    }
  });

  it('withHostileDematText puts a payload in every displayed text and keeps identifiers', () => {
    const hostile = withHostileDematText(DEMAT_DEMO_DATA);
    const texts = [
      ...hostile.iparapheur.folders.map((f) => f.name),
      ...hostile.iparapheur.desks.map((d) => d.name),
      ...hostile.s2low.transactions.map((t) => t.subject),
      ...hostile.idelibre.sittings.flatMap((s) => [s.name, s.place]),
      ...hostile.pastell.documents.map((d) => d.titre),
      ...hostile.pastell.entities.map((e) => e.denomination),
    ];
    for (const text of texts)
      expect(
        HOSTILE_PAYLOADS.some((p) => text.includes(p)),
        text,
      ).toBe(true);
    expect(hostile.iparapheur.folders.map((f) => f.id)).toEqual(DEMAT_DEMO_DATA.iparapheur.folders.map((f) => f.id));
    expect(hostile.idelibre.users.map((u) => u.username)).toEqual(
      DEMAT_DEMO_DATA.idelibre.users.map((u) => u.username),
    );
    expect(JSON.stringify(DEMAT_DEMO_DATA)).not.toContain('<script>');
  });
});
