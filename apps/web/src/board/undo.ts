/**
 * « Annuler » after a destructive action (a widget removed, a board deleted): one message at a time,
 * shown for a few seconds, its « Annuler » reachable by keyboard. The time stops while the pointer or
 * the focus is on it (WCAG 2.2.1): nobody loses the chance to undo while reaching for it. A new
 * message settles the previous one first. Framework-free, so its timing is unit-tested.
 */

export const UNDO_DELAY_MS = 10_000;

export interface UndoableAction {
  message: string;
  /** Puts things back. */
  undo: () => void;
  /** The time to undo is over (or another action came): make it final, if anything is left to do. */
  settle?: () => void;
  /** Where the focus goes when the message closes while it was on it. */
  restoreFocus?: () => void;
}

export interface UndoSnapshot {
  /** Increases with each action shown: a new message for assistive technologies and for focus. */
  id: number;
  message: string | null;
  restoreFocus: (() => void) | null;
  /** How the last message closed: after « Annuler », the action itself puts the focus back. */
  closedBy: 'undo' | 'settle' | null;
}

export interface UndoStore {
  show(action: UndoableAction): void;
  undo(): void;
  /** Closes the message now; what was done stays done. */
  dismiss(): void;
  pause(): void;
  resume(): void;
  getSnapshot(): UndoSnapshot;
  subscribe(listener: () => void): () => void;
}

export function createUndoStore(delayMs = UNDO_DELAY_MS): UndoStore {
  let current: UndoableAction | null = null;
  let id = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let remaining = delayMs;
  let startedAt = 0;
  let paused = false;
  let closedBy: UndoSnapshot['closedBy'] = null;
  let snapshot: UndoSnapshot = { id, message: null, restoreFocus: null, closedBy };
  const listeners = new Set<() => void>();

  function emit(): void {
    snapshot = { id, message: current?.message ?? null, restoreFocus: current?.restoreFocus ?? null, closedBy };
    for (const listener of listeners) listener();
  }

  function stopTimer(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function startTimer(): void {
    stopTimer();
    startedAt = Date.now();
    timer = setTimeout(() => close(true), remaining);
  }

  function close(settle: boolean): void {
    const action = current;
    stopTimer();
    current = null;
    paused = false;
    closedBy = action ? (settle ? 'settle' : 'undo') : closedBy;
    if (action && settle) action.settle?.();
    emit();
  }

  return {
    show(action) {
      if (current) close(true);
      current = action;
      closedBy = null;
      id += 1;
      remaining = delayMs;
      paused = false;
      startTimer();
      emit();
    },
    undo() {
      const action = current;
      if (!action) return;
      close(false);
      action.undo();
    },
    dismiss() {
      close(true);
    },
    pause() {
      if (!current || paused) return;
      paused = true;
      stopTimer();
      remaining = Math.max(0, remaining - (Date.now() - startedAt));
    },
    resume() {
      if (!current || !paused) return;
      paused = false;
      // Back from a pause: at least a moment to read it again.
      remaining = Math.max(remaining, 2_000);
      startTimer();
    },
    getSnapshot() {
      return snapshot;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
