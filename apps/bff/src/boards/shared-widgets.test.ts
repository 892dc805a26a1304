import { describe, expect, it } from 'vitest';
import type { BoardWidget, Subject } from '@pleiade/contracts';
import { AppError } from '../errors.js';
import type { BoardAccessRow } from './board-access.js';
import { widgetsToSave, type StoredWidget } from './shared-widgets.js';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const agent: Subject = { userId: id(90), collectiviteId: id(91), role: 'agent', groups: ['agents'] };
const copy: BoardAccessRow = { collectiviteId: id(91), kind: 'PERSONAL', ownerId: id(90), audience: [] };

const stored = (n: number, kind: string, extra: Partial<StoredWidget> = {}): StoredWidget => ({
  id: id(n),
  kind,
  options: kind === 'notes' ? { text: 'x' } : {},
  layout: { lg: { x: (n % 3) * 4, y: 0, w: 4, h: 4 } },
  locked: false,
  audience: [],
  ...extra,
});
const sent = (widget: StoredWidget, layout = widget.layout): BoardWidget =>
  ({ id: widget.id, kind: widget.kind, options: widget.options, layout }) as BoardWidget;

const LOCKED = stored(1, 'welcome', { locked: true });
const NOTES = stored(2, 'notes');
const HIDDEN = stored(3, 'mail', { audience: ['finances'] });
const STORED = [LOCKED, NOTES, HIDDEN];

function refusal(run: () => unknown): { code: string; message: string } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
}

describe('widgetsToSave (a save from the board editor)', () => {
  it('keeps what the person cannot see, and locks and audiences as stored', () => {
    const saved = widgetsToSave(
      agent,
      copy,
      [sent(LOCKED), { ...sent(NOTES), options: { text: 'mine' } } as BoardWidget],
      STORED,
    );
    expect(saved.map((widget) => [widget.id, widget.locked, widget.audience, widget.options])).toEqual([
      [LOCKED.id, true, [], {}],
      [NOTES.id, false, [], { text: 'mine' }],
      [HIDDEN.id, false, ['finances'], {}],
    ]);
  });

  it('refuses to remove or move a locked widget, and to name one the person cannot see', () => {
    expect(refusal(() => widgetsToSave(agent, copy, [sent(NOTES)], STORED))).toMatchObject({ code: 'FORBIDDEN' });
    const moved = sent(LOCKED, { lg: { x: 8, y: 4, w: 4, h: 4 } });
    expect(refusal(() => widgetsToSave(agent, copy, [moved, sent(NOTES)], STORED))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(refusal(() => widgetsToSave(agent, copy, [sent(LOCKED), sent(HIDDEN)], STORED))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });

  it('lets the person remove it once the template no longer reaches them', () => {
    expect(widgetsToSave(agent, copy, [sent(NOTES)], STORED, false).map((widget) => widget.id)).toEqual([
      NOTES.id,
      HIDDEN.id,
    ]);
  });
});
