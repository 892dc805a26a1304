import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSaveQueue, type SaveQueueOptions } from './save-queue';

interface Saved {
  version: number;
}

class Conflict extends Error {}

interface Call {
  payload: string;
  version: number;
  keepalive: boolean;
  resolve: (result: Saved) => void;
  reject: (error: unknown) => void;
}

function setup(overrides: Partial<SaveQueueOptions<string, Saved>> = {}) {
  const calls: Call[] = [];
  const onSaved = vi.fn<(result: Saved) => void>();
  const onConflict = vi.fn<(error: unknown) => void>();
  const queue = createSaveQueue<string, Saved>({
    delayMs: 700,
    version: 1,
    send: (payload, version, { keepalive }) =>
      new Promise<Saved>((resolve, reject) => {
        calls.push({ payload, version, keepalive, resolve, reject });
      }),
    versionOf: (saved) => saved.version,
    isConflict: (error) => error instanceof Conflict,
    onSaved,
    onConflict,
    ...overrides,
  });
  return { queue, calls, onSaved, onConflict };
}

/** Lets the promise callbacks of a settled save run. */
async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('save queue', () => {
  it('starts saved, with nothing to save', () => {
    const { queue, calls } = setup();
    expect(queue.getSnapshot()).toEqual({ state: 'saved', error: null });
    queue.flush();
    expect(calls).toHaveLength(0);
    expect(queue.hasUnsavedChanges()).toBe(false);
  });

  it('debounces changes and sends only the latest one', async () => {
    const { queue, calls, onSaved } = setup();
    queue.schedule('a');
    expect(queue.getSnapshot().state).toBe('pending');
    expect(queue.hasUnsavedChanges()).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    queue.schedule('b');
    await vi.advanceTimersByTimeAsync(699);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((call) => [call.payload, call.version])).toEqual([['b', 1]]);
    expect(queue.getSnapshot().state).toBe('saving');

    calls[0]?.resolve({ version: 2 });
    await settle();
    expect(queue.getSnapshot().state).toBe('saved');
    expect(queue.version()).toBe(2);
    expect(onSaved).toHaveBeenCalledWith({ version: 2 });
    expect(queue.hasUnsavedChanges()).toBe(false);
  });

  it('keeps one save in flight and sends a change that came due meanwhile right after, with the new version', async () => {
    const { queue, calls } = setup();
    queue.schedule('a');
    await vi.advanceTimersByTimeAsync(700);
    expect(calls).toHaveLength(1);

    queue.schedule('b');
    expect(queue.getSnapshot().state).toBe('saving');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toHaveLength(1);

    calls[0]?.resolve({ version: 2 });
    await settle();
    expect(calls.map((call) => [call.payload, call.version])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(queue.getSnapshot().state).toBe('saving');
    calls[1]?.resolve({ version: 3 });
    await settle();
    expect(queue.getSnapshot().state).toBe('saved');
    expect(queue.version()).toBe(3);
  });

  it('lets a change made during a save wait for its own debounce', async () => {
    const { queue, calls } = setup();
    queue.schedule('a');
    await vi.advanceTimersByTimeAsync(700);
    queue.schedule('b');
    calls[0]?.resolve({ version: 2 });
    await settle();
    expect(calls).toHaveLength(1);
    expect(queue.getSnapshot().state).toBe('pending');
    await vi.advanceTimersByTimeAsync(700);
    expect(calls.map((call) => call.payload)).toEqual(['a', 'b']);
  });

  it('on a conflict drops what is pending, reports it and waits for a reset', async () => {
    const { queue, calls, onConflict } = setup();
    queue.schedule('a');
    await vi.advanceTimersByTimeAsync(700);
    queue.schedule('b');
    const conflict = new Conflict('409');
    calls[0]?.reject(conflict);
    await settle();
    expect(onConflict).toHaveBeenCalledWith(conflict);
    expect(queue.getSnapshot()).toEqual({ state: 'saved', error: null });
    expect(queue.hasUnsavedChanges()).toBe(false);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toHaveLength(1);

    queue.reset(7);
    queue.schedule('c');
    await vi.advanceTimersByTimeAsync(700);
    expect(calls.map((call) => [call.payload, call.version])).toEqual([
      ['a', 1],
      ['c', 7],
    ]);
  });

  it('on another failure keeps the change, shows the error and retries on demand', async () => {
    const { queue, calls, onConflict } = setup();
    queue.schedule('a');
    await vi.advanceTimersByTimeAsync(700);
    const failure = new Error('400');
    calls[0]?.reject(failure);
    await settle();
    expect(queue.getSnapshot()).toEqual({ state: 'error', error: failure });
    expect(queue.hasUnsavedChanges()).toBe(true);
    expect(onConflict).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toHaveLength(1);

    queue.flush();
    expect(calls.map((call) => [call.payload, call.version])).toEqual([
      ['a', 1],
      ['a', 1],
    ]);
    calls[1]?.resolve({ version: 2 });
    await settle();
    expect(queue.getSnapshot()).toEqual({ state: 'saved', error: null });
  });

  it('sends a newer change after a failure instead of the failed one', async () => {
    const { queue, calls } = setup();
    queue.schedule('a');
    await vi.advanceTimersByTimeAsync(700);
    queue.schedule('b');
    calls[0]?.reject(new Error('500'));
    await settle();
    expect(queue.getSnapshot().state).toBe('error');
    queue.schedule('c');
    expect(queue.getSnapshot()).toEqual({ state: 'pending', error: null });
    await vi.advanceTimersByTimeAsync(700);
    expect(calls.map((call) => call.payload)).toEqual(['a', 'c']);
  });

  it('treats a send that throws synchronously as a failed save', async () => {
    const { queue } = setup({
      send: () => {
        throw new Error('sync');
      },
    });
    queue.schedule('a');
    await vi.advanceTimersByTimeAsync(700);
    expect(queue.getSnapshot().state).toBe('error');
  });

  it('flushes a pending change with keepalive when the page goes away', () => {
    const { queue, calls } = setup();
    queue.schedule('a');
    queue.flushBeforeUnload();
    expect(calls.map((call) => [call.payload, call.keepalive])).toEqual([['a', true]]);
  });

  it('does not flush on page hide while a save is in flight', async () => {
    const { queue, calls } = setup();
    queue.schedule('a');
    await vi.advanceTimersByTimeAsync(700);
    queue.schedule('b');
    queue.flushBeforeUnload();
    expect(calls).toHaveLength(1);
  });

  it('ignores the outcome of a save started before a reset', async () => {
    const { queue, calls, onSaved } = setup();
    queue.schedule('a');
    await vi.advanceTimersByTimeAsync(700);
    queue.reset(10);
    calls[0]?.resolve({ version: 2 });
    await settle();
    expect(onSaved).not.toHaveBeenCalled();
    expect(queue.version()).toBe(10);
    expect(queue.getSnapshot().state).toBe('saved');
  });

  it('notifies subscribers of each state change, with a stable snapshot in between', async () => {
    const { queue, calls } = setup();
    const states: string[] = [];
    const unsubscribe = queue.subscribe(() => states.push(queue.getSnapshot().state));
    const before = queue.getSnapshot();
    expect(queue.getSnapshot()).toBe(before);
    queue.schedule('a');
    queue.schedule('b');
    await vi.advanceTimersByTimeAsync(700);
    calls[0]?.resolve({ version: 2 });
    await settle();
    unsubscribe();
    queue.schedule('c');
    expect(states).toEqual(['pending', 'saving', 'saved']);
  });
});
