import { describe, expect, it } from 'vitest';
import { BREAKPOINT_NAMES, collides, widgetLayoutSchema } from '@pleiade/contracts';
import { arrangeWidgets, type StoredWidget } from './shared-widgets.js';
import { enforceTemplate, mergeTemplate } from './template-merge.js';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const WELCOME = id(1);
const NOTES = id(2);
const MAIL = id(3);
const AGENDA = id(4);
const MINE = id(5);
const CHAT = id(6);

/**
 * A widget at (x, y) on large and medium screens; on the tablet's two columns and the phone's one,
 * stacked in the large screen's reading order.
 */
function widget(n: string, kind: string, x: number, y: number, extra: Partial<StoredWidget> = {}): StoredWidget {
  const stacked = { x: 0, y: (y * 12 + x) * 2, h: 2 };
  return {
    id: n,
    kind,
    options: kind === 'notes' ? { text: '' } : {},
    layout: {
      lg: { x, y, w: 2, h: 2 },
      md: { x: Math.min(x, 8), y, w: 2, h: 2 },
      sm: { ...stacked, w: 2 },
      xs: { ...stacked, w: 1 },
    },
    locked: false,
    audience: [],
    ...extra,
  };
}

function lg(widgets: readonly StoredWidget[], widgetId: string) {
  const found = widgets.find((candidate) => candidate.id === widgetId);
  return found ? widgetLayoutSchema.parse(found.layout).lg : undefined;
}

function expectNoOverlap(widgets: readonly StoredWidget[]) {
  for (const breakpoint of BREAKPOINT_NAMES) {
    const items = widgets.map((widget) => widgetLayoutSchema.parse(widget.layout)[breakpoint]);
    items.forEach((item, index) => {
      expect(item, `${widgets[index]?.id} on ${breakpoint}`).toBeDefined();
      for (const other of items.slice(index + 1)) {
        if (item && other) expect(collides(item, other), breakpoint).toBe(false);
      }
    });
  }
}

const base = [
  widget(WELCOME, 'welcome', 0, 0, { locked: true }),
  widget(NOTES, 'notes', 2, 0, { options: { text: 'Consignes' } }),
  widget(MAIL, 'mail', 4, 0),
];

describe('mergeTemplate', () => {
  it('adds the new widgets, keeps the person’s moves, settings and own widgets, takes the rest from the new version', () => {
    const copy = [
      widget(WELCOME, 'welcome', 0, 0, { locked: true }),
      widget(NOTES, 'notes', 8, 0, { options: { text: 'Mes notes' } }),
      widget(MAIL, 'mail', 4, 0),
      widget(MINE, 'chat', 0, 2),
    ];
    const next = [
      widget(WELCOME, 'welcome', 0, 0, { locked: true }),
      widget(NOTES, 'notes', 2, 4, { options: { text: 'Consignes 2027' } }),
      widget(MAIL, 'mail', 6, 0, { audience: ['finances'] }),
      widget(AGENDA, 'agenda', 10, 0),
    ];
    const merged = mergeTemplate(base, next, copy);
    expect(merged.map((w) => w.id)).toEqual([WELCOME, NOTES, MAIL, MINE, AGENDA]);
    // Their move and their text win over the new version's.
    expect(lg(merged, NOTES)).toMatchObject({ x: 8, y: 0 });
    expect(merged.find((w) => w.id === NOTES)?.options).toEqual({ text: 'Mes notes' });
    // Untouched by them: the new version's place and audience.
    expect(lg(merged, MAIL)).toMatchObject({ x: 6, y: 0 });
    expect(merged.find((w) => w.id === MAIL)?.audience).toEqual(['finances']);
    expect(lg(merged, AGENDA)).toMatchObject({ x: 10, y: 0 });
    expect(merged.find((w) => w.id === MINE)).toMatchObject({ kind: 'chat', locked: false });
    expectNoOverlap(merged);
  });

  it('keeps removed what the person removed, unless the new version locks it', () => {
    const copy = [widget(WELCOME, 'welcome', 0, 0, { locked: true })];
    expect(mergeTemplate(base, base, copy).map((w) => w.id)).toEqual([WELCOME]);
    const locksNotes = base.map((w) => (w.id === NOTES ? { ...w, locked: true } : w));
    expect(mergeTemplate(base, locksNotes, copy).map((w) => w.id)).toEqual([WELCOME, NOTES]);
  });

  it('removes what the template removed, unless the person changed it', () => {
    const copy = [
      widget(WELCOME, 'welcome', 0, 0, { locked: true }),
      widget(NOTES, 'notes', 2, 0, { options: { text: 'Mes notes' } }),
      widget(MAIL, 'mail', 4, 0),
    ];
    const next = [widget(WELCOME, 'welcome', 0, 0, { locked: true })];
    const merged = mergeTemplate(base, next, copy);
    expect(merged.map((w) => w.id)).toEqual([WELCOME, NOTES]);
    expect(merged.find((w) => w.id === NOTES)).toMatchObject({ locked: false, options: { text: 'Mes notes' } });
  });

  it('puts a locked widget where the template says, and the person’s widgets around it', () => {
    const copy = [widget(WELCOME, 'welcome', 0, 0, { locked: true }), widget(MINE, 'chat', 4, 0)];
    const next = [widget(WELCOME, 'welcome', 4, 0, { locked: true })];
    const merged = mergeTemplate(base, next, copy);
    expect(lg(merged, WELCOME)).toMatchObject({ x: 4, y: 0 });
    expect(lg(merged, MINE)).toMatchObject({ x: 4, y: 2 });
    expectNoOverlap(merged);
  });

  it('merges screen size by screen size: a move on a medium screen keeps the template’s new place on large ones', () => {
    const movedOnMedium = widget(MAIL, 'mail', 4, 0);
    const layout = widgetLayoutSchema.parse(movedOnMedium.layout);
    movedOnMedium.layout = { ...layout, md: { x: 0, y: 2, w: 2, h: 2 } };
    const next = base.map((w) => (w.id === MAIL ? widget(MAIL, 'mail', 8, 0) : w));
    const merged = mergeTemplate(base, next, [base[0] as StoredWidget, base[1] as StoredWidget, movedOnMedium]);
    const mail = widgetLayoutSchema.parse(merged.find((w) => w.id === MAIL)?.layout);
    expect(mail.lg).toMatchObject({ x: 8, y: 0 });
    expect(mail.md).toMatchObject({ x: 0, y: 2 });
  });
});

describe('enforceTemplate', () => {
  it('applies locks and audiences at once, and nothing else', () => {
    const copy = [
      widget(WELCOME, 'welcome', 0, 0, { locked: true }),
      widget(NOTES, 'notes', 8, 0, { options: { text: 'Mes notes' } }),
      widget(MINE, 'chat', 0, 2),
    ];
    // As published: arranged on every screen size.
    const next = arrangeWidgets(
      [
        widget(WELCOME, 'welcome', 2, 0, { locked: true }),
        widget(NOTES, 'notes', 2, 4, { options: { text: 'Nouvelles consignes' }, audience: ['finances'] }),
        widget(MAIL, 'mail', 4, 0, { locked: true }),
        widget(CHAT, 'chat', 6, 0),
      ],
      false,
    );
    const enforced = enforceTemplate(base, next, copy);
    expect(enforced?.map((w) => w.id)).toEqual([WELCOME, NOTES, MINE, MAIL]);
    expect(lg(enforced ?? [], WELCOME)).toMatchObject({ x: 2, y: 0 });
    expect(lg(enforced ?? [], MAIL)).toMatchObject({ x: 4, y: 0 });
    // Not locked: stays where the person put it, with their text; but takes the new audience.
    expect(enforced?.find((w) => w.id === NOTES)).toMatchObject({
      options: { text: 'Mes notes' },
      audience: ['finances'],
      locked: false,
    });
    expect(lg(enforced ?? [], NOTES)).toMatchObject({ x: 8 });
    expect(enforced?.some((w) => w.id === CHAT)).toBe(false);
    expectNoOverlap(enforced ?? []);
  });

  it('releases a widget no longer locked where it is, and changes nothing when nothing is enforced', () => {
    const copy = base.map((w) => ({ ...w }));
    expect(enforceTemplate(base, base, copy)).toBeNull();
    const unlocked = base.map((w) => ({ ...w, locked: false }));
    const released = enforceTemplate(base, unlocked, copy) ?? [];
    expect(released.find((w) => w.id === WELCOME)?.locked).toBe(false);
    expect(lg(released, WELCOME)).toEqual(lg(copy, WELCOME));
  });

  it('takes the new settings of a locked widget unless the person changed them', () => {
    const lockedNotes = (text: string, x = 2) => widget(NOTES, 'notes', x, 0, { locked: true, options: { text } });
    const lockedBase = [lockedNotes('Consignes')];
    expect(
      enforceTemplate(lockedBase, [lockedNotes('Consignes 2027')], [lockedNotes('Consignes')])?.[0]?.options,
    ).toEqual({
      text: 'Consignes 2027',
    });
    expect(
      enforceTemplate(lockedBase, [lockedNotes('Consignes 2027', 4)], [lockedNotes('Les miennes')])?.[0],
    ).toMatchObject({
      options: { text: 'Les miennes' },
    });
  });
});
