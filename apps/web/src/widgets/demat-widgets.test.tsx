import { describe, expect, it } from 'vitest';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Board, ConnectedWidgetKind, ConnectorKind, WidgetInstance } from '@pleiade/contracts';
import { widgetDataKeys } from '../api/widget-data';
import { testId, widget as makeWidget } from '../test/factories';
import { ShownBoardContext } from './connected/saved-widget';
import ParapheurWidget from './ParapheurWidget';
import PastellWidget from './PastellWidget';
import SeancesWidget from './SeancesWidget';
import TeletransmissionWidget from './TeletransmissionWidget';
import type { WidgetOf } from './types';

/**
 * The dematerialisation widgets rendered to HTML by React (no DOM): French statuses, words beside
 * every colour, empty states, and upstream text kept as text — from data placed in the query cache
 * as the BFF would answer.
 */

const source = (kind: ConnectorKind, label: string) =>
  ({ id: testId(), kind, label, authMode: 'service_account' }) as const;
const noop = () => undefined;

function connectedWidget<K extends ConnectedWidgetKind>(kind: K): WidgetOf<K> {
  return makeWidget(kind, { x: 0, y: 0, w: 4, h: 6 }) as WidgetOf<K>;
}

function render(widget: WidgetInstance, element: ReactElement, response: unknown, readOnly = false): string {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const board: Board = {
    id: testId(),
    name: 'Mon tableau de bord',
    version: 1,
    readOnly,
    updatedAt: '2026-12-04T08:00:00.000Z',
    kind: 'personal',
    widgets: [widget],
    lockedWidgetIds: [],
    template: null,
  };
  client.setQueryData(widgetDataKeys.data(widget.id, undefined), response);
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <ShownBoardContext value={board}>{element}</ShownBoardContext>
    </QueryClientProvider>,
  );
}

const ok = (data: unknown, from: ReturnType<typeof source>) => ({
  status: 'ok',
  data,
  fetchedAt: new Date().toISOString(),
  stale: false,
  source: from,
});

describe('parapheur widget', () => {
  const widget = connectedWidget('parapheur');
  const element = <ParapheurWidget widget={widget} readOnly={false} onOptionsChange={noop} />;
  const from = source('iparapheur', 'Parapheur');

  it('counts folders to process and late, per desk, and says « En retard » beside the colour', () => {
    const html = render(
      widget,
      element,
      ok(
        {
          pending: 3,
          late: 1,
          desks: [
            { id: 'd1', name: 'Direction générale des services', pending: 2, late: 1 },
            { id: 'd2', name: 'Service des finances', pending: 1, late: 0 },
          ],
          folders: [
            {
              id: 'folder:1',
              title: '<b>Contrat</b> de maintenance',
              desk: 'Direction générale des services',
              status: 'En retard',
              dueAt: '2026-12-01T10:00:00.000Z',
              late: true,
              url: 'https://parapheur.mairie.test/tenant/t/desk/d1/folder/1',
            },
          ],
          appUrl: 'https://parapheur.mairie.test/',
        },
        from,
      ),
    );
    expect(html).toContain('<span class="cw-count-number">3</span> dossiers à traiter');
    expect(html).toContain('<span class="cw-count-number">1</span> en retard');
    expect(html).toContain('aria-label="Vos bureaux"');
    expect(html).toContain('<span class="cw-badge cw-badge-alert">En retard</span>');
    expect(html).toContain('&lt;b&gt;Contrat&lt;/b&gt; de maintenance');
    expect(html).toContain('href="https://parapheur.mairie.test/tenant/t/desk/d1/folder/1"');
    expect(html).toContain('Ouvrir le parapheur');
  });

  it('says when there is nothing to process, or no desk at all', () => {
    const empty = { pending: 0, late: 0, desks: [{ id: 'd', name: 'Maire', pending: 0, late: 0 }], folders: [] };
    expect(render(widget, element, ok(empty, from))).toContain('Aucun dossier à traiter');
    expect(render(widget, element, ok({ ...empty, desks: [] }, from))).toContain(
      'Vous ne tenez aucun bureau dans le parapheur',
    );
  });
});

describe('séances widget', () => {
  const widget = connectedWidget('seances');
  const element = <SeancesWidget widget={widget} readOnly onOptionsChange={noop} />;
  const from = source('idelibre', 'Séances');

  it('lists the sittings with the person’s own convocation state in French', () => {
    const html = render(
      widget,
      element,
      ok(
        {
          sittings: [
            {
              id: 's1',
              name: 'Commission urbanisme',
              date: '2026-12-06T13:00:00.000Z',
              convocation: { category: 'convocation', state: 'to_confirm' },
            },
            {
              id: 's2',
              name: 'Conseil municipal',
              date: '2026-12-09T17:30:00.000Z',
              convocation: { category: 'invitation', state: 'to_read' },
            },
            { id: 's3', name: 'Bureau', date: '2026-12-10T17:30:00.000Z', convocation: null },
          ],
          toRead: 1,
          toConfirm: 1,
        },
        from,
      ),
      true,
    );
    expect(html).toContain('1 convocation à lire');
    expect(html).toContain('1 présence à confirmer');
    expect(html).toContain('>Présence à confirmer</span>');
    expect(html).toContain('>Invitation à lire</span>');
    expect(html).toContain('18:30');
    expect(html).not.toContain('to_read');
  });

  it('says when no sitting is planned', () => {
    expect(render(widget, element, ok({ sittings: [], toRead: 0, toConfirm: 0 }, from), true)).toContain(
      'Aucune séance prévue',
    );
  });
});

describe('télétransmission widget', () => {
  const widget = connectedWidget('teletransmission');
  const from = source('s2low', 'Télétransmission');
  const data = {
    period: { from: '2026-11-04T00:00:00.000Z', to: '2026-12-04T00:00:00.000Z' },
    inPeriod: { transmitted: 4, acknowledged: 3, error: 2 },
    complete: true,
    current: { transmitted: 1, acknowledged: 9, error: 2 },
    errors: [{ id: 'acte:105', title: 'Nomination', context: 'Acte n° 2026E', url: 'https://s2low.test/a?id=105' }],
  };

  it('shows the counts of the period with their words, the acts in error and the period chooser', () => {
    const html = render(
      widget,
      <TeletransmissionWidget widget={widget} readOnly={false} onOptionsChange={noop} />,
      ok(data, from),
    );
    expect(html).toContain('<dt>Transmis</dt><dd>4</dd>');
    expect(html).toContain('<dt>Acquittés</dt><dd>3</dd>');
    expect(html).toContain('<div class="cw-stat-alert"><dt>En erreur</dt><dd>2</dd></div>');
    expect(html).toContain('>Transmission en erreur</span>');
    expect(html).toMatch(/<label for="[^"]+-period">Période<\/label>/);
    expect(html).toContain('<option value="30" selected="">30 derniers jours</option>');
  });

  it('offers no choice on a read-only board and says when no act is in error', () => {
    const html = render(
      widget,
      <TeletransmissionWidget widget={widget} readOnly onOptionsChange={noop} />,
      ok({ ...data, errors: [], complete: false }, from),
      true,
    );
    expect(html).not.toContain('<select');
    expect(html).toContain('30 derniers jours');
    expect(html).toContain('Aucun acte en erreur');
    expect(html).toContain('Au moins ces nombres');
  });
});

describe('Pastell widget', () => {
  const widget = connectedWidget('pastell');
  const from = source('pastell', 'Pastell');
  const data = {
    entities: [
      { id: '1', name: 'Commune de démonstration A' },
      { id: '2', name: 'CCAS' },
    ],
    entity: { id: '1', name: 'Commune de démonstration A' },
    documents: [
      {
        id: 'd1',
        title: 'Délibération',
        flux: 'Actes',
        state: 'Erreur de télétransmission',
        inError: true,
        changedAt: null,
        url: 'https://pastell.test/Document/detail?id_d=d1&id_e=1',
      },
    ],
    errorBadges: [{ flux: 'actes-generique', label: 'Actes', errors: 2 }],
  };

  it('offers the collectivité’s entities, badges the flows in error with their count in words', () => {
    const html = render(
      widget,
      <PastellWidget widget={widget} readOnly={false} onOptionsChange={noop} />,
      ok(data, from),
    );
    expect(html).toMatch(/<label for="[^"]+-entity">Entité<\/label>/);
    expect(html).toContain('<option value="2">CCAS</option>');
    expect(html).toContain('<li class="cw-badge cw-badge-alert">Actes : 2 erreurs</li>');
    expect(html).toContain('>Erreur de télétransmission</span>');
  });

  it('shows the entity’s name without a chooser on a read-only board, and says when none is readable', () => {
    const readOnly = render(
      widget,
      <PastellWidget widget={widget} readOnly onOptionsChange={noop} />,
      ok(data, from),
      true,
    );
    expect(readOnly).not.toContain('<select');
    expect(readOnly).toContain('Commune de démonstration A');
    const none = render(
      widget,
      <PastellWidget widget={widget} readOnly={false} onOptionsChange={noop} />,
      ok({ entities: [], entity: null, documents: [], errorBadges: [] }, from),
    );
    expect(none).toContain('Aucune entité de votre collectivité n’est lisible dans Pastell');
  });
});
