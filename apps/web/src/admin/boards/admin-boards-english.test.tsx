import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  describeChange,
  type AdminAnnouncement,
  type AuditEvent,
  type BoardChange,
  type BoardRevision,
  type IndicatorDefinitionView,
  type IndicatorSourceList,
  type SharedBoard,
  type SharedBoardSummary,
} from '@pleiade/contracts';
import { adminAnnouncementsQueryKey } from '../../api/announcements';
import { setLanguage } from '../../i18n';
import { testId, widget } from '../../test/factories';
import { AnnouncementForm, AnnouncementsAdmin, emptyDraft } from '../AnnouncementsAdmin';
import { IndicatorEditor, IndicatorsAdmin } from '../indicators/IndicatorsAdmin';
import { AdminNav } from './AdminNav';
import { AudiencesPage } from './AudiencesPage';
import { AuditJournal } from './AuditJournal';
import { BoardHistory } from './BoardHistory';
import { changeText } from '../../shared-boards/change-text';
import { auditSentence, formatMoment, revisionLine } from './format';
import { SharedBoardEditor, sharedBoardQueryKey } from './SharedBoardEditor';
import { SharedBoardList, sharedBoardsQueryKey } from './SharedBoardList';

/** The text a person reads or hears: visible text, and the labels and titles of attributes. */
function textOf(html: string): string {
  const attributes = [...html.matchAll(/(?:aria-label|title)="([^"]*)"/g)].map((match) => match[1] ?? '');
  return [html.replace(/<[^>]+>/g, ' '), ...attributes]
    .join(' ')
    .replace(/&#x27;/g, '’')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** French typography or words left in an English page: a forgotten text. */
const FRENCH =
  /[«»]| :|\b(le|la|les|du|des|de|votre|vos|tableau|tableaux|modèle|version publiée|aucun|aucune|supprimer|modifier|publier)\b/i;

const AT = '2026-12-04T09:42:00.000Z';

function render(node: ReactNode, seed: (client: QueryClient) => void): string {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  seed(client);
  return textOf(renderToStaticMarkup(<QueryClientProvider client={client}>{node}</QueryClientProvider>));
}

function sharedBoard(): SharedBoard {
  const welcome = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
  const notes = widget('notes', { x: 4, y: 0, w: 4, h: 4 }, { options: { text: 'Agenda' } });
  return {
    id: testId(),
    kind: 'template',
    name: 'Services',
    audience: ['agents'],
    priority: 1,
    version: 3,
    revision: 3,
    updatedAt: AT,
    copies: 2,
    widgets: [
      { ...welcome, locked: true, audience: [] },
      { ...notes, locked: false, audience: ['finance'] },
    ],
  };
}

const summary = (kind: SharedBoardSummary['kind']): SharedBoardSummary => ({
  id: testId(),
  kind,
  name: kind === 'template' ? 'Services' : 'Council',
  audience: kind === 'template' ? ['agents'] : [],
  priority: 1,
  revision: 2,
  updatedAt: AT,
  widgetCount: 3,
  lockedCount: 2,
  restrictedCount: 1,
  copies: 0,
  lastRevision: { number: 2, authorName: 'Alex Moreau', createdAt: AT },
});

const CHANGES: BoardChange[] = [
  { type: 'renamed', from: 'Services', to: 'Our services' },
  { type: 'audience', from: ['agents'], to: ['agents', 'finance'] },
  { type: 'audience', from: ['agents'], to: [] },
  { type: 'priority', from: 1, to: 2 },
  { type: 'widget-added', widgetId: 'a', kind: 'agenda', position: { x: 8, y: 0 }, locked: true, audience: ['elus'] },
  { type: 'widget-added', widgetId: 'b', kind: 'notes', position: { x: 0, y: 4 }, locked: false, audience: [] },
  { type: 'widget-removed', widgetId: 'c', kind: 'welcome' },
  { type: 'widget-moved', widgetId: 'd', kind: 'notes', breakpoint: 'sm', from: { x: 0, y: 0 }, to: { x: 1, y: 2 } },
  {
    type: 'widget-resized',
    widgetId: 'e',
    kind: 'notes',
    breakpoint: 'lg',
    from: { w: 4, h: 3 },
    to: { w: 6, h: 4 },
  },
  { type: 'widget-configured', widgetId: 'f', kind: null },
  { type: 'widget-locked', widgetId: 'g', kind: 'notes' },
  { type: 'widget-unlocked', widgetId: 'h', kind: 'notes' },
  { type: 'widget-audience', widgetId: 'i', kind: 'notes', from: [], to: ['elus'] },
  { type: 'widget-audience', widgetId: 'j', kind: 'notes', from: ['elus'], to: [] },
] as BoardChange[];

const revisions: BoardRevision[] = [
  {
    number: 3,
    action: 'restored',
    authorName: 'Alex Moreau',
    createdAt: AT,
    restoredFrom: 1,
    name: 'Services',
    widgetCount: 2,
    changes: CHANGES,
  },
  {
    number: 2,
    action: 'published',
    authorName: 'Alex Moreau',
    createdAt: AT,
    restoredFrom: null,
    name: 'Services',
    widgetCount: 2,
    changes: [],
  },
  {
    number: 1,
    action: 'created',
    authorName: 'Alex Moreau',
    createdAt: AT,
    restoredFrom: null,
    name: 'Services',
    widgetCount: 1,
    changes: null,
  },
];

const event = (overrides: Partial<AuditEvent>): AuditEvent => ({
  id: testId(),
  at: AT,
  action: 'board.published',
  actorName: 'Alex Moreau',
  board: { id: null, kind: 'template', name: 'Services' },
  revision: 3,
  restoredFrom: null,
  ...overrides,
});

describe('the boards administration in English', () => {
  beforeEach(async () => {
    await setLanguage('en');
  });
  afterEach(async () => {
    await setLanguage('fr');
  });

  it('writes moments, versions and audit entries in English', () => {
    expect(formatMoment(AT)).toBe('4 December 2026 at 10:42');
    expect(revisionLine(revisions[0] as BoardRevision)).toBe(
      'Restored from version 1 by Alex Moreau on 4 December 2026 at 10:42',
    );
    expect(auditSentence(event({}))).toBe('published version 3 of the template “Services”');
    expect(auditSentence(event({ action: 'board.restored', revision: 5, restoredFrom: 2 }))).toBe(
      'restored version 2 of the template “Services” (new version 5)',
    );
    expect(
      auditSentence(event({ action: 'announcement.deleted', board: { id: null, kind: null, name: 'Snow' } })),
    ).toBe('deleted the announcement “Snow”');
  });

  it('describes each change of a board in English', () => {
    const texts = CHANGES.map((change) => changeText(change));
    expect(texts).toContain('“Calendar” added at column 9, row 1 (locked; restricted to the groups: elus).');
    expect(texts).toContain('“Notes” moved on tablets from column 1, row 1 to column 2, row 3.');
    expect(texts).toContain('Settings of “Unavailable widget” changed.');
    expect(texts).toContain('“Notes” resized: 6 wide, 4 high, in columns and rows (before: 4 × 3).');
    expect(
      changeText({
        type: 'widget-resized',
        widgetId: 'k',
        kind: 'notes',
        breakpoint: 'xs',
        from: { w: 1, h: 3 },
        to: { w: 1, h: 4 },
      } as BoardChange),
    ).toBe('“Notes” resized on phones: 1 wide, 4 high, in columns and rows (before: 1 × 3).');
    for (const text of texts) expect(text).not.toMatch(FRENCH);
  });

  it('shows the navigation, the list, the editor and the history in English', () => {
    const board = sharedBoard();
    const nav = textOf(renderToStaticMarkup(<AdminNav current="boards" />));
    expect(nav).toContain('Shared boards');
    expect(nav).toContain('Administration sections');

    const list = render(<SharedBoardList nav={null} />, (client) =>
      client.setQueryData(sharedBoardsQueryKey, [summary('template'), summary('published')]),
    );
    expect(list).toContain('Templates (1)');
    expect(list).toContain('3, 2 of them locked, 1 restricted to groups');
    expect(list).toContain('no. 2, by Alex Moreau on 4 December 2026 at 10:42');
    expect(list).toContain('nobody: draft, visible to administrators only');
    expect(list).toContain('Create the board');

    const editor = render(<SharedBoardEditor boardId={board.id} nav={null} />, (client) =>
      client.setQueryData(sharedBoardQueryKey(board.id), board),
    );
    expect(editor).toContain('Template “Services”');
    expect(editor).toContain('Version 3 published on 4 December 2026 at 10:42 · 2 copies');
    expect(editor).toContain('Publish version 4');
    expect(editor).toContain('Large screen (12 columns)');
    expect(editor).toContain('Restricted to groups');
    expect(editor).toContain('No changes since version 3.');

    const history = render(<BoardHistory boardId={board.id} nav={null} />, (client) => {
      client.setQueryData(sharedBoardQueryKey(board.id), board);
      client.setQueryData([...sharedBoardQueryKey(board.id), 'revisions'], revisions);
    });
    expect(history).toContain('History — Template “Services”');
    expect(history).toContain('The oldest version kept: 1 widget.');
    expect(history).toContain('Restore version 2');

    for (const text of [nav, list, editor, history]) expect(text).not.toMatch(FRENCH);
  });

  it('shows the audit log, the indicators and the announcements in English', () => {
    const audiences = render(<AudiencesPage nav={null} />, (client) =>
      client.setQueryData(['admin', 'audiences'], {
        groups: [
          { name: 'elus', members: 12, boards: [{ id: testId(), kind: 'published', name: 'Council' }] },
          { name: 'finance', members: 0, boards: [] },
        ],
      }),
    );
    expect(audiences).toContain('Administration — Audiences');
    expect(audiences).toContain('Published board “Council”');
    expect(audiences).toContain('Boards for this group');

    const journal = render(<AuditJournal nav={null} />, (client) =>
      client.setQueryData(['admin', 'audit-log'], { events: [event({})] }),
    );
    expect(journal).toContain('Administration — Audit log');
    expect(journal).toContain('published version 3 of the template “Services”');

    const sources: IndicatorSourceList = {
      sources: [{ kind: 'pleiade.members', label: 'People on Pléiade', unit: 'people', fields: [] }],
    };
    const indicator: IndicatorDefinitionView = {
      id: testId(),
      label: 'Members',
      unit: null,
      source: { kind: 'pleiade.members', label: 'People on Pléiade', params: {} },
      period: 'quarter',
      direction: 'higher_is_better',
      thresholds: { watch: null, critical: null, labels: { good: 'Good', watch: 'Watch', critical: 'Critical' } },
      updatedAt: AT,
    };
    const indicators = render(<IndicatorsAdmin nav={null} />, (client) => {
      client.setQueryData(['admin', 'indicator-sources'], sources);
      client.setQueryData(['admin', 'indicators'], [indicator]);
    });
    expect(indicators).toContain('Every quarter');
    expect(indicators).toContain('Edit “Members”');
    expect(indicators).toContain('New indicator');
    const indicatorForm = render(
      <IndicatorEditor sources={sources.sources} indicator={indicator} onDone={() => undefined} />,
      () => undefined,
    );
    expect(indicatorForm).toContain('Edit “Members”');
    expect(indicatorForm).toContain('The higher, the better');
    expect(indicatorForm).toContain('Word for the to-watch status');
    expect(indicatorForm).toContain('Below the first threshold');

    const announcement: AdminAnnouncement = {
      id: testId(),
      title: 'Snow',
      body: '',
      severity: 'urgent',
      placement: 'banner',
      startsAt: AT,
      endsAt: null,
      audience: [],
      updatedAt: AT,
      updatedBy: 'Alex Moreau',
      dismissals: 1,
    };
    const announcements = render(<AnnouncementsAdmin nav={null} />, (client) =>
      client.setQueryData(adminAnnouncementsQueryKey, [announcement]),
    );
    expect(announcements).toContain('Banner above the board');
    expect(announcements).toContain('Showing now: from 4 December 2026 at 10:42, with no end date');
    expect(announcements).toContain('1 person');
    expect(announcements).toContain('Delete the announcement “Snow”');

    const form = textOf(
      renderToStaticMarkup(
        <AnnouncementForm initial={emptyDraft()} onSave={() => Promise.resolve()} onCancel={() => undefined} />,
      ),
    );
    expect(form).toContain('New announcement');
    expect(form).toContain('Display end (optional)');
    expect(form).toContain('Preview: banner above the board');
    expect(form).toContain('Announcement title');

    for (const text of [audiences, journal, indicators, indicatorForm, announcements, form])
      expect(text).not.toMatch(FRENCH);
  });
});

describe('the boards administration in French', () => {
  it('describes each change exactly as the contracts do', () => {
    for (const change of CHANGES) expect(changeText(change)).toBe(describeChange(change));
  });
});
