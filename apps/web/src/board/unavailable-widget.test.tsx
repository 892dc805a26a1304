import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { BoardWidget } from '@pleiade/contracts';
import { unavailableWidget, widget } from '../test/factories';
import { reconfigureBlocker } from './layout';
import { unavailableKnownKind, unavailableReadOnly, unavailableUnknownKind } from './messages';
import { widgetTitles } from './titles';
import { WidgetChrome } from './WidgetChrome';

const noop = () => undefined;

/** A widget of the board rendered to HTML as the editor renders it (no DOM here). */
function render(target: BoardWidget, board: BoardWidget[], readOnly = false, editing = !readOnly): string {
  return renderToStaticMarkup(
    <WidgetChrome
      widget={target}
      title={widgetTitles(board).get(target.id) ?? ''}
      readOnly={readOnly}
      editing={editing}
      reconfigureBlocker={reconfigureBlocker(board, target.id)}
      onMove={noop}
      onResize={noop}
      onRemove={noop}
      onReconfigure={noop}
      onOptionsChange={noop}
    />,
  );
}

/** The visible text, the way a person reads it. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, '’')
    .replace(/\s+/g, ' ')
    .trim();
}

function buttonsOf(html: string): string[] {
  return [...html.matchAll(/<button[^>]*>([\s\S]*?)<\/button>/g)].map((match) => textOf(match[1] ?? ''));
}

describe('a widget to reconfigure', () => {
  it('says « À reconfigurer » and offers to reconfigure or remove it', () => {
    const broken = unavailableWidget('notes', { x: 0, y: 0, w: 4, h: 4 });
    const html = render(broken, [broken]);
    expect(html).toContain('data-widget-state="needs_reconfiguration"');
    expect(textOf(html)).toContain('Notes');
    expect(textOf(html)).toContain('À reconfigurer');
    expect(textOf(html)).toContain(unavailableKnownKind());
    expect(buttonsOf(html)).toEqual(['', '', 'Reconfigurer', 'Retirer']);
    expect(html).toContain('aria-label="Déplacer le widget « Notes »"');
    expect(html).toContain('aria-label="Retirer le widget « Notes »"');
  });

  it('of a kind this version does not know: can only be removed, and says it will come back with its kind', () => {
    const unknown = unavailableWidget(null, { x: 0, y: 0, w: 4, h: 3 });
    const html = render(unknown, [unknown]);
    expect(textOf(html)).toContain('Widget indisponible');
    expect(textOf(html)).toContain(unavailableUnknownKind());
    expect(buttonsOf(html)).toEqual(['', '', 'Retirer']);
  });

  it('says why it cannot be reconfigured while its kind is at its limit', () => {
    const welcome = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
    const broken = unavailableWidget('welcome', { x: 4, y: 0, w: 4, h: 3 });
    const html = render(broken, [welcome, broken]);
    expect(textOf(html)).toContain('Ce tableau a déjà 1 widget de ce type en service : retirez-le');
    expect(buttonsOf(html)).not.toContain('Reconfigurer');
  });

  it('on a read-only board: says so, with no action', () => {
    const broken = unavailableWidget('mail', { x: 0, y: 0, w: 4, h: 5 });
    const html = render(broken, [broken], true);
    expect(textOf(html)).toContain('À reconfigurer');
    expect(textOf(html)).toContain(unavailableReadOnly());
    expect(html).not.toContain('<button');
  });
});

describe('the edit mode', () => {
  it('outside it, a widget shows its title and content, no handle nor « Retirer »', () => {
    const note = widget('notes', { x: 0, y: 0, w: 4, h: 4 });
    const calm = render(note, [note], false, false);
    expect(calm).not.toContain('widget-drag-handle');
    expect(calm).not.toContain('Retirer le widget');
    expect(calm).not.toContain('Flèches : déplacer');
    const editing = render(note, [note], false, true);
    expect(editing).toContain('aria-label="Déplacer le widget « Notes »"');
    expect(editing).toContain('aria-label="Retirer le widget « Notes »"');
  });

  it('a widget to reconfigure still says what the person can do outside it', () => {
    const broken = unavailableWidget('notes', { x: 0, y: 0, w: 4, h: 4 });
    expect(buttonsOf(render(broken, [broken], false, false))).toEqual(['Reconfigurer', 'Retirer']);
  });
});
