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
  const noteWith = (text: string): BoardWidget => updateWidgetOptions([note], note.id, { text })[0] as BoardWidget;
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

  it('on 409 re-applies the person’s change on the server’s board and saves it with its version', async () => {
    const moved = { ...welcome, layout: { lg: { x: 0, y: 6, w: 4, h: 3 } } };
    const { session, saves, reload } = setup(board(3, [note, welcome]));
    // Elsewhere, the welcome widget was moved.
    reload.mockResolvedValue(board(9, [note, moved]));
    const typed = updateWidgetOptions(session.widgets(), note.id, { text: 'Appeler la DGS' });
    session.commit(typed);
    await vi.advanceTimersByTimeAsync(700);
    saves[0]?.reject(new Conflict());
    await vi.advanceTimersByTimeAsync(0);

    expect(reload).toHaveBeenCalledTimes(1);
    const merged = [noteWith('Appeler la DGS'), moved];
    expect(session.getSnapshot()).toMatchObject({ widgets: merged, conflict: 'merged', conflicts: [] });
    await vi.advanceTimersByTimeAsync(700);
    expect(saves[1]?.body).toEqual({ version: 9, widgets: merged });

    session.dismissConflict();
    expect(session.getSnapshot().conflict).toBe('none');
  });

  it('keeps edits made while the board reloads, and merges them too', async () => {
    const { session, saves, reload } = setup(board(3, [note]));
    let answer: (fresh: Board) => void = () => undefined;
    reload.mockReturnValue(new Promise<Board>((resolve) => (answer = resolve)));
    session.commit(updateWidgetOptions(session.widgets(), note.id, { text: 'a' }));
    await vi.advanceTimersByTimeAsync(700);
    saves[0]?.reject(new Conflict());
    await vi.advanceTimersByTimeAsync(0);
    expect(session.getSnapshot().conflict).toBe('reloading');
    session.commit(updateWidgetOptions(session.widgets(), note.id, { text: 'ab' }));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(saves).toHaveLength(1);

    answer(board(4, [note, welcome]));
    await vi.advanceTimersByTimeAsync(700);
    expect(saves[1]?.body).toEqual({ version: 4, widgets: [noteWith('ab'), welcome] });
  });

  it('when the same note was typed elsewhere, shows both and saves the version the person keeps', async () => {
    const { session, saves, reload } = setup(board(3, [note]));
    reload.mockResolvedValue(board(7, [noteWith('leur texte')]));
    session.commit(updateWidgetOptions(session.widgets(), note.id, { text: 'mon texte' }));
    await vi.advanceTimersByTimeAsync(700);
    saves[0]?.reject(new Conflict());
    await vi.advanceTimersByTimeAsync(0);

    const mine = noteWith('mon texte');
    const theirs = noteWith('leur texte');
    expect(session.getSnapshot()).toMatchObject({
      conflict: 'choosing',
      conflicts: [{ kind: 'content', id: note.id, mine, theirs }],
      // What the person typed stays on screen until they choose.
      widgets: [mine],
    });
    expect(session.hasUnsavedChanges()).toBe(true);
    session.commit([]);
    expect(session.widgets()).toEqual([mine]);

    session.resolveConflict('mine');
    expect(session.getSnapshot()).toMatchObject({ conflict: 'none', conflicts: [], widgets: [mine] });
    await vi.advanceTimersByTimeAsync(700);
    expect(saves[1]?.body).toEqual({ version: 7, widgets: [mine] });
  });

  it('keeping the other version saves nothing when it is the server’s', async () => {
    const { session, saves, reload } = setup(board(3, [note]));
    const theirs = noteWith('leur texte');
    reload.mockResolvedValue(board(7, [theirs]));
    session.commit(updateWidgetOptions(session.widgets(), note.id, { text: 'mon texte' }));
    await vi.advanceTimersByTimeAsync(700);
    saves[0]?.reject(new Conflict());
    await vi.advanceTimersByTimeAsync(0);
    session.resolveConflict('theirs');
    expect(session.widgets()).toEqual([theirs]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(saves).toHaveLength(1);
    expect(session.getSnapshot().save.state).toBe('saved');
  });

  it('says so when the board cannot be reloaded after a conflict, keeps the person’s board, and retries on demand', async () => {
    const { session, saves, reload } = setup(board(3, [note]));
    reload.mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce(board(5, [note, welcome]));
    session.commit([]);
    await vi.advanceTimersByTimeAsync(700);
    saves[0]?.reject(new Conflict());
    await vi.advanceTimersByTimeAsync(0);
    expect(session.getSnapshot()).toMatchObject({ conflict: 'reload-failed', widgets: [] });

    session.retryReload();
    expect(session.getSnapshot().conflict).toBe('reloading');
    await vi.advanceTimersByTimeAsync(0);
    // The removal is re-applied on the server's board, where a widget was added meanwhile.
    expect(session.getSnapshot()).toMatchObject({ widgets: [welcome], conflict: 'merged' });
    await vi.advanceTimersByTimeAsync(700);
    expect(saves[1]?.body).toEqual({ version: 5, widgets: [welcome] });
  });

  it('saves nothing more once disposed (the board was deleted)', async () => {
    const { session, saves } = setup(board(3, [note]));
    session.commit([note, welcome]);
    session.dispose();
    session.commit([welcome]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(saves).toHaveLength(0);
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
