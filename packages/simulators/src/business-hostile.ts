// Hostile business data for the XSS tests of what shows it (mapping engine, widgets, news):
// every text a business widget can show carries a payload, as withHostileText does for the
// collaboration applications.
import type { BusinessData } from './business-data.js';
import { HOSTILE_PAYLOADS } from './hostile-text.js';

/**
 * A copy of `data` where GLPI ticket titles, descriptions and categories, budget line labels,
 * purchase order subjects, suppliers and services, people's surnames, absence descriptions,
 * clocking terminals, and news titles, summaries, categories and authors end with a payload.
 */
export function withHostileBusinessText(
  data: BusinessData,
  payloads: readonly string[] = HOSTILE_PAYLOADS,
): BusinessData {
  if (payloads.length === 0) throw new Error('withHostileBusinessText: at least one payload is needed');
  let turn = 0;
  const taint = (text: string) => `${text} ${payloads[turn++ % payloads.length] ?? ''}`;
  return {
    people: data.people.map((p) => ({ ...p, surname: taint(p.surname) })),
    glpi: {
      tickets: data.glpi.tickets.map((t) => ({
        ...t,
        title: taint(t.title),
        content: taint(t.content),
        category: taint(t.category),
      })),
    },
    finance: {
      budgetLines: data.finance.budgetLines.map((l) => ({
        ...l,
        libelle: taint(l.libelle),
        service: taint(l.service),
      })),
      purchaseOrders: data.finance.purchaseOrders.map((o) => ({
        ...o,
        objet: taint(o.objet),
        fournisseur: taint(o.fournisseur),
        service: taint(o.service),
      })),
      leaveRequests: data.finance.leaveRequests.map((r) => ({ ...r })),
    },
    time: Object.fromEntries(
      Object.entries(data.time).map(([username, t]) => [
        username,
        {
          ...t,
          clockings: t.clockings.map((c) => ({ ...c, terminal: taint(c.terminal) })),
          absences: t.absences.map((a) => ({ ...a, description: taint(a.description) })),
          balances: t.balances.map((b) => ({ ...b, description: taint(b.description) })),
        },
      ]),
    ),
    news: Object.fromEntries(
      Object.entries(data.news).map(([c, feed]) => [
        c,
        {
          ...feed,
          items: feed.items.map((i) => ({
            ...i,
            title: taint(i.title),
            summaryHtml: taint(i.summaryHtml),
            category: taint(i.category),
            author: taint(i.author),
          })),
        },
      ]),
    ) as BusinessData['news'],
  };
}
