import { afterEach, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { describeChange, type Board, type BoardChange, type TemplateUpdate } from '@pleiade/contracts';
import { setLanguage } from '../i18n';
import { testId } from '../test/factories';
import { changeText } from './change-text';
import { TemplateUpdateBanner } from './TemplateUpdateBanner';
import { textOf } from '../test/html';

const W = testId();
const item = (x: number, y: number, w = 4, h = 4) => ({ x, y, w, h });

/** One change of each type, and the variants each type words differently. */
const CHANGES: BoardChange[] = [
  { type: 'widget-added', widgetId: W, kind: 'welcome', position: item(0, 0), locked: false, audience: [] },
  { type: 'widget-added', widgetId: W, kind: 'notes', position: item(4, 2), locked: true, audience: ['elus', 'dgs'] },
  { type: 'widget-added', widgetId: W, kind: 'mail', position: item(0, 4), locked: false, audience: ['dgs'] },
  { type: 'widget-removed', widgetId: W, kind: null },
  { type: 'widget-moved', widgetId: W, kind: 'agenda', breakpoint: 'lg', from: item(0, 0), to: item(4, 0) },
  { type: 'widget-moved', widgetId: W, kind: 'agenda', breakpoint: 'sm', from: item(0, 0), to: item(0, 4) },
  { type: 'widget-resized', widgetId: W, kind: 'notes', breakpoint: 'xs', from: item(0, 0), to: item(0, 0, 6, 3) },
  { type: 'widget-resized', widgetId: W, kind: 'notes', breakpoint: 'md', from: item(0, 0), to: item(0, 0, 2, 2) },
  { type: 'widget-configured', widgetId: W, kind: 'todo' },
  { type: 'widget-locked', widgetId: W, kind: 'todo' },
  { type: 'widget-unlocked', widgetId: W, kind: 'todo' },
  { type: 'widget-audience', widgetId: W, kind: 'news', from: ['a'], to: [] },
  { type: 'widget-audience', widgetId: W, kind: 'news', from: [], to: ['finances', 'rh'] },
  { type: 'renamed', from: 'Services', to: 'Services municipaux' },
  { type: 'audience', from: ['agents'], to: [] },
  { type: 'audience', from: [], to: ['agents'] },
  { type: 'audience', from: ['agents'], to: ['agents', 'finances'] },
  { type: 'priority', from: 1, to: 2 },
];

afterEach(async () => {
  await setLanguage('fr');
});

describe('what a new version of a template changes', () => {
  it('is worded in French exactly as the contracts word it', () => {
    for (const change of CHANGES) expect(changeText(change)).toBe(describeChange(change));
    const named = (_id: string, kind: string | null) => `${kind ?? '?'} 2`;
    expect(changeText(CHANGES[1] as BoardChange, named)).toBe(describeChange(CHANGES[1] as BoardChange, named));
  });

  it('is worded in English once the interface speaks English', async () => {
    await setLanguage('en');
    expect(CHANGES.map((change) => changeText(change))).toEqual([
      '“Welcome” added at column 1, row 1.',
      '“Notes” added at column 5, row 3 (locked; restricted to the groups: elus, dgs).',
      '“Mail” added at column 1, row 5 (restricted to the groups: dgs).',
      '“Unavailable widget” removed.',
      '“Calendar” moved from column 1, row 1 to column 5, row 1.',
      '“Calendar” moved on tablets from column 1, row 1 to column 1, row 5.',
      '“Notes” resized on phones: 6 wide, 3 high, in columns and rows (before: 4 × 4).',
      '“Notes” resized on medium screens: 2 wide, 2 high, in columns and rows (before: 4 × 4).',
      'Settings of “To do” changed.',
      '“To do” locked: it can no longer be moved or removed from copies.',
      '“To do” unlocked.',
      '“News” visible again to the board’s whole audience.',
      '“News” restricted to the groups: finances, rh.',
      'Name changed: “Services” becomes “Services municipaux”.',
      'Audience removed: the board is now visible to administrators only.',
      'Audience: agents.',
      'Audience: agents, finances (before: agents).',
      'Priority: 2 (before: 1).',
    ]);
  });
});

function board(): Board {
  return {
    id: testId(),
    name: 'Mon tableau',
    version: 3,
    readOnly: false,
    updatedAt: '2026-12-04T10:00:00.000Z',
    kind: 'personal',
    widgets: [],
    lockedWidgetIds: [],
    template: { id: testId(), name: 'Services', updateAvailable: true },
  };
}

/** The banner as a person's board shows it, the update already read from the BFF. */
function renderBanner(update: TemplateUpdate | null): string {
  const target = board();
  const client = new QueryClient();
  if (update) client.setQueryData(['boards', target.id, 'template-update', target.version], update);
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <TemplateUpdateBanner board={target} hasUnsavedChanges={() => false} onApplied={() => undefined} />
    </QueryClientProvider>,
  );
}

describe('« Mise à jour disponible »', () => {
  it('says in English what the template’s new version brings, and offers to bring it in', async () => {
    await setLanguage('en');
    const text = textOf(
      renderBanner({
        template: { id: testId(), name: 'Services' },
        fromRevision: 1,
        toRevision: 2,
        publishedAt: '2026-12-04T09:00:00.000Z',
        authorName: 'Alex Moreau',
        changes: [CHANGES[0] as BoardChange],
      }),
    );
    expect(text).toContain('Update available');
    expect(text).toContain('The template “Services” of your board has a new version (published by Alex Moreau on');
    expect(text).toContain('Nothing changes on your board until you bring it in.');
    expect(text).toContain('What changes in the template (1) “Welcome” added at column 1, row 1.');
    expect(text).toContain('Bring in the update Start again from the template…');
    expect(text).toContain('Bringing it in adds what is new in the template');
    expect(text).not.toMatch(/modèle|tableau|Intégrer/);
  });

  it('keeps its French words in French', () => {
    const text = textOf(renderBanner(null));
    expect(text).toBe(
      'Mise à jour disponible Le modèle « Services » de votre tableau a une nouvelle version. Rien ne change sur ' +
        'votre tableau tant que vous ne l’intégrez pas. Intégrer la mise à jour Repartir du modèle… Intégrer ajoute ' +
        'les nouveautés du modèle et garde vos déplacements, vos réglages et vos propres widgets.',
    );
  });
});
