import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUndoStore } from './undo';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function action(message: string) {
  return { message, undo: vi.fn(), settle: vi.fn() };
}

describe('undo store', () => {
  it('shows a message for a few seconds, then makes the action final', () => {
    const store = createUndoStore(10_000);
    const removed = action('Widget « Notes » retiré.');
    store.show(removed);
    expect(store.getSnapshot()).toMatchObject({ id: 1, message: 'Widget « Notes » retiré.' });
    vi.advanceTimersByTime(9_999);
    expect(removed.settle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(removed.settle).toHaveBeenCalledTimes(1);
    expect(removed.undo).not.toHaveBeenCalled();
    expect(store.getSnapshot()).toMatchObject({ message: null, closedBy: 'settle' });
  });

  it('« Annuler » puts things back and never makes them final', () => {
    const store = createUndoStore(10_000);
    const deleted = action('Tableau « Budget » supprimé.');
    store.show(deleted);
    store.undo();
    expect(store.getSnapshot()).toMatchObject({ message: null, closedBy: 'undo' });
    vi.advanceTimersByTime(60_000);
    expect(deleted.undo).toHaveBeenCalledTimes(1);
    expect(deleted.settle).not.toHaveBeenCalled();
    expect(store.getSnapshot().message).toBeNull();
  });

  it('waits while the pointer or the focus is on the message', () => {
    const store = createUndoStore(10_000);
    const removed = action('Widget retiré.');
    store.show(removed);
    vi.advanceTimersByTime(6_000);
    store.pause();
    vi.advanceTimersByTime(60_000);
    expect(removed.settle).not.toHaveBeenCalled();
    store.resume();
    vi.advanceTimersByTime(3_999);
    expect(removed.settle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(removed.settle).toHaveBeenCalledTimes(1);
  });

  it('a new action settles the previous one; closing the message keeps what was done', () => {
    const store = createUndoStore(10_000);
    const first = action('Premier.');
    const second = action('Second.');
    store.show(first);
    store.show(second);
    expect(first.settle).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot()).toMatchObject({ id: 2, message: 'Second.' });
    store.dismiss();
    expect(second.settle).toHaveBeenCalledTimes(1);
    expect(second.undo).not.toHaveBeenCalled();
    store.undo();
    expect(second.undo).not.toHaveBeenCalled();
  });
});
