import { describe, expect, it } from 'vitest';
import { BREAKPOINT_NAMES, CONNECTOR_KINDS, boardWidgetsSchema, layoutOn } from '@pleiade/contracts';
import { defaultWidgets } from './default-board.js';

describe('defaultWidgets', () => {
  it('is a valid board, already compact on every breakpoint, whatever the applications connected', () => {
    const sets = [[], ['zimbra'], ['nextcloud', 'matrix'], [...CONNECTOR_KINDS]] as const;
    for (const kinds of sets) {
      for (const editable of [true, false]) {
        const widgets = defaultWidgets(editable, kinds);
        expect(boardWidgetsSchema.safeParse(widgets).success).toBe(true);
        for (const breakpoint of BREAKPOINT_NAMES) {
          // What the grid shows is what is stored: nothing overlaps and nothing moves.
          const stored = widgets.map((widget) => ({ id: widget.id, ...widget.layout[breakpoint] }));
          expect(layoutOn(widgets, breakpoint).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
            stored.sort((a, b) => a.id.localeCompare(b.id)),
          );
        }
      }
    }
  });

  it('gives one widget per connected application, and no notes on a board its owner cannot edit (élus)', () => {
    expect(defaultWidgets(true, ['zimbra', 'jitsi']).map((widget) => widget.kind)).toEqual([
      'welcome',
      'app-launcher',
      'notes',
      'mail',
      'agenda',
      'visio',
    ]);
    expect(defaultWidgets(false).map((widget) => widget.kind)).toEqual(['welcome', 'app-launcher']);
  });

  it('gives agents the parapheur, télétransmission and Pastell, élus their sittings and folders to sign', () => {
    const demat = ['iparapheur', 's2low', 'idelibre', 'pastell'] as const;
    const connected = (editable: boolean) =>
      defaultWidgets(editable, demat)
        .map((widget) => widget.kind)
        .filter((kind) => !['welcome', 'app-launcher', 'notes'].includes(kind));
    expect(connected(true)).toEqual(['parapheur', 'teletransmission', 'pastell']);
    expect(connected(false)).toEqual(['seances', 'parapheur']);
    // Without i-delibRE, no sittings widget.
    expect(defaultWidgets(false, ['iparapheur']).map((widget) => widget.kind)).toEqual([
      'welcome',
      'app-launcher',
      'parapheur',
    ]);
  });

  it('fills the first free places, three connected widgets per row on large screens', () => {
    const widgets = defaultWidgets(true, ['zimbra', 'nextcloud', 'matrix', 'jitsi']);
    const connected = widgets.filter((widget) => !['welcome', 'app-launcher', 'notes'].includes(widget.kind));
    expect(connected.map((widget) => widget.layout.lg)).toEqual([
      { x: 0, y: 3, w: 4, h: 5 },
      { x: 4, y: 4, w: 4, h: 5 },
      { x: 8, y: 4, w: 4, h: 5 },
      { x: 0, y: 8, w: 4, h: 5 },
      { x: 4, y: 9, w: 4, h: 5 },
    ]);
  });
});
