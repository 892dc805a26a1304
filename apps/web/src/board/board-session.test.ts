import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Board, BoardWidget, SaveBoardRequest } from '@pleiade/contracts';
import { testId, unavailableWidget, widget } from '../test/factories';
import { createBoardSession, type BoardSessionOptions } from './board-session';
import { updateWidgetOptions } from './layout';

class Conflict extends Error {}

const BOARD_ID = testId();

function board(version: number, widgets: BoardWidget[], overrides: Partial<Board> = {}): Board {
  return {
    id: BOARD_ID,
    name: 'Mon tableau de bord',
    version,
    readOnly: false,
    updatedAt: '2025-03-03T08:00:00.000Z',
    kind: 'personal',
    widgets,
    lockedWidgetIds: [],
    template: null,
    ...overrides,
  };
}

interface SaveCall {
  body: SaveBoardRequest;
  keepalive: boolean;
  resolve: (board: Board) => void;
  reject: (error: unknown) => void;
}

function setup(initial: Board, overrides: Partial<BoardSessionOptions> = {}) {
  const saves: SaveCall[] = [];
  const reload = vi.fn<() => Promise<Board>>();
  const onSaved = vi.fn<(board: Board) => void>();
  const session = createBoardSession({
    board: initial,
    delayMs: 700,
    save: (_id, body, { keepalive }) =>
      new Promise<Board>((resolve, reject) => saves.push({ body, keepalive, resolve, reject })),
    reload,
    isConflict: (error) => error instanceof Conflict,
    onSaved,
    ...overrides,
  });
  return { session, saves, reload, onSaved };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('board session', () => {
  const note = widget('notes', { x: 0, y: 0, w: 4, h: 4 });
  const welcome = widget('welcome', { x: 4, y: 0, w: 4, h: 3 });

  it('sends back a widget to reconfigure with every save until the person removes it', async () => {
    const broken = unavailableWidget(null, { x: 0, y: 4, w: 4, h: 3 });
    const { session, saves } = setup(board(3, [note, broken]));
    session.commit(updateWidgetOptions(session.widgets(), note.id, { text: 'Appeler la DGS' }));
    await vi.advanceTimersByTimeAsync(700);
    expect(saves[0]?.body.widgets).toContainEqual(broken);
  });

  it('shows an edit at once and saves the whole list with the current version', async () => {
    const { session, saves, onSaved } = setup(board(3, [note]));
    const listener = vi.fn();
    session.subscribe(listener);
    session.commit([note, welcome]);
    expect(session.getSnapshot().widgets).toEqual([note, welcome]);
    expect(session.getSnapshot().save.state).toBe('pending');
    expect(listener).toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(700);
    expect(saves.map((call) => call.body)).toEqual([{ version: 3, widgets: [note, welcome] }]);
    saves[0]?.resolve(board(4, [note, welcome]));
    await vi.advanceTimersByTimeAsync(0);
    expect(session.getSnapshot().save.state).toBe('saved');
    expect(onSaved).toHaveBeenCalledWith(board(4, [note, welcome]));
  });

  it('does not save when the same list is committed again', async () => {
    const { session, saves } = setup(board(3, [note]));
    session.commit(session.widgets());
    await vi.advanceTimersByTimeAsync(5_000);
    expect(saves).toHaveLength(0);
    expect(session.getSnapshot().save.state).toBe('saved');
  });

  it('never saves a read-only board', async () => {
    const { session, saves } = setup(board(3, [note], { readOnly: true }));
    session.commit([note, welcome]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(saves).toHaveLength(0);
    expect(session.widgets()).toEqual([note]);
  });

  it('on 409 loads the server board, replaces the local one and shows the conflict', async () => {
    const server = board(9, [welcome]);
    const { session, saves, reload } = setup(board(3, [note]));
    reload.mockResolvedValue(server);
    session.commit([note, welcome]);
    await vi.advanceTimersByTimeAsync(700);
    saves[0]?.reject(new Conflict());
    await vi.advanceTimersByTimeAsync(0);

    expect(reload).toHaveBeenCalledTimes(1);
    expect(session.getSnapshot()).toMatchObject({ widgets: [welcome], conflict: 'shown' });
    expect(session.getSnapshot().save.state).toBe('saved');

    // The next edit is made on, and saved with, the server's version.
    session.commit([welcome, note]);
    await vi.advanceTimersByTimeAsync(700);
    expect(saves[1]?.body.version).toBe(9);

    session.dismissConflict();
    expect(session.getSnapshot().conflict).toBe('none');
  });

  it('says so when the board cannot be reloaded after a conflict, and retries on demand', async () => {
    const { session, saves, reload } = setup(board(3, [note]));
    reload.mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce(board(5, [welcome]));
    session.commit([]);
    await vi.advanceTimersByTimeAsync(700);
    saves[0]?.reject(new Conflict());
    await vi.advanceTimersByTimeAsync(0);
    expect(session.getSnapshot().conflict).toBe('reload-failed');

    session.retryReload();
    expect(session.getSnapshot().conflict).toBe('reloading');
    await vi.advanceTimersByTimeAsync(0);
    expect(session.getSnapshot()).toMatchObject({ widgets: [welcome], conflict: 'shown' });
  });

  it('adopts a newer server board only when nothing is unsaved', async () => {
    const { session, saves } = setup(board(3, [note]));
    session.adopt(board(3, [welcome]));
    expect(session.widgets()).toEqual([note]);

    session.commit([note, welcome]);
    session.adopt(board(4, [welcome]));
    expect(session.widgets()).toEqual([note, welcome]);

    await vi.advanceTimersByTimeAsync(700);
    saves[0]?.resolve(board(4, [note, welcome]));
    await vi.advanceTimersByTimeAsync(0);
    session.adopt(board(6, [welcome]));
    expect(session.widgets()).toEqual([welcome]);
  });

  it('flushes with keepalive when the page is hidden', () => {
    const { session, saves } = setup(board(3, [note]));
    session.commit([note, welcome]);
    session.flushBeforeUnload();
    expect(saves.map((call) => call.keepalive)).toEqual([true]);
  });
});
