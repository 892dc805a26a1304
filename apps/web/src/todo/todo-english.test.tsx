import { afterEach, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ActionItem, TodoEvent } from '@pleiade/contracts';
import { setLanguage } from '../i18n';
import { INITIAL_TODO_STATE, applyTodoEvent, startStream, type TodoState } from './todo-state';
import { dueLabel } from './TodoList';
import { announcement, TodoView } from './TodoPage';
import { TodoSummary } from './TodoWidget';
import { textOf } from '../test/html';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
// Thursday 3 December 2026, 10:00 in Paris.
const NOW = new Date('2026-12-03T09:00:00Z');

function item(connectorId: string, id: string, overrides: Partial<ActionItem> = {}): ActionItem {
  return {
    id: `${connectorId}:${id}`,
    connectorId,
    kind: 'nextcloud',
    title: id,
    context: '',
    status: 'À consulter',
    dueAt: null,
    updatedAt: null,
    priority: 'normal',
    ...overrides,
  };
}

const run = (events: TodoEvent[], from: TodoState = INITIAL_TODO_STATE) => events.reduce(applyTodoEvent, from);

const sources: TodoEvent = {
  type: 'sources',
  sources: [
    { connectorId: A, kind: 'nextcloud', label: 'Nextcloud' },
    { connectorId: B, kind: 'zimbra', label: 'Messagerie' },
  ],
};

/** Nextcloud answered with two items (one urgent, due tomorrow); the mail server failed. */
function answered(): TodoState {
  return run([
    sources,
    {
      type: 'items',
      connectorId: A,
      items: [
        item(A, 'Relire la délibération', { priority: 'urgent', dueAt: '2026-12-04T16:00:00Z' }),
        item(A, 'Valider le bon de commande', { dueAt: '2026-12-07T08:30:00Z' }),
      ],
      fetchedAt: '2026-12-03T09:00:00Z',
      stale: false,
    },
    { type: 'failed', connectorId: B, status: 'timeout', message: 'La messagerie n’a pas répondu à temps.' },
    { type: 'done' },
  ]);
}

afterEach(async () => {
  await setLanguage('fr');
});

describe('« À traiter » in English', () => {
  it('shows the page, its filters, counts and due dates in English', async () => {
    await setLanguage('en');
    const html = renderToStaticMarkup(<TodoView state={answered()} now={NOW} onRefresh={() => undefined} />);
    const text = textOf(html);
    expect(text).toContain('To do Refresh');
    expect(text).toContain('What you have to do in your local authority’s applications, most urgent first.');
    expect(html).toContain('Nextcloud</span>: 2 items</li>');
    // The BFF's French message gives way to the English words of its kind of failure.
    expect(html).toContain('Messagerie</span>: Time-out: the application is taking too long to answer.</li>');
    expect(text).toContain('All (2) Nextcloud (2) Messagerie (0)');
    expect(text).toContain('Urgent only');
    expect(text).toContain('2 items');
    expect(text).toContain('Due tomorrow, 17:00');
    expect(text).toContain('Due Monday 7 December, 09:30');
    expect(html).toContain('aria-label="Filter by application"');
    expect(html).toContain('aria-label="To-do items"');
    expect(text).toContain('2 items to do.');
    expect(text).not.toMatch(/élément|traiter|Actualiser|Toutes/);
  });

  it('keeps the page in French, as before', () => {
    const html = renderToStaticMarkup(<TodoView state={answered()} now={NOW} onRefresh={() => undefined} />);
    expect(html).toContain('Nextcloud</span> : 2 éléments</li>');
    expect(html).toContain('<h2 class="todo-count">2 éléments</h2>');
    expect(textOf(html)).toContain('Toutes (2) Nextcloud (2) Messagerie (0)');
    expect(textOf(html)).toContain('À traiter pour demain, 17:00');
    expect(textOf(html)).toContain('À traiter pour le lundi 7 décembre, 09:30');
  });

  it('shows the widget in English, and a failed stream', async () => {
    await setLanguage('en');
    const text = textOf(renderToStaticMarkup(<TodoSummary state={answered()} now={NOW} />));
    expect(text).toContain('2 items to do See all (2)');
    expect(text).toContain('Unavailable: Messagerie');
    expect(text).not.toMatch(/élément|traiter|Tout voir|Indisponible/);

    const failed: TodoState = { ...INITIAL_TODO_STATE, phase: 'error', error: 'Cannot reach the Pléiade server.' };
    expect(textOf(renderToStaticMarkup(<TodoSummary state={failed} now={NOW} />))).toBe(
      'Your to-do items could not be loaded. Cannot reach the Pléiade server.',
    );
  });

  it('words counts, news and due dates in both languages', async () => {
    const next = run(
      [
        sources,
        {
          type: 'items',
          connectorId: A,
          items: [item(A, 'a'), item(A, 'b'), item(A, 'c')],
          fetchedAt: '2026-12-03T09:01:00Z',
          stale: false,
        },
        { type: 'items', connectorId: B, items: [], fetchedAt: '2026-12-03T09:01:00Z', stale: false },
        { type: 'done' },
      ],
      startStream(
        run([
          sources,
          { type: 'items', connectorId: A, items: [item(A, 'a')], fetchedAt: '2026-12-03T09:00:00Z', stale: false },
          { type: 'items', connectorId: B, items: [], fetchedAt: '2026-12-03T09:00:00Z', stale: false },
          { type: 'done' },
        ]),
      ),
    );
    expect(announcement(next)).toBe('3 éléments à traiter dont 2 nouveaux.');
    expect(dueLabel('2026-12-03T08:00:00Z', NOW)).toBe('En retard depuis aujourd’hui, 09:00');
    expect(dueLabel('2026-12-01T16:00:00Z', NOW)).toBe('En retard depuis le mardi 1 décembre, 17:00');
    expect(dueLabel('2026-12-03T15:00:00Z', NOW)).toBe('À traiter pour aujourd’hui, 16:00');
    await setLanguage('en');
    expect(announcement(next)).toBe('3 items to do, including 2 new.');
    expect(dueLabel('2026-12-03T08:00:00Z', NOW)).toBe('Overdue since 09:00 today');
    expect(dueLabel('2026-12-01T16:00:00Z', NOW)).toBe('Overdue since Tuesday 1 December, 17:00');
    expect(dueLabel('2026-12-03T15:00:00Z', NOW)).toBe('Due today, 16:00');
  });
});
