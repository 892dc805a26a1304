import type { Board, BoardWidget, SaveBoardRequest } from '@pleiade/contracts';
import { mergeBoards, sameWidgets, type MergeResult, type WidgetConflict } from './merge';
import { createSaveQueue, type SaveQueueSnapshot } from './save-queue';

/**
 * The board being edited in this tab: its widgets, its save queue and what happens on a version
 * conflict. An external store (subscribe/getSnapshot) without React, so the whole flow is unit-tested.
 *
 * A 409 never discards what the person did: the board is reloaded and their changes are merged
 * onto it (merge.ts) — re-applied and saved when nothing collides (`merged`), else both versions
 * are offered and the person chooses (`choosing`). Until then their board stays on screen.
 */

export type ConflictState = 'none' | 'reloading' | 'merged' | 'choosing' | 'reload-failed';

export type ConflictChoice = 'mine' | 'theirs';

export interface BoardSessionSnapshot {
  widgets: readonly BoardWidget[];
  save: SaveQueueSnapshot;
  conflict: ConflictState;
  /** While `choosing`: what collided. */
  conflicts: readonly WidgetConflict[];
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
  readonly boardId: string;
  subscribe(listener: () => void): () => void;
  getSnapshot(): BoardSessionSnapshot;
  widgets(): readonly BoardWidget[];
  /** A local edit: shown at once, saved after the debounce. Ignored on a read-only board or while the person chooses. */
  commit(next: readonly BoardWidget[]): void;
  /** A board fetched from the server replaces the local copy only if it is newer and nothing is unsaved. */
  adopt(board: Board): void;
  retrySave(): void;
  retryReload(): void;
  /** After a conflict: keep the person's version of what collided, or the other one. */
  resolveConflict(choice: ConflictChoice): void;
  dismissConflict(): void;
  flushBeforeUnload(): void;
  hasUnsavedChanges(): boolean;
  /** The board is gone (deleted): forget what is pending, save nothing more. */
  dispose(): void;
}

export function createBoardSession(options: BoardSessionOptions): BoardSession {
  const { board } = options;
  let widgets: readonly BoardWidget[] = board.widgets;
  // The board as the server has it at the queue's version: the base of a merge after a 409.
  let synced: readonly BoardWidget[] = board.widgets;
  let conflict: ConflictState = 'none';
  let pendingChoice: MergeResult | null = null;
  let disposed = false;
  const listeners = new Set<() => void>();

  const queue = createSaveQueue<readonly BoardWidget[], Board>({
    delayMs: options.delayMs,
    version: board.version,
    send: (payload, version, { keepalive }) =>
      options.save(board.id, { version, widgets: [...payload] }, { keepalive }),
    versionOf: (saved) => saved.version,
    isConflict: options.isConflict,
    onSaved: (saved) => {
      synced = saved.widgets;
      options.onSaved?.(saved);
    },
    onConflict: () => reload(),
  });

  let snapshot: BoardSessionSnapshot = { widgets, save: queue.getSnapshot(), conflict, conflicts: [] };
  function emit(): void {
    snapshot = { widgets, save: queue.getSnapshot(), conflict, conflicts: pendingChoice?.conflicts ?? [] };
    for (const listener of listeners) listener();
  }
  queue.subscribe(emit);

  /** Saves `next` when it differs from what the server has. */
  function saveIfChanged(next: readonly BoardWidget[]): boolean {
    widgets = next;
    if (sameWidgets(next, synced)) return false;
    queue.schedule(next);
    return true;
  }

  function reload(): void {
    if (disposed) return;
    conflict = 'reloading';
    emit();
    options.reload().then(
      (fresh) => {
        if (disposed) return;
        // Edits made while reloading are in `widgets` too: they are merged with the rest.
        const result = mergeBoards(synced, widgets, fresh.widgets);
        synced = fresh.widgets;
        queue.reset(fresh.version);
        if (result.conflicts.length > 0) {
          pendingChoice = result;
          conflict = 'choosing';
        } else {
          conflict = saveIfChanged(result.mine) ? 'merged' : 'none';
        }
        emit();
      },
      () => {
        if (disposed) return;
        conflict = 'reload-failed';
        emit();
      },
    );
  }

  return {
    boardId: board.id,
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
      if (board.readOnly || disposed || conflict === 'choosing' || next === widgets) return;
      widgets = next;
      // While reloading, the queue is about to take the server's version: the merge saves this.
      if (conflict !== 'reloading' && conflict !== 'reload-failed') queue.schedule(next);
      emit();
    },
    adopt(fresh) {
      if (fresh.id !== board.id || disposed || (conflict !== 'none' && conflict !== 'merged')) return;
      if (fresh.version <= queue.version() || queue.hasUnsavedChanges()) return;
      widgets = fresh.widgets;
      synced = fresh.widgets;
      queue.reset(fresh.version);
      emit();
    },
    retrySave() {
      queue.flush();
    },
    retryReload() {
      reload();
    },
    resolveConflict(choice) {
      if (!pendingChoice) return;
      const chosen = pendingChoice[choice];
      pendingChoice = null;
      conflict = 'none';
      saveIfChanged(chosen);
      emit();
    },
    dismissConflict() {
      if (conflict === 'merged') conflict = 'none';
      emit();
    },
    flushBeforeUnload() {
      queue.flushBeforeUnload();
    },
    hasUnsavedChanges() {
      return queue.hasUnsavedChanges() || conflict === 'choosing' || conflict === 'reload-failed';
    },
    dispose() {
      disposed = true;
      queue.reset(queue.version());
      listeners.clear();
    },
  };
}
