import { describe, expect, it } from 'vitest';
import type { ActionItem, TodoEvent } from '@pleiade/contracts';
import { INITIAL_TODO_STATE, allItems, applyTodoEvent, itemCount, startStream, streamFailed } from './todo-state';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

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

const sources: TodoEvent = {
  type: 'sources',
  sources: [
    { connectorId: A, kind: 'nextcloud', label: 'Nextcloud' },
    { connectorId: B, kind: 'zimbra', label: 'Messagerie' },
  ],
};

function run(events: TodoEvent[], from = INITIAL_TODO_STATE) {
  return events.reduce(applyTodoEvent, from);
}

describe('« À traiter » in the page', () => {
  it('shows each source as it answers, most urgent item first, and marks the late and failed ones', () => {
    let state = run([
      sources,
      { type: 'items', connectorId: A, items: [item(A, 'a')], fetchedAt: '2026-12-04T10:00:00Z', stale: false },
    ]);
    expect(state.phase).toBe('streaming');
    expect(state.sources.map((entry) => entry.phase)).toEqual(['ok', 'loading']);
    state = run([{ type: 'slow', connectorId: B }], state);
    expect(state.sources[1]?.phase).toBe('slow');
    state = run(
      [
        {
          type: 'items',
          connectorId: B,
          items: [item(B, 'b', { priority: 'urgent' })],
          fetchedAt: '2026-12-04T10:00:03Z',
          stale: false,
        },
        { type: 'done' },
      ],
      state,
    );
    expect(allItems(state).map((entry) => entry.title)).toEqual(['b', 'a']);
    expect(itemCount(state)).toBe(2);
    expect(state.phase).toBe('done');
    expect(state.fresh.size).toBe(0);

    const failed = run([sources, { type: 'failed', connectorId: A, status: 'timeout', message: 'Trop lent.' }]);
    expect(failed.sources[0]).toMatchObject({ phase: 'failed', message: 'Trop lent.' });
  });

  it('keeps what it shows during a new reading, then marks the items that appeared as new', () => {
    const first = run([
      sources,
      { type: 'items', connectorId: A, items: [item(A, 'a')], fetchedAt: '2026-12-04T10:00:00Z', stale: false },
      { type: 'items', connectorId: B, items: [], fetchedAt: '2026-12-04T10:00:00Z', stale: false },
      { type: 'done' },
    ]);
    const next = run([sources], startStream(first));
    expect(allItems(next).map((entry) => entry.title)).toEqual(['a']);
    const done = run(
      [
        {
          type: 'items',
          connectorId: A,
          items: [item(A, 'a'), item(A, 'c')],
          fetchedAt: '2026-12-04T10:01:00Z',
          stale: false,
        },
        { type: 'items', connectorId: B, items: [], fetchedAt: '2026-12-04T10:01:00Z', stale: false },
        { type: 'done' },
      ],
      next,
    );
    expect([...done.fresh]).toEqual([`${A}:c`]);
  });

  it('fails the sources still waiting when the stream breaks, or the whole page before any line', () => {
    const broken = streamFailed(run([sources]), 'Impossible de joindre le serveur.');
    expect(broken.sources.map((entry) => entry.phase)).toEqual(['failed', 'failed']);
    expect(broken.phase).toBe('done');
    expect(streamFailed(INITIAL_TODO_STATE, 'Hors ligne').phase).toBe('error');
  });
});
