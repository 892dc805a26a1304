import type { Board, BoardWidget, SaveBoardRequest } from '@pleiade/contracts';
import { createSaveQueue, type SaveQueueSnapshot } from './save-queue';

/**
 * The board being edited in this tab: its widgets, its save queue and what happens on a version
 * conflict. An external store (subscribe/getSnapshot) without React, so the whole flow is unit-tested.
 */

export type ConflictState = 'none' | 'reloading' | 'shown' | 'reload-failed';

export interface BoardSessionSnapshot {
  widgets: readonly BoardWidget[];
  save: SaveQueueSnapshot;
  conflict: ConflictState;
}

export interface BoardSessionOptions {
  board: Board;
  delayMs: number;
  save: (boardId: string, body: SaveBoardRequest, options: { keepalive: boolean }) => Promise<Board>;
  /** Fetches the board as the server has it now. */
  reload: () => Promise<Board>;
  isConflict: (error: unknown) => boolean;
  onSaved?: (board: Board) => void;
}

export interface BoardSession {
  subscribe(listener: () => void): () => void;
  getSnapshot(): BoardSessionSnapshot;
  widgets(): readonly BoardWidget[];
  /** A local edit: shown at once, saved after the debounce. Ignored on a read-only board. */
  commit(next: readonly BoardWidget[]): void;
  /** A board fetched from the server replaces the local copy only if it is newer and nothing is unsaved. */
  adopt(board: Board): void;
  retrySave(): void;
  retryReload(): void;
  dismissConflict(): void;
  flushBeforeUnload(): void;
  hasUnsavedChanges(): boolean;
}

export function createBoardSession(options: BoardSessionOptions): BoardSession {
  const { board } = options;
  let widgets: readonly BoardWidget[] = board.widgets;
  let conflict: ConflictState = 'none';
  const listeners = new Set<() => void>();

  const queue = createSaveQueue<readonly BoardWidget[], Board>({
    delayMs: options.delayMs,
    version: board.version,
    send: (payload, version, { keepalive }) =>
      options.save(board.id, { version, widgets: [...payload] }, { keepalive }),
    versionOf: (saved) => saved.version,
    isConflict: options.isConflict,
    onSaved: (saved) => options.onSaved?.(saved),
    onConflict: () => reload(),
  });

  let snapshot: BoardSessionSnapshot = { widgets, save: queue.getSnapshot(), conflict };
  function emit(): void {
    snapshot = { widgets, save: queue.getSnapshot(), conflict };
    for (const listener of listeners) listener();
  }
  queue.subscribe(emit);

  function reload(): void {
    conflict = 'reloading';
    emit();
    options.reload().then(
      (fresh) => {
        widgets = fresh.widgets;
        conflict = 'shown';
        queue.reset(fresh.version);
        emit();
      },
      () => {
        conflict = 'reload-failed';
        emit();
      },
    );
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot() {
      return snapshot;
    },
    widgets() {
      return widgets;
    },
    commit(next) {
      if (board.readOnly || next === widgets) return;
      widgets = next;
      queue.schedule(next);
      emit();
    },
    adopt(fresh) {
      if (fresh.id !== board.id || fresh.version <= queue.version() || queue.hasUnsavedChanges()) return;
      widgets = fresh.widgets;
      queue.reset(fresh.version);
      emit();
    },
    retrySave() {
      queue.flush();
    },
    retryReload() {
      reload();
    },
    dismissConflict() {
      conflict = 'none';
      emit();
    },
    flushBeforeUnload() {
      queue.flushBeforeUnload();
    },
    hasUnsavedChanges() {
      return queue.hasUnsavedChanges();
    },
  };
}
