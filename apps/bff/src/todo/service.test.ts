import { describe, expect, it } from 'vitest';
import type { ActionableItem } from '../connectors/actionable.js';
import { toActionItems } from './service.js';

const CONNECTOR = '5b0e4f52-2f0e-4c44-9c4c-7a8f8d2d1a10';
const user = { userId: 'u1', login: 'agent', email: 'agent@demo-a.test', displayName: 'Agent' };

function item(overrides: Partial<ActionableItem>): ActionableItem {
  return {
    source: 'nextcloud',
    id: 'nextcloud:1',
    title: 'Titre',
    context: 'Fichiers',
    status: 'À consulter',
    dueAt: null,
    updatedAt: '2026-12-04T10:00:00.000Z',
    urgent: false,
    url: 'https://cloud.demo.test/index.php/f/1',
    concerns: { scope: 'person', login: 'agent' },
    ...overrides,
  };
}

describe('toActionItems', () => {
  it('keeps the reader’s items only, in urgency order, without `concerns`', () => {
    const { items, dropped } = toActionItems(
      CONNECTOR,
      [
        item({ id: 'a', title: 'Sans échéance' }),
        item({ id: 'b', title: 'À quelqu’un d’autre', concerns: { scope: 'person', login: 'agent-b' } }),
        item({ id: 'c', title: 'Échéance lointaine', dueAt: '2026-12-20T10:00:00.000Z' }),
        item({ id: 'd', title: 'En retard', dueAt: '2026-12-01T10:00:00.000Z', urgent: true }),
        item({ id: 'e', title: 'De la collectivité', concerns: { scope: 'collectivite' } }),
        item({ id: 'f', title: 'Lien douteux', url: 'javascript:alert(1)' }),
        item({ id: 'g', title: 'Même login, autre casse', concerns: { scope: 'person', login: 'AGENT' } }),
      ],
      user,
    );
    expect(dropped).toBe(2);
    expect(items.map((entry) => [entry.title, entry.priority])).toEqual([
      ['En retard', 'urgent'],
      ['Échéance lointaine', 'high'],
      // Same priority, no due date, same change: by id, a stable order.
      ['Sans échéance', 'normal'],
      ['De la collectivité', 'normal'],
      ['Même login, autre casse', 'normal'],
    ]);
    expect(items[0]).toEqual({
      id: `${CONNECTOR}:d`,
      connectorId: CONNECTOR,
      kind: 'nextcloud',
      title: 'En retard',
      context: 'Fichiers',
      status: 'À consulter',
      dueAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-04T10:00:00.000Z',
      priority: 'urgent',
      url: 'https://cloud.demo.test/index.php/f/1',
    });
  });
});
