import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { DEFAULT_BOARD_NAMES, NEW_BOARD_NAME, type BoardSummary, type BoardWidget } from '@pleiade/contracts';
import { setLanguage } from '../i18n';
import { fr } from '../i18n/locales/fr';
import { testId, unavailableWidget, widget } from '../test/factories';
import { BoardTabs } from './BoardTabs';
import { Catalogue } from './Catalogue';
import { ConflictDialog } from './ConflictDialog';
import { reconfigureBlocker } from './layout';
import { movedTabAnnouncement, resizedAnnouncement } from './messages';
import { NewBoardDialog } from './NewBoardDialog';
import { RenameForm } from './RenameForm';
import { SaveStatus } from './SaveStatus';
import { widgetTitles } from './titles';
import { WidgetChrome } from './WidgetChrome';

const noop = () => undefined;

/** The text a person reads or hears: visible text, and the labels and titles of attributes. */
function textOf(html: string): string {
  const attributes = [...html.matchAll(/(?:aria-label|title)="([^"]*)"/g)].map((match) => match[1] ?? '');
  return [html.replace(/<[^>]+>/g, ' '), ...attributes]
    .join(' ')
    .replace(/&#x27;/g, '’')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** French typography left in an English page: a forgotten text. */
const FRENCH = /[«»]| :|\b(le|la|les|du|des|votre|vos|tableau|widget\(s\))\b/i;

function chrome(target: BoardWidget, board: BoardWidget[], locked = false): string {
  return renderToStaticMarkup(
    <WidgetChrome
      widget={target}
      title={widgetTitles(board).get(target.id) ?? ''}
      readOnly={false}
      editing
      locked={locked}
      reconfigureBlocker={reconfigureBlocker(board, target.id)}
      onMove={noop}
      onResize={noop}
      onRemove={noop}
      onReconfigure={noop}
      onOptionsChange={noop}
    />,
  );
}

const summary = (name: string, kind: BoardSummary['kind'] = 'personal'): BoardSummary => ({
  id: testId(),
  name,
  kind,
  readOnly: kind === 'published',
});

describe('the board in English', () => {
  beforeEach(async () => {
    await setLanguage('en');
  });
  afterEach(async () => {
    await setLanguage('fr');
  });

  it('names a widget, its handle, its keyboard moves and what to do with one to reconfigure', () => {
    const broken = unavailableWidget('notes', { x: 0, y: 0, w: 4, h: 4 });
    const text = textOf(chrome(broken, [broken]));
    expect(text).toContain('Move the “Notes” widget');
    expect(text).toContain('Remove the “Notes” widget');
    expect(text).toContain('Arrows: move. Shift + arrows: resize.');
    expect(text).toContain('To reconfigure');
    expect(text).toContain('Its settings no longer match this version of Pléiade.');
    expect(text).toContain('Reconfigure Remove');
    expect(text).not.toMatch(FRENCH);
  });

  it('says in English why a widget cannot be reconfigured, and what a locked one is', () => {
    const welcome = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
    const broken = unavailableWidget('welcome', { x: 4, y: 0, w: 4, h: 3 });
    const limited = textOf(chrome(broken, [welcome, broken]));
    expect(limited).toContain(
      'This board already has 1 widget of this kind in use: remove it to reconfigure this one.',
    );
    expect(limited).toContain('Welcome 2');
    const unknown = unavailableWidget(null, { x: 0, y: 0, w: 4, h: 3 });
    expect(textOf(chrome(unknown, [unknown]))).toContain('Unavailable widget');
    const note = widget('notes', { x: 0, y: 0, w: 4, h: 4 });
    const locked = textOf(chrome(note, [note], true));
    expect(locked).toContain('Locked by the administrator: cannot be moved or removed');
    expect(locked).toContain('Locked:');
    expect(locked).not.toMatch(FRENCH);
  });

  it('labels the tabs, the home board, a published board and « Nouveau tableau »', () => {
    const home = summary('Budget');
    const published = summary('Conseil municipal', 'published');
    const text = textOf(
      renderToStaticMarkup(
        <BoardTabs boards={[home, published]} activeId={home.id} homeId={home.id} onSelect={noop} onCreate={noop} />,
      ),
    );
    expect(text).toContain('Your boards');
    expect(text).toContain('Budget (home board)');
    expect(text).toContain('Conseil municipal published');
    expect(text).toContain('+ New board');
  });

  it('offers a new board named in English, with its form', () => {
    const text = textOf(renderToStaticMarkup(<NewBoardDialog open={false} onCreate={async () => {}} onClose={noop} />));
    expect(text).toContain('New board It will be added after your other boards');
    expect(text).toContain('Board name');
    expect(text).toContain('Create board Cancel');
    expect(renderToStaticMarkup(<NewBoardDialog open={false} onCreate={async () => {}} onClose={noop} />)).toContain(
      'value="New board"',
    );
    expect(text).not.toMatch(FRENCH);
  });

  it('renames, saves and retries in English', () => {
    const rename = textOf(renderToStaticMarkup(<RenameForm name="Budget" onRename={async () => {}} onDone={noop} />));
    expect(rename).toBe('Board name Save name Cancel');
    expect(textOf(renderToStaticMarkup(<SaveStatus state="error" onRetry={noop} />))).toBe('Saving failed Try again');
    expect(textOf(renderToStaticMarkup(<SaveStatus state="pending" onRetry={noop} />))).toBe(
      'Changes waiting to be saved…',
    );
  });

  it('shows both versions of a conflict and the choice in English', () => {
    const mine = widget('notes', { x: 0, y: 0, w: 4, h: 4 }, { options: { text: '' } });
    const text = textOf(
      renderToStaticMarkup(
        <ConflictDialog
          conflicts={[
            { kind: 'removed-there', id: mine.id, mine, theirs: null },
            { kind: 'board', id: null, mine: null, theirs: null },
          ]}
          titles={new Map([[mine.id, 'Notes']])}
          onChoose={noop}
        />,
      ),
    );
    expect(text).toContain('This board has been changed elsewhere');
    expect(text).toContain('Notes Your version Empty note. The other version It was removed from the board.');
    expect(text).toContain('The whole board The two versions cannot be combined');
    expect(text).toContain('Keep my version Keep the other version');
    expect(text).not.toMatch(FRENCH);
  });

  it('lists the catalogue with English kind names and blockers', () => {
    const welcome = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
    const text = textOf(
      renderToStaticMarkup(
        <QueryClientProvider client={new QueryClient()}>
          <Catalogue open={false} widgets={[welcome]} onAdd={noop} onClose={noop} />
        </QueryClientProvider>,
      ),
    );
    expect(text).toContain('Add a widget Close Choose a widget: it will be placed at the bottom of your board.');
    expect(text).toContain('The “Welcome” widget is already on your board (only one allowed).');
    expect(text).toContain('Add “Notes”');
  });

  it('announces moves with English plurals', () => {
    expect(resizedAnnouncement('Notes', { x: 0, y: 0, w: 1, h: 3 })).toBe(
      '“Notes” widget resized: 1 column wide, 3 rows high',
    );
    expect(movedTabAnnouncement('Budget', 2, 3)).toBe('Tab “Budget” moved: position 2 of 3.');
  });
});

describe('the board in French', () => {
  it('keeps its texts as they were', () => {
    expect(resizedAnnouncement('Notes', { x: 0, y: 0, w: 4, h: 3 })).toBe(
      'Widget « Notes » redimensionné : 4 colonnes de large, 3 lignes de haut',
    );
    expect(movedTabAnnouncement('Budget', 2, 3)).toBe('Onglet « Budget » déplacé : position 2 sur 3.');
  });

  it('waits for the first board under the name the BFF gives it, in both languages', async () => {
    expect(fr.board.page.loadingTitle).toBe(DEFAULT_BOARD_NAMES.fr);
    const { en } = await import('../i18n/locales/en');
    expect(en.board.page.loadingTitle).toBe(DEFAULT_BOARD_NAMES.en);
  });

  it('offers the name the contracts give a new board', () => {
    expect(fr.board.newBoard.defaultName).toBe(NEW_BOARD_NAME);
    expect(renderToStaticMarkup(<NewBoardDialog open={false} onCreate={async () => {}} onClose={noop} />)).toContain(
      `value="${NEW_BOARD_NAME}"`,
    );
  });
});
