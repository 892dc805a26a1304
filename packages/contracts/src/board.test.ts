import { describe, expect, it } from 'vitest';
import { boardSchema, isUnavailable, saveBoardRequestSchema, utf8ByteLength } from './board.js';
import { MAX_WIDGETS_PER_BOARD, WIDGET_CONTRACTS, WIDGET_KINDS } from './widgets.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function notes(n: number, text = '') {
  return { id: id(n), kind: 'notes', options: { text }, layout: { lg: { x: 0, y: n, w: 4, h: 4 } } };
}

function pathsOf(input: unknown): string[] {
  const result = saveBoardRequestSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('saveBoardRequestSchema', () => {
  it('accepts a valid board', () => {
    expect(saveBoardRequestSchema.safeParse({ version: 3, widgets: [notes(1, 'Bonjour')] }).success).toBe(true);
  });

  it('has a contract for every widget kind', () => {
    expect(Object.keys(WIDGET_CONTRACTS).sort()).toEqual([...WIDGET_KINDS].sort());
  });

  it('refuses duplicate ids, unknown options and unknown fields', () => {
    expect(pathsOf({ version: 1, widgets: [notes(1), notes(1)] })).toContain('widgets.1.id');
    expect(pathsOf({ version: 1, widgets: [{ ...notes(1), options: { text: '', html: '<b>' } }] })).toContain(
      'widgets.0.options',
    );
    expect(pathsOf({ version: 1, widgets: [], owner: 'someone-else' })).toContain('');
  });

  it('refuses more widgets than allowed', () => {
    const widgets = Array.from({ length: MAX_WIDGETS_PER_BOARD + 1 }, (_, n) => notes(n));
    expect(pathsOf({ version: 1, widgets })).toContain('widgets');
  });

  it('refuses a board over the total size limit', () => {
    const widgets = Array.from({ length: 10 }, (_, n) => notes(n, 'é'.repeat(9_999)));
    expect(pathsOf({ version: 1, widgets })).toEqual(['widgets']);
  });

  it('checks positions against each breakpoint’s columns', () => {
    const widget = { ...notes(1), layout: { lg: { x: 0, y: 0, w: 4, h: 4 }, xs: { x: 1, y: 0, w: 2, h: 4 } } };
    expect(pathsOf({ version: 1, widgets: [widget] })).toContain('widgets.0.layout.xs.x');
  });
});

describe('widgets to reconfigure', () => {
  const unavailable = (n: number, kind: string | null = 'notes') => ({
    id: id(n),
    state: 'needs_reconfiguration',
    kind,
    layout: { lg: { x: 0, y: n, w: 4, h: 3 } },
  });

  it('are part of a board, known kind or not, and are told apart from working widgets', () => {
    const parsed = saveBoardRequestSchema.parse({
      version: 2,
      widgets: [notes(1), unavailable(2), unavailable(3, null)],
    });
    expect(parsed.widgets.map(isUnavailable)).toEqual([false, true, true]);
    expect(
      boardSchema.safeParse({
        id: id(9),
        name: 'Mon tableau',
        version: 2,
        readOnly: false,
        updatedAt: '2026-12-04T08:00:00.000Z',
        kind: 'personal',
        widgets: [unavailable(2, null)],
        lockedWidgetIds: [],
        template: null,
      }).success,
    ).toBe(true);
  });

  it('carry no options: the stored ones stay on the server', () => {
    expect(pathsOf({ version: 1, widgets: [{ ...unavailable(1), options: { text: 'x' } }] })).toEqual(['widgets.0']);
    expect(pathsOf({ version: 1, widgets: [unavailable(1, 'meteo')] })).toEqual(['widgets.0.kind']);
  });

  it('do not count toward their kind’s limit, but toward the board’s', () => {
    const max = WIDGET_CONTRACTS.notes.maxPerBoard;
    const full = Array.from({ length: max }, (_, n) => notes(n));
    expect(pathsOf({ version: 1, widgets: [...full, unavailable(100)] })).toEqual([]);
    const many = Array.from({ length: MAX_WIDGETS_PER_BOARD + 1 }, (_, n) => unavailable(n, null));
    expect(pathsOf({ version: 1, widgets: many })).toContain('widgets');
  });

  it('keep the paths of errors, like every widget', () => {
    const misplaced = { ...unavailable(1, null), layout: { lg: { x: 10, y: 0, w: 4, h: 3 } } };
    expect(pathsOf({ version: 1, widgets: [notes(0), misplaced] })).toEqual(['widgets.1.layout.lg.x']);
    expect(pathsOf({ version: 1, widgets: [{ ...notes(0), options: { text: 3 } }] })).toEqual([
      'widgets.0.options.text',
    ]);
  });
});

describe('utf8ByteLength', () => {
  it('counts bytes as UTF-8 does', () => {
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('€')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4);
  });
});
