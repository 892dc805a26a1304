import { useSyncExternalStore } from 'react';
import { errorMessage } from '../api/errors';
import { INITIAL_TODO_STATE, applyTodoEvent, startStream, streamFailed, type TodoState } from './todo-state';
import { readTodoStream } from './todo-stream';

/**
 * One « À traiter » stream for the whole page (the navigation's count, the page and the widget
 * share it), read again every minute while the tab is visible: hidden, it waits; back in view,
 * it reads at once if a minute has passed. New items appear without reloading.
 */

export const TODO_POLL_MS = 60_000;

type Listener = () => void;

class TodoStore {
  private state: TodoState = INITIAL_TODO_STATE;
  private readonly listeners = new Set<Listener>();
  private controller: AbortController | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastStart = 0;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.activate();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.deactivate();
    };
  };

  readonly snapshot = (): TodoState => this.state;

  /** « Actualiser »: reads every application again, past the cache. */
  refresh(): void {
    void this.read(true);
  }

  private set(state: TodoState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  private readonly onVisibility = (): void => {
    if (document.visibilityState !== 'visible') {
      this.clearTimer();
      return;
    }
    if (Date.now() - this.lastStart >= TODO_POLL_MS) void this.read(false);
    else this.schedule(TODO_POLL_MS - (Date.now() - this.lastStart));
  };

  private activate(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
    if (this.state.phase === 'loading' || Date.now() - this.lastStart >= TODO_POLL_MS) void this.read(false);
    else this.schedule(TODO_POLL_MS - (Date.now() - this.lastStart));
  }

  private deactivate(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.clearTimer();
    this.controller?.abort();
    this.controller = null;
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      if (document.visibilityState === 'visible') void this.read(false);
    }, delayMs);
  }

  private async read(refresh: boolean): Promise<void> {
    this.clearTimer();
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.lastStart = Date.now();
    this.set(startStream(this.state));
    try {
      await readTodoStream((event) => this.set(applyTodoEvent(this.state, event)), {
        refresh,
        signal: controller.signal,
      });
    } catch (error) {
      if (controller.signal.aborted) return;
      this.set(streamFailed(this.state, errorMessage(error)));
    }
    if (this.controller === controller && this.listeners.size > 0) this.schedule(TODO_POLL_MS);
  }
}

const store = new TodoStore();

export function useTodo(): { state: TodoState; refresh: () => void } {
  // The server snapshot serves pages rendered outside a browser (the unit tests): nothing read yet.
  const state = useSyncExternalStore(store.subscribe, store.snapshot, store.snapshot);
  return { state, refresh: () => store.refresh() };
}
