import { describe, expect, it } from 'vitest';
import { saveBoardRequestSchema, utf8ByteLength } from './board.js';
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

describe('utf8ByteLength', () => {
  it('counts bytes as UTF-8 does', () => {
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('€')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4);
  });
});
