import { describe, expect, it } from 'vitest';
import type { BoardWidget } from '@pleiade/contracts';
import { unavailableWidget, widget } from '../test/factories';
import { mergeBoards, sameWidgets } from './merge';

function note(text: string, id?: string): BoardWidget {
  return widget('notes', { x: 0, y: 0, w: 4, h: 4 }, { options: { text }, ...(id ? { id } : {}) });
}

function moved<W extends BoardWidget>(item: W, x: number, y: number): W {
  return { ...item, layout: { ...item.layout, lg: { ...item.layout.lg, x, y } } };
}

function typed(item: BoardWidget, text: string): BoardWidget {
  return { ...item, options: { text } } as BoardWidget;
}

const welcome = widget('welcome', { x: 4, y: 0, w: 4, h: 3 });
const launcher = widget('app-launcher', { x: 8, y: 0, w: 4, h: 4 });

describe('mergeBoards', () => {
  it('re-applies a note typed here on a board where another tab moved a widget', () => {
    const memo = note('');
    const base = [memo, welcome, launcher];
    const mine = [typed(memo, 'Appeler la préfecture'), welcome, launcher];
    const theirs = [memo, moved(welcome, 0, 4), launcher];
    const result = mergeBoards(base, mine, theirs);
    expect(result.conflicts).toEqual([]);
    expect(result.mine).toEqual([typed(memo, 'Appeler la préfecture'), moved(welcome, 0, 4), launcher]);
  });

  it('keeps widgets added and removed on either side', () => {
    const added = note('nouvelle');
    const addedThere = note('de l’autre onglet');
    const result = mergeBoards([welcome, launcher], [welcome, added], [welcome, launcher, addedThere]);
    expect(result.conflicts).toEqual([]);
    expect(result.mine.map((item) => item.id)).toEqual([welcome.id, addedThere.id, added.id]);
  });

  it('offers both versions of a note typed in both places', () => {
    const memo = note('');
    const result = mergeBoards([memo], [typed(memo, 'ma version')], [moved(typed(memo, 'leur version'), 4, 0)]);
    expect(result.conflicts).toEqual([
      {
        kind: 'content',
        id: memo.id,
        mine: typed(memo, 'ma version'),
        theirs: moved(typed(memo, 'leur version'), 4, 0),
      },
    ]);
    // Positions merge either way: theirs moved it, mine did not.
    expect(result.mine).toEqual([moved(typed(memo, 'ma version'), 4, 0)]);
    expect(result.theirs).toEqual([moved(typed(memo, 'leur version'), 4, 0)]);
  });

  it('asks when one side removed what the other changed; not when it was unchanged', () => {
    const memo = note('début');
    const removedHere = mergeBoards([memo, welcome], [welcome], [typed(memo, 'suite'), welcome]);
    expect(removedHere.conflicts).toEqual([
      { kind: 'removed-here', id: memo.id, mine: null, theirs: typed(memo, 'suite') },
    ]);
    expect(removedHere.mine).toEqual([welcome]);
    expect(removedHere.theirs).toEqual([typed(memo, 'suite'), welcome]);

    const removedThere = mergeBoards([memo, welcome], [typed(memo, 'suite'), welcome], [welcome]);
    expect(removedThere.conflicts.map((conflict) => conflict.kind)).toEqual(['removed-there']);
    expect(removedThere.mine).toEqual([welcome, typed(memo, 'suite')]);
    expect(removedThere.theirs).toEqual([welcome]);

    const quiet = mergeBoards([memo, welcome], [welcome], [memo, moved(welcome, 0, 0)]);
    expect(quiet.conflicts).toEqual([]);
    expect(quiet.mine).toEqual([moved(welcome, 0, 0)]);
  });

  it('the same change on both sides is no conflict', () => {
    const memo = note('');
    const result = mergeBoards([memo], [typed(memo, 'pareil')], [typed(memo, 'pareil')]);
    expect(result.conflicts).toEqual([]);
    expect(result.mine).toEqual([typed(memo, 'pareil')]);
  });

  it('keeps the person’s position where both sides moved the same widget on the same breakpoint', () => {
    const result = mergeBoards([welcome], [moved(welcome, 0, 6)], [moved(welcome, 8, 2)]);
    expect(result.conflicts).toEqual([]);
    expect(result.mine).toEqual([moved(welcome, 0, 6)]);
    const tablet = { ...welcome, layout: { ...welcome.layout, sm: { x: 1, y: 0, w: 1, h: 3 } } };
    const both = mergeBoards([welcome], [moved(welcome, 0, 6)], [tablet]);
    expect(both.mine).toEqual([
      { ...welcome, layout: { lg: { x: 0, y: 6, w: 4, h: 3 }, sm: { x: 1, y: 0, w: 1, h: 3 } } },
    ]);
  });

  it('compares options whatever the order of their keys (a board parsed from the server)', () => {
    const mail = widget('nextcloud-dashboard', { x: 0, y: 0, w: 4, h: 5 }, { options: { dashboardWidget: 'deck' } });
    const reordered = JSON.parse(
      JSON.stringify({ options: mail.options, layout: mail.layout, kind: mail.kind, id: mail.id }),
    ) as BoardWidget;
    expect(mergeBoards([mail], [mail], [reordered]).conflicts).toEqual([]);
    expect(sameWidgets([mail], [reordered])).toBe(true);
  });

  it('keeps a widget to reconfigure as it is', () => {
    const broken = unavailableWidget('notes', { x: 0, y: 8, w: 4, h: 3 });
    const result = mergeBoards([broken, welcome], [broken, moved(welcome, 0, 0)], [broken, welcome]);
    expect(result).toMatchObject({ conflicts: [], mine: [broken, moved(welcome, 0, 0)] });
  });

  it('offers one board or the other, whole, when both together break a limit', () => {
    const mineWelcome = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
    const theirWelcome = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
    const result = mergeBoards([], [mineWelcome], [theirWelcome]);
    expect(result).toEqual({
      mine: [mineWelcome],
      theirs: [theirWelcome],
      conflicts: [{ kind: 'board', id: null, mine: null, theirs: null }],
    });
  });
});
