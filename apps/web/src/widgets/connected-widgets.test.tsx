import { describe, expect, it } from 'vitest';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Board, ConnectedWidgetKind, MyConnector, WidgetInstance } from '@pleiade/contracts';
import { widgetDataKeys } from '../api/widget-data';
import { testId, widget as makeWidget } from '../test/factories';
import { ShownBoardContext } from './connected/saved-widget';
import AgendaWidget from './AgendaWidget';
import ChatWidget from './ChatWidget';
import MailWidget from './MailWidget';
import NextcloudFilesWidget from './NextcloudFilesWidget';
import VisioWidget from './VisioWidget';
import type { WidgetOf } from './types';

/**
 * The widgets rendered to HTML by React itself (no DOM here): what people and assistive
 * technologies get for each state, from data placed in the query cache as the BFF would answer.
 */

const zimbra = { id: testId(), kind: 'zimbra', label: 'Messagerie de la mairie', authMode: 'zimbra_preauth' } as const;
const nextcloud = {
  id: testId(),
  kind: 'nextcloud',
  label: 'Nuage de la mairie',
  authMode: 'personal_secret',
} as const;

function connectedWidget<K extends ConnectedWidgetKind>(kind: K, options: object = {}): WidgetOf<K> {
  return makeWidget(kind, { x: 0, y: 0, w: 4, h: 4 }, { options }) as WidgetOf<K>;
}

interface Seed {
  saved?: boolean;
  response?: unknown;
  connectors?: MyConnector[];
}

function render(widget: WidgetInstance, element: ReactElement, seed: Seed = {}): string {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const board: Board = {
    id: testId(),
    name: 'Mon tableau de bord',
    version: 1,
    readOnly: false,
    updatedAt: '2025-03-05T08:00:00.000Z',
    kind: 'personal',
    widgets: seed.saved === false ? [] : [widget],
    lockedWidgetIds: [],
    template: null,
  };
  const connectorId = 'connectorId' in widget.options ? widget.options.connectorId : undefined;
  if (seed.response !== undefined) client.setQueryData(widgetDataKeys.data(widget.id, connectorId), seed.response);
  if (seed.connectors) client.setQueryData(widgetDataKeys.myConnectors, { connectors: seed.connectors });
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <ShownBoardContext value={board}>{element}</ShownBoardContext>
    </QueryClientProvider>,
  );
}

function ok(data: unknown, overrides: object = {}) {
  return { status: 'ok', data, fetchedAt: new Date().toISOString(), stale: false, source: zimbra, ...overrides };
}

const noop = () => undefined;

describe('mail widget', () => {
  const widget = connectedWidget('mail');
  const element = <MailWidget widget={widget} readOnly={false} onOptionsChange={noop} />;

  it('shows the unread count and the latest messages as text, with safe links to a new tab', () => {
    const html = render(widget, element, {
      response: ok({
        unreadCount: 3,
        latest: [
          {
            id: '1',
            from: 'Claire <claire@demo-a.test>',
            subject: '<img src=x onerror=alert(1)>Conseil',
            receivedAt: '2025-03-05T08:12:00Z',
            url: 'https://mail.demo-a.test/#1',
          },
          { id: '2', from: 'Paul', subject: 'Piège', receivedAt: '2025-03-05T08:00:00Z', url: 'javascript:alert(1)' },
        ],
        appUrl: 'https://mail.demo-a.test/',
      }),
    });
    expect(html).toContain('<span class="cw-count-number">3</span> messages non lus');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;Conseil');
    expect(html).not.toContain('<img');
    expect(html).toContain('Claire &lt;claire@demo-a.test&gt;');
    expect(html).toContain(
      '<a class="cw-link cw-item-title" href="https://mail.demo-a.test/#1" target="_blank" rel="noopener noreferrer">',
    );
    expect(html).toContain('<span class="visually-hidden"> (nouvel onglet)</span>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('Piège');
    // Named after what it opens, not after the connector's label.
    expect(html).toContain('Ouvrir la messagerie');
    expect(html).not.toContain('Ouvrir Messagerie de la mairie');
    expect(html).toMatch(/<ul class="cw-list" aria-label="Derniers messages non lus"><li/);
  });

  it('says when there is nothing unread', () => {
    const html = render(widget, element, { response: ok({ unreadCount: 0, latest: [] }) });
    expect(html).toContain('Aucun message non lu');
    expect(html).not.toContain('<ul');
  });

  it('notes discreetly how old cached data is', () => {
    const fetchedAt = new Date(Date.now() - 5 * 60_000 - 5_000).toISOString();
    const html = render(widget, element, { response: ok({ unreadCount: 0, latest: [] }, { stale: true, fetchedAt }) });
    expect(html).toContain(`<time dateTime="${fetchedAt}">données d’il y a 5 min</time>`);
  });

  it('shows the BFF’s message when the application is unreachable, with a way to retry', () => {
    const html = render(widget, element, {
      response: { status: 'unreachable', message: 'La messagerie ne répond pas pour le moment.', source: zimbra },
    });
    expect(html).toContain('La messagerie ne répond pas pour le moment.');
    expect(html).toContain('>Réessayer</button>');
  });

  it('does not offer to retry what only an administrator can fix', () => {
    const html = render(widget, element, {
      response: { status: 'not_configured', message: 'Aucune messagerie n’est configurée pour votre collectivité.' },
    });
    expect(html).toContain('Aucune messagerie n’est configurée pour votre collectivité.');
    expect(html).not.toContain('Réessayer');
  });

  it('announces loading, and waits for the board to be saved before reading', () => {
    expect(render(widget, element)).toContain('role="status">Chargement de vos messages…</p>');
    expect(render(widget, element, { saved: false })).toContain('dès que votre tableau sera enregistré');
  });

  it('offers the choice of connector only when several suit the widget, and not on a read-only board', () => {
    const appUrl = 'https://mail.demo-a.test/';
    const connectors: MyConnector[] = [
      { ...zimbra, appUrl },
      { id: testId(), kind: 'imap', label: 'Boîte IMAP', authMode: 'personal_secret', appUrl },
      { ...nextcloud, appUrl: 'https://cloud.demo-a.test/' },
    ];
    const response = ok({ unreadCount: 0, latest: [] });
    const html = render(widget, element, { response, connectors });
    const select = /<label for="([^"]+)">Source<\/label><select id="([^"]+)"/.exec(html);
    expect(select?.[1]).toBe(select?.[2]);
    expect(html).toContain('<option value="" selected="">Automatique</option>');
    expect(html).toContain('>Boîte IMAP</option>');
    expect(html).not.toContain('Nuage de la mairie');
    const readOnly = render(widget, <MailWidget widget={widget} readOnly onOptionsChange={noop} />, {
      response,
      connectors,
    });
    expect(readOnly).not.toContain('<select');
    expect(render(widget, element, { response, connectors: connectors.slice(0, 1) })).not.toContain('<select');
  });
});

describe('personal account', () => {
  const widget = connectedWidget('nextcloud-files');
  const element = <NextcloudFilesWidget widget={widget} readOnly onOptionsChange={noop} />;

  it('asks for the app password with labelled fields when the credential is missing, even on a read-only board', () => {
    const html = render(widget, element, {
      response: { status: 'credentials_missing', message: 'Reliez votre compte Nextcloud.', source: nextcloud },
    });
    expect(html).toContain('<h3 id="');
    expect(html).toContain('Relier mon compte Nuage de la mairie</h3>');
    expect(html).toContain('Reliez votre compte Nextcloud.');
    const secret =
      /<label for="([^"]+)">Mot de passe d’application<\/label><input id="([^"]+)" class="cw-input" type="password" autoComplete="off"/.exec(
        html,
      );
    expect(secret?.[1]).toBe(secret?.[2]);
    const username = /<label for="([^"]+)">Identifiant \(facultatif\)<\/label><input id="([^"]+)"/.exec(html);
    expect(username?.[1]).toBe(username?.[2]);
    expect(html).toContain('<button type="submit" class="button button-primary">Relier mon compte</button>');
    expect(html).toContain('role="alert"');
  });

  it('offers to unlink an account whose data is shown, and lists files with their size', () => {
    const html = render(widget, element, {
      response: ok(
        {
          items: [
            {
              id: '12',
              name: 'Ordre du jour.pdf',
              path: '/Conseil/Ordre du jour.pdf',
              mimeType: 'application/pdf',
              size: 1536,
              modifiedAt: '2025-03-01T10:00:00Z',
              url: 'https://cloud.demo-a.test/f/12',
            },
          ],
        },
        { source: nextcloud },
      ),
    });
    expect(html).toContain('Ordre du jour.pdf');
    expect(html).toContain('1,5 Ko');
    expect(html).toContain('Conseil');
    expect(html).toContain('>Délier mon compte Nuage de la mairie</button>');
  });

  it('says when no file changed', () => {
    const html = render(widget, element, { response: ok({ items: [] }, { source: nextcloud }) });
    expect(html).toContain('Aucun fichier modifié récemment');
  });
});

describe('agenda widget', () => {
  it('groups events by day under h3 headings, with the visio link', () => {
    const widget = connectedWidget('agenda');
    const start = new Date(Date.now() + 60 * 60_000).toISOString();
    const html = render(widget, <AgendaWidget widget={widget} readOnly onOptionsChange={noop} />, {
      response: ok({
        events: [
          {
            id: 'e1',
            title: 'Commission travaux',
            location: 'Salle du conseil',
            start,
            end: null,
            allDay: false,
            visioUrl: 'https://visio.demo-a.test/travaux',
          },
        ],
      }),
    });
    expect(html).toContain('<h3 class="cw-day-heading">');
    expect(html).toContain('Commission travaux');
    expect(html).toContain('Salle du conseil');
    expect(html).toContain(
      'href="https://visio.demo-a.test/travaux" target="_blank" rel="noopener noreferrer">Rejoindre la visio',
    );
    expect(html).not.toMatch(/<h[12]/);
  });

  it('shows a web address typed as the place as « Visio », the address behind the join link only', () => {
    const widget = connectedWidget('agenda');
    const start = new Date(Date.now() + 60 * 60_000).toISOString();
    const html = render(widget, <AgendaWidget widget={widget} readOnly onOptionsChange={noop} />, {
      response: ok({
        events: [
          {
            id: 'e2',
            title: 'Réunion de service',
            location: 'http://127.0.0.1:8443/reunion-service',
            start,
            end: null,
            allDay: false,
          },
        ],
        appUrl: 'https://mail.demo-a.test/',
      }),
    });
    expect(html).toContain('<span class="cw-meta">Visio</span>');
    expect(html.match(/127\.0\.0\.1/g)).toHaveLength(1);
    expect(html).toContain(
      'href="http://127.0.0.1:8443/reunion-service" target="_blank" rel="noopener noreferrer">Rejoindre la visio',
    );
    expect(html).toContain('Ouvrir l’agenda');
  });

  it('says when nothing is planned', () => {
    const widget = connectedWidget('agenda');
    const html = render(widget, <AgendaWidget widget={widget} readOnly onOptionsChange={noop} />, {
      response: ok({ events: [] }),
    });
    expect(html).toContain('Aucun événement à venir');
  });
});

describe('chat widget', () => {
  it('counts unread conversations and mentions, and lists rooms with their counts', () => {
    const widget = connectedWidget('chat');
    const html = render(widget, <ChatWidget widget={widget} readOnly onOptionsChange={noop} />, {
      response: ok(
        {
          unreadRooms: 2,
          mentions: 1,
          rooms: [
            { id: '!a:demo', name: 'Équipe voirie', unread: 4, mentions: 1, url: 'https://chat.demo-a.test/#/room/!a' },
            { id: '!b:demo', name: 'Général', unread: 1, mentions: 0 },
          ],
          appUrl: 'https://chat.demo-a.test/',
        },
        { source: { id: testId(), kind: 'matrix', label: 'Watcha', authMode: 'oidc_token' } },
      ),
    });
    expect(html).toContain('<span class="cw-count-number">2</span> conversations non lues');
    expect(html).toContain('<span class="cw-count-number">1</span> mention');
    expect(html).toContain('4 non lus');
    expect(html).toContain('Ouvrir la messagerie instantanée');
  });
});

describe('visio widget', () => {
  it('offers to start a visio with a labelled optional room name, and lists the next ones', () => {
    const widget = connectedWidget('visio');
    const html = render(widget, <VisioWidget widget={widget} readOnly onOptionsChange={noop} />, {
      response: ok({ upcoming: [], agendaConnected: true }),
    });
    expect(html).toContain('<button type="submit" class="button button-primary">Démarrer une visio</button>');
    const room = /<label for="([^"]+)">Nom de la salle \(facultatif\)<\/label><input id="([^"]+)"/.exec(html);
    expect(room?.[1]).toBe(room?.[2]);
    expect(html).toContain('<h3 class="cw-subtitle">Prochaines visios</h3>');
    expect(html).toContain('Aucune visio prévue dans votre agenda');
  });

  it('does not offer to start a visio when no visio server is configured', () => {
    const widget = connectedWidget('visio');
    const html = render(widget, <VisioWidget widget={widget} readOnly onOptionsChange={noop} />, {
      response: { status: 'not_configured', message: 'Aucun service de visioconférence n’est configuré.' },
    });
    expect(html).toContain('Aucun service de visioconférence n’est configuré.');
    expect(html).not.toContain('Démarrer une visio');
  });
});
