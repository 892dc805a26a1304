import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  CONNECTOR_KINDS,
  formatIndicatorValue as contractsIndicatorValue,
  INDICATOR_PERIOD_LABELS,
  nextcloudAppLabel,
  personalSecretForm,
  trendSentence as contractsTrendSentence,
  type Board,
  type IndicatorTrend,
  type MyConnector,
  type WidgetInstance,
  type WidgetKind,
} from '@pleiade/contracts';
import { queryKeys } from '../api/queries';
import { declarativeKeys } from '../api/declarative';
import { widgetDataKeys } from '../api/widget-data';
import { i18n, setLanguage } from '../i18n';
import { fr } from '../i18n/locales/fr';
import { testId, widget as makeWidget } from '../test/factories';
import { ShownBoardContext } from './connected/saved-widget';
import { checkCredentialForm, credentialFormOf } from './connected/credential-form';
import { countLabel, formatCount, formatFileSize } from './format';
import { formatIndicatorValue, periodName, trendSentence } from './indicator';
import { nextcloudAppName } from './nextcloud-apps';
import { WIDGET_REGISTRY } from './registry';
import {
  formatClock,
  formatDataAge,
  formatDayHeading,
  formatDayInSentence,
  formatEventTime,
  formatLongDate,
  formatMoment,
} from './time';
import { visioRequest } from './visio';
import AgendaWidget from './AgendaWidget';
import BusinessDataWidget from './BusinessDataWidget';
import ChatWidget from './ChatWidget';
import IndicatorWidget from './IndicatorWidget';
import MailWidget from './MailWidget';
import NextcloudFilesWidget from './NextcloudFilesWidget';
import NextcloudNotificationsWidget from './NextcloudNotificationsWidget';
import NotesWidget from './NotesWidget';
import ParapheurWidget from './ParapheurWidget';
import PastellWidget from './PastellWidget';
import SeancesWidget from './SeancesWidget';
import TeletransmissionWidget from './TeletransmissionWidget';
import VisioWidget from './VisioWidget';
import WelcomeWidget from './WelcomeWidget';
import type { WidgetOf } from './types';

/**
 * The widgets in English: dates in en-GB and Paris time, numbers with English separators, and no
 * French left in what people read or hear (a forgotten text shows here). Upstream data in the
 * fixtures is English so that any French found comes from the interface.
 */

const noop = () => undefined;

/** The text a person reads or hears: visible text, and the labels, titles and placeholders. */
function textOf(html: string): string {
  const attributes = [...html.matchAll(/(?:aria-label|title|placeholder)="([^"]*)"/g)].map((match) => match[1] ?? '');
  return [html.replace(/<[^>]+>/g, ' '), ...attributes]
    .join(' ')
    .replace(/&#x27;/g, '’')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** French typography or words left in an English page. */
const FRENCH =
  /[«»]| :|\b(le|la|les|du|des|de|votre|vos|aucun|aucune|chargement|ouvrir|réessayer|actualiser|onglet|données|hier|demain|aujourd’hui|sur|dossiers?|séances?)\b/i;

function expectEnglish(html: string): void {
  expect(textOf(html)).not.toMatch(FRENCH);
}

const zimbra = { id: testId(), kind: 'zimbra', label: 'Town hall mail', authMode: 'zimbra_preauth' } as const;
const cloud = { id: testId(), kind: 'nextcloud', label: 'Town cloud', authMode: 'personal_secret' } as const;

function instance<K extends WidgetKind>(kind: K, options: object = {}): WidgetOf<K> {
  return makeWidget(kind, { x: 0, y: 0, w: 4, h: 6 }, { options }) as WidgetOf<K>;
}

interface Seed {
  /** [query key, data] placed in the cache as the BFF would answer. */
  cache?: [readonly unknown[], unknown][];
  readOnly?: boolean;
}

function render(widget: WidgetInstance, element: ReactElement, seed: Seed = {}): string {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const board: Board = {
    id: testId(),
    name: 'My board',
    version: 1,
    readOnly: seed.readOnly ?? false,
    updatedAt: '2026-12-04T08:00:00.000Z',
    kind: 'personal',
    widgets: [widget],
    lockedWidgetIds: [],
    template: null,
  };
  for (const [key, data] of seed.cache ?? []) client.setQueryData(key, data);
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <ShownBoardContext value={board}>{element}</ShownBoardContext>
    </QueryClientProvider>,
  );
}

const ok = (data: unknown, overrides: object = {}) => ({
  status: 'ok',
  data,
  fetchedAt: new Date().toISOString(),
  stale: false,
  source: zimbra,
  ...overrides,
});

/** A connected widget's data in the cache, under the key its query reads. */
const dataOf = (widget: WidgetInstance, response: unknown): [readonly unknown[], unknown] => [
  widgetDataKeys.data(widget.id, undefined),
  response,
];

beforeEach(async () => {
  await setLanguage('en');
});

afterEach(async () => {
  await setLanguage('fr');
});

describe('dates, times and numbers in English', () => {
  it('writes dates in en-GB and Paris time, winter and summer', () => {
    expect(formatLongDate(new Date('2025-03-03T08:05:30Z'))).toBe('Monday, 3 March 2025');
    expect(formatClock(new Date('2025-03-03T08:05:30Z'))).toBe('09:05');
    expect(formatLongDate(new Date('2025-07-14T22:30:00Z'))).toBe('Tuesday, 15 July 2025');
    expect(formatClock(new Date('2025-07-14T22:30:00Z'))).toBe('00:30');
  });

  it('names days and moments in English', () => {
    const now = new Date('2025-03-05T15:00:00Z');
    expect(formatDayHeading(new Date('2025-03-05T20:00:00Z'), now)).toBe('Today');
    expect(formatDayHeading(new Date('2025-03-06T09:00:00Z'), now)).toBe('Tomorrow');
    expect(formatDayHeading(new Date('2025-03-07T09:00:00Z'), now)).toBe('Friday 7 March');
    expect(formatDayInSentence(new Date('2025-03-05T20:00:00Z'), now)).toBe('today');
    expect(formatDayInSentence(new Date('2025-03-07T09:00:00Z'), now)).toBe('Friday 7 March');
    expect(formatMoment(new Date('2025-03-05T07:05:00Z'), now)).toBe('08:05');
    expect(formatMoment(new Date('2025-03-04T17:30:00Z'), now)).toBe('yesterday, 18:30');
    expect(formatMoment(new Date('2025-03-01T10:00:00Z'), now)).toBe('1 Mar');
    expect(formatMoment(new Date('2024-12-20T10:00:00Z'), now)).toBe('20 Dec 2024');
  });

  it('writes event times and the age of cached data in English', () => {
    expect(formatEventTime({ start: '2025-03-05T16:00:00Z', end: '2025-03-06T11:00:00Z', allDay: false })).toBe(
      '17:00 – Thu 6 Mar, 12:00',
    );
    expect(formatEventTime({ start: '2025-03-05T00:00:00+01:00', end: null, allDay: true })).toBe('All day');
    expect(
      formatEventTime({ start: '2025-03-05T00:00:00+01:00', end: '2025-03-08T00:00:00+01:00', allDay: true }),
    ).toBe('Until Fri 7 Mar');
    const now = new Date('2025-03-05T15:00:00Z');
    expect(formatDataAge(new Date('2025-03-05T14:59:40Z'), now)).toBe('data from 1 min ago');
    expect(formatDataAge(new Date('2025-03-05T13:30:00Z'), now)).toBe('data from 1 hour ago');
    expect(formatDataAge(new Date('2025-03-05T12:30:00Z'), now)).toBe('data from 2 hours ago');
    expect(formatDataAge(new Date('2025-03-01T15:00:00Z'), now)).toBe('data from 4 days ago');
  });

  it('groups digits, sizes files and counts by English rules', () => {
    expect(formatCount(12_345)).toBe('12,345');
    expect(countLabel(0, 'mention', 'mentions')).toBe('0 mentions');
    expect(countLabel(1, 'mention', 'mentions')).toBe('1 mention');
    expect(formatFileSize(0)).toBe('0 bytes');
    expect(formatFileSize(1)).toBe('1 byte');
    expect(formatFileSize(1536)).toBe('1.5 KB');
    expect(formatFileSize(3.25 * 1024 ** 3)).toBe('3.3 GB');
  });

  it('names indicator periods and trends in English', () => {
    expect(periodName('month', '2026-11-30T23:00:00.000Z')).toBe('December 2026');
    expect(periodName('day', '2026-12-03T23:00:00.000Z')).toBe('4 Dec 2026');
    expect(periodName('week', '2026-11-29T23:00:00.000Z')).toBe('week of 30 Nov 2026');
    expect(periodName('quarter', '2026-09-30T22:00:00.000Z')).toBe('Q4 2026');
    expect(periodName('quarter', '2026-12-31T23:00:00.000Z')).toBe('Q1 2027');
    expect(formatIndicatorValue(1234.5, 'days')).toBe('1,234.5\u00a0days');
    const previous = { periodStart: '2026-10-31T23:00:00.000Z', value: 40, takenAt: '2026-11-01T00:05:00.000Z' };
    const up: IndicatorTrend = { direction: 'up', percent: 12.5, delta: 5, favourable: true, previous };
    expect(trendSentence(up, 'month', null)).toBe('up 12.5% compared with the previous month');
    const stable: IndicatorTrend = { direction: 'stable', percent: 0, delta: 0, favourable: null, previous };
    expect(trendSentence(stable, 'day', null)).toBe('stable compared with the previous day');
  });

  it('keeps one formatter per locale: French again after English, then English again', async () => {
    const instant = new Date('2025-03-03T08:05:30Z');
    expect(formatLongDate(instant)).toBe('Monday, 3 March 2025');
    await setLanguage('fr');
    expect(formatLongDate(instant)).toBe('Lundi 3 mars 2025');
    expect(formatFileSize(1536)).toBe('1,5 Ko');
    await setLanguage('en');
    expect(formatLongDate(instant)).toBe('Monday, 3 March 2025');
  });
});

describe('the catalogue, forms and checks in English', () => {
  it('describes every kind in English', () => {
    expect(WIDGET_REGISTRY.mail.title).toBe('Mail');
    expect(WIDGET_REGISTRY.mail.description).toBe('Shows your unread messages and the latest ones received.');
    for (const definition of Object.values(WIDGET_REGISTRY)) expect(definition.description).not.toMatch(FRENCH);
  });

  it('names the secret and checks the credential form in English', () => {
    expect(credentialFormOf('matrix')).toEqual({ secretLabel: 'Access token', askUsername: false });
    expect(credentialFormOf('pastell').origin).toBe(
      'The password you sign in to Pastell with; the username, if it differs from yours.',
    );
    expect(checkCredentialForm({ username: '', secret: '' })).toEqual({
      ok: false,
      errors: { secret: 'The app password or token is required.' },
    });
    expect(visioRequest('a')).toEqual({
      ok: false,
      error:
        'The room name must have 3 to 64 characters: letters without accents, digits or hyphens, starting with a letter or a digit.',
    });
  });

  it('names Nextcloud apps in English, and an unknown one « Nextcloud »', () => {
    expect(nextcloudAppName('spreed')).toBe('Talk');
    expect(nextcloudAppName('files_sharing')).toBe('File sharing');
    expect(nextcloudAppName('some_new_app')).toBe('Nextcloud');
    expect(nextcloudAppName('__proto__')).toBe('Nextcloud');
  });
});

describe('connected widgets in English', () => {
  it('mail: counts, latest messages, the stale note and the new-tab hint', () => {
    const widget = instance('mail');
    const fetchedAt = new Date(Date.now() - 5 * 60_000 - 5_000).toISOString();
    const html = render(widget, <MailWidget widget={widget} readOnly={false} onOptionsChange={noop} />, {
      cache: [
        dataOf(
          widget,
          ok(
            {
              unreadCount: 3,
              latest: [
                {
                  id: '1',
                  from: 'Claire',
                  subject: ' ',
                  receivedAt: '2024-12-20T10:00:00Z',
                  url: 'https://mail.example.test/#1',
                },
              ],
              appUrl: 'https://mail.example.test/',
            },
            { stale: true, fetchedAt },
          ),
        ),
      ],
    });
    expect(html).toContain('<span class="cw-count-number">3</span> unread messages');
    expect(html).toContain('aria-label="Latest unread messages"');
    expect(html).toContain('(no subject)');
    expect(html).toContain('20 Dec 2024');
    expect(html).toContain('<span class="visually-hidden"> (new tab)</span>');
    expect(html).toContain('Open mail');
    expect(html).toContain('data from 5 min ago</time>');
    expect(html).toContain('>Refresh</button>');
    expectEnglish(html);
  });

  it('shows a failure by its status in English, not the BFF’s French message', () => {
    const widget = instance('mail');
    const element = <MailWidget widget={widget} readOnly onOptionsChange={noop} />;
    const unreachable = render(widget, element, {
      cache: [dataOf(widget, { status: 'unreachable', message: 'La messagerie ne répond pas.', source: zimbra })],
    });
    expect(unreachable).toContain('The application cannot be reached for now.');
    expect(unreachable).toContain('>Try again</button>');
    expect(unreachable).not.toContain('messagerie');
    const refused = render(widget, element, {
      cache: [dataOf(widget, { status: 'credentials_refused', message: 'Refusé.', source: zimbra })],
    });
    expect(refused).toContain('The application does not recognise your account: tell your administrator.');
    const loading = render(widget, element);
    expect(loading).toContain('role="status">Loading your messages…</p>');
  });

  it('asks to link a personal account in English, with the link to the application', () => {
    const widget = instance('nextcloud-files');
    const connectors: MyConnector[] = [{ ...cloud, appUrl: 'https://cloud.example.test/' }];
    const html = render(widget, <NextcloudFilesWidget widget={widget} readOnly onOptionsChange={noop} />, {
      cache: [
        dataOf(widget, { status: 'credentials_missing', message: 'Reliez votre compte.', source: cloud }),
        [widgetDataKeys.myConnectors, { connectors }],
      ],
    });
    expect(html).toContain('Link my Town cloud account</h3>');
    expect(html).toContain('Link your account to this application');
    expect(html).toContain(
      'Create it in the security settings of <a class="cw-link" href="https://cloud.example.test/" target="_blank" rel="noopener noreferrer">Town cloud<span class="visually-hidden"> (new tab)</span></a>.',
    );
    expect(html).toMatch(/<label for="[^"]+">App password<\/label>/);
    expect(html).toMatch(/<label for="[^"]+">Username \(optional\)<\/label>/);
    expect(html).toContain('Leave empty to use your usual username.');
    expect(html).toContain('>Link my account</button>');
    expectEnglish(html);
  });

  it('files: size, change and folder in English, and unlinking', () => {
    const widget = instance('nextcloud-files');
    const html = render(widget, <NextcloudFilesWidget widget={widget} readOnly onOptionsChange={noop} />, {
      cache: [
        dataOf(
          widget,
          ok(
            {
              items: [
                {
                  id: '12',
                  name: 'Agenda.pdf',
                  path: '/Council/Agenda.pdf',
                  mimeType: 'application/pdf',
                  size: 1536,
                  modifiedAt: '2024-12-20T10:00:00Z',
                  url: 'https://cloud.example.test/f/12',
                },
              ],
              appUrl: 'https://cloud.example.test/',
            },
            { source: cloud },
          ),
        ),
      ],
    });
    expect(html).toContain('aria-label="Recently changed files"');
    expect(html).toContain('<span class="visually-hidden">Changed </span>');
    expect(html).toContain('1.5 KB');
    expect(html).toContain('>Unlink my Town cloud account</button>');
    expect(html).toContain('Open files');
    expectEnglish(html);
  });

  it('agenda: today’s heading, all-day events, a web address as « Video call »', () => {
    const widget = instance('agenda');
    const html = render(widget, <AgendaWidget widget={widget} readOnly onOptionsChange={noop} />, {
      cache: [
        dataOf(
          widget,
          ok({
            events: [
              {
                id: 'e1',
                title: 'Staff meeting',
                location: 'https://visio.example.test/staff',
                start: new Date().toISOString(),
                end: null,
                allDay: true,
              },
            ],
            appUrl: 'https://agenda.example.test/',
          }),
        ),
      ],
    });
    expect(html).toContain('<h3 class="cw-day-heading">Today</h3>');
    expect(html).toContain('All day');
    expect(html).toContain('<span class="cw-meta">Video call</span>');
    expect(html).toContain(
      'Join the video call<span class="visually-hidden"> “Staff meeting”</span><span class="visually-hidden"> (new tab)</span>',
    );
    expect(html).toContain('Open the calendar');
    expectEnglish(html);
  });

  it('chat and notifications: counts and app names in English', () => {
    const chat = instance('chat');
    const chatHtml = render(chat, <ChatWidget widget={chat} readOnly onOptionsChange={noop} />, {
      cache: [
        dataOf(
          chat,
          ok({
            unreadRooms: 2,
            mentions: 1,
            rooms: [{ id: '!a', name: 'Roads team', unread: 1, mentions: 2, url: 'https://chat.example.test/a' }],
            appUrl: 'https://chat.example.test/',
          }),
        ),
      ],
    });
    expect(chatHtml).toContain('<span class="cw-count-number">2</span> unread conversations');
    expect(chatHtml).toContain('<span class="cw-count-number">1</span> mention');
    expect(chatHtml).toContain('>1 unread</span>');
    expect(chatHtml).toContain('>2 mentions</span>');
    expect(chatHtml).toContain('Open instant messaging');
    expectEnglish(chatHtml);

    const notifications = instance('nextcloud-notifications');
    const html = render(
      notifications,
      <NextcloudNotificationsWidget widget={notifications} readOnly onOptionsChange={noop} />,
      {
        cache: [
          dataOf(
            notifications,
            ok({
              count: 1,
              items: [
                {
                  id: 'n1',
                  app: 'spreed',
                  subject: 'Claire mentioned you',
                  message: '',
                  at: '2024-12-20T10:00:00Z',
                  url: 'https://cloud.example.test/call/x',
                  action: { label: 'View', url: 'https://cloud.example.test/call/x' },
                },
              ],
              appUrl: 'https://cloud.example.test/',
            }),
          ),
        ],
      },
    );
    expect(html).toContain('<span class="cw-count-number">1</span> notification');
    expect(html).toContain('Talk · ');
    expect(html).toContain('“Claire mentioned you”');
    expect(html).toContain('Open Nextcloud');
    expectEnglish(html);
  });

  it('visio: starting a call and the next calls in English', () => {
    const widget = instance('visio');
    const html = render(widget, <VisioWidget widget={widget} readOnly onOptionsChange={noop} />, {
      cache: [dataOf(widget, ok({ upcoming: [], agendaConnected: false }))],
    });
    expect(html).toMatch(/<label for="[^"]+">Room name \(optional\)<\/label>/);
    expect(html).toContain('>Start a video call</button>');
    expect(html).toContain('<h3 class="cw-subtitle">Next video calls</h3>');
    expect(html).toContain('No calendar is connected');
    expectEnglish(html);
  });

  it('signature workflow: folders, desks and due days in English', () => {
    const widget = instance('parapheur');
    const html = render(widget, <ParapheurWidget widget={widget} readOnly onOptionsChange={noop} />, {
      cache: [
        dataOf(
          widget,
          ok({
            pending: 3,
            late: 1,
            desks: [
              { id: 'd1', name: 'Chief executive', pending: 2, late: 1 },
              { id: 'd2', name: 'Finance', pending: 1, late: 0 },
            ],
            folders: [
              {
                id: 'f1',
                title: '',
                desk: 'Finance',
                status: 'Pending',
                late: false,
                dueAt: '2027-03-03T10:00:00Z',
                url: 'https://parapheur.example.test/f1',
              },
            ],
            appUrl: 'https://parapheur.example.test/',
          }),
        ),
      ],
    });
    expect(html).toContain('<span class="cw-count-number">3</span> folders to do');
    expect(html).toContain('<span class="cw-count-number">1</span> overdue');
    expect(html).toContain('aria-label="Your desks"');
    expect(html).toContain('>2 to do</span>');
    expect(html).toContain('>1 overdue</span>');
    expect(html).toContain('Untitled folder');
    expect(html).toContain(' · due <time dateTime="2027-03-03T10:00:00Z">Wednesday 3 March</time>');
    expect(html).toContain('Open the signature workflow');
    expectEnglish(html);
  });

  it('sittings: notices, attendance and states in English', () => {
    const widget = instance('seances');
    const html = render(widget, <SeancesWidget widget={widget} readOnly onOptionsChange={noop} />, {
      cache: [
        dataOf(
          widget,
          ok({
            sittings: [
              {
                id: 's1',
                name: 'Planning committee',
                date: '2027-03-03T17:30:00Z',
                convocation: { category: 'convocation', state: 'present' },
              },
              {
                id: 's2',
                name: 'Town council',
                date: '2027-03-04T17:30:00Z',
                convocation: { category: 'invitation', state: 'to_read' },
              },
            ],
            toRead: 1,
            toConfirm: 2,
            appUrl: 'https://seances.example.test/',
          }),
        ),
      ],
    });
    expect(html).toContain('1 notice to read');
    expect(html).toContain('2 attendances to confirm');
    expect(html).toContain('>Attendance confirmed</span>');
    expect(html).toContain('>Invitation to read</span>');
    expect(html).toContain('Wednesday 3 March, 18:30');
    expect(html).toContain('Open sittings');
    expectEnglish(html);
  });

  it('transmissions: period, counts and acts in error in English', () => {
    const widget = instance('teletransmission', { periodDays: 45 });
    const data = {
      period: { from: '2026-11-04T00:00:00.000Z', to: '2026-12-04T00:00:00.000Z' },
      inPeriod: { transmitted: 1234, acknowledged: 3, error: 1 },
      complete: false,
      current: { transmitted: 1, acknowledged: 9, error: 1 },
      errors: [{ id: 'a1', title: '', context: 'Act 2026E', url: 'https://s2low.example.test/a1' }],
      appUrl: 'https://s2low.example.test/',
    };
    const html = render(widget, <TeletransmissionWidget widget={widget} readOnly={false} onOptionsChange={noop} />, {
      cache: [[widgetDataKeys.data(widget.id, undefined, JSON.stringify({ periodDays: 45 })), ok(data)]],
    });
    expect(html).toMatch(/<label for="[^"]+-period">Period<\/label>/);
    expect(html).toContain('<option value="45" selected="">Last 45 days</option>');
    expect(html).toContain('<option value="30">Last 30 days</option>');
    expect(html).toContain('<dt>Sent</dt><dd>1,234</dd>');
    expect(html).toContain('<dt>Acknowledged</dt>');
    expect(html).toContain('<dt>In error</dt>');
    expect(html).toContain('At least these numbers');
    expect(html).toContain('Act without a subject');
    expect(html).toContain('>Transmission failed</span>');
    expectEnglish(html);
  });

  it('Pastell: entity, flows in error and documents in English', () => {
    const widget = instance('pastell');
    const html = render(widget, <PastellWidget widget={widget} readOnly={false} onOptionsChange={noop} />, {
      cache: [
        dataOf(
          widget,
          ok({
            entities: [
              { id: '1', name: 'Town A' },
              { id: '2', name: 'Social services' },
            ],
            entity: { id: '1', name: 'Town A' },
            documents: [],
            errorBadges: [{ flux: 'acts', label: 'Acts', errors: 2 }],
            appUrl: 'https://pastell.example.test/',
          }),
        ),
      ],
    });
    expect(html).toMatch(/<label for="[^"]+-entity">Entity<\/label>/);
    expect(html).toContain('aria-label="Flows in error"');
    expect(html).toContain('<li class="cw-badge cw-badge-alert">Acts: 2 errors</li>');
    expect(html).toContain('No documents for this entity');
    expect(html).toContain('Open Pastell');
    expectEnglish(html);
  });
});

describe('other widgets in English', () => {
  it('welcome: greeting and Paris time', () => {
    const widget = instance('welcome');
    const html = render(widget, <WelcomeWidget widget={widget} readOnly onOptionsChange={noop} />, {
      cache: [[queryKeys.me, { displayName: 'Claire Martin' }]],
    });
    expect(html).toContain('Hello, Claire Martin');
    expect(html).toContain('<span class="visually-hidden">Paris time: </span>');
    expect(html).toMatch(/(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d+ [A-Z][a-z]+ \d{4}/);
  });

  it('notes: counter, placeholder and empty state', () => {
    const widget = instance('notes', { text: 'Call Paul' });
    const html = render(widget, <NotesWidget widget={widget} readOnly={false} onOptionsChange={noop} />);
    expect(html).toContain('9 / 10,000 characters');
    expect(html).toContain('placeholder="Write here…"');
    expect(html).toContain('Text of the note');
    const empty = instance('notes', { text: '' });
    expect(render(empty, <NotesWidget widget={empty} readOnly onOptionsChange={noop} />)).toContain(
      'This note is empty.',
    );
  });

  it('indicator: value, state, trend and history in English', () => {
    const { indicatorId, widget, reading } = indicatorFixture();
    const html = render(widget, <IndicatorWidget widget={widget} readOnly onOptionsChange={noop} />, {
      cache: [[['indicator', indicatorId], reading]],
    });
    expect(html).toContain('1,234.5\u00a0tickets');
    expect(html).toContain('December 2026');
    expect(html).toContain('Status: Watch');
    expect(html).toContain('Up 12.5% compared with the previous month');
    expect(html).toContain(
      'aria-label="Trend over 2 periods, from 1,097.5\u00a0tickets (November 2026) to 1,234.5\u00a0tickets (December 2026)"',
    );
    expect(html).toContain('Show the history as a table');
    expect(html).toContain('History of “Open tickets”');
    expect(html).toContain('<th scope="col">Period</th><th scope="col">Value</th>');
    expectEnglish(html);
  });

  it('indicator: no history yet, in English', () => {
    const { indicatorId, widget, reading } = indicatorFixture();
    const html = render(widget, <IndicatorWidget widget={widget} readOnly onOptionsChange={noop} />, {
      cache: [[['indicator', indicatorId], { ...reading, current: null, trend: null, state: null, history: [] }]],
    });
    expect(html).toContain('No history yet: the first value will be recorded shortly (every month).');
    expectEnglish(html);
  });

  it('business data: a number with English separators, and the list total', () => {
    const dataSourceId = testId();
    const widget = instance('business-data', { dataSourceId });
    const fetchedAt = new Date(Date.now() - 2 * 60 * 60_000).toISOString();
    const html = render(widget, <BusinessDataWidget widget={widget} readOnly onOptionsChange={noop} />, {
      cache: [
        [
          declarativeKeys.indicator(widget.id, dataSourceId),
          {
            name: 'Share of online requests',
            response: { status: 'ok', data: { shape: 'number', value: 1047.3, decimals: 1, unit: '%' }, fetchedAt },
          },
        ],
      ],
    });
    expect(html).toContain('1,047.3\u202f%');
    expect(html).toContain('data from 2 hours ago');
    expect(html).toContain('>Refresh</button>');
    expectEnglish(html);
    const none = instance('business-data');
    expect(render(none, <BusinessDataWidget widget={none} readOnly onOptionsChange={noop} />)).toContain(
      'No indicator is chosen for this widget.',
    );
  });
});

function indicatorFixture() {
  const indicatorId = testId();
  const widget = instance('indicator', { indicatorId });
  const reading = {
    indicator: {
      id: indicatorId,
      label: 'Open tickets',
      unit: 'tickets',
      period: 'month',
      direction: 'lower_is_better',
    },
    current: { periodStart: '2026-11-30T23:00:00.000Z', value: 1234.5, takenAt: '2026-12-01T00:05:00.000Z' },
    trend: {
      direction: 'up',
      percent: 12.5,
      delta: 137,
      favourable: false,
      previous: { periodStart: '2026-10-31T23:00:00.000Z', value: 1097.5, takenAt: '2026-11-01T00:05:00.000Z' },
    },
    state: { level: 'watch', label: 'Watch' },
    history: [
      { periodStart: '2026-10-31T23:00:00.000Z', value: 1097.5, takenAt: '2026-11-01T00:05:00.000Z' },
      { periodStart: '2026-11-30T23:00:00.000Z', value: 1234.5, takenAt: '2026-12-01T00:05:00.000Z' },
    ],
  } as const;
  return { indicatorId, widget, reading };
}

describe('the French words kept with the contracts', () => {
  beforeEach(async () => {
    await setLanguage('fr');
  });

  it('names each secret as the contracts do, for every application that asks for one', () => {
    for (const kind of CONNECTOR_KINDS) {
      const form = personalSecretForm(kind);
      if (form === undefined) continue;
      expect(credentialFormOf(kind), kind).toEqual(form);
    }
  });

  it('names Nextcloud apps as the contracts do', () => {
    for (const appId of Object.keys(fr.widgets.nextcloudApps)) {
      expect(nextcloudAppName(appId), appId).toBe(nextcloudAppLabel(appId));
    }
  });

  it('shows the BFF’s own French message for a failure', () => {
    const widget = instance('mail');
    const html = render(widget, <MailWidget widget={widget} readOnly onOptionsChange={noop} />, {
      cache: [dataOf(widget, { status: 'unreachable', message: 'La messagerie ne répond pas.', source: zimbra })],
    });
    expect(html).toContain('La messagerie ne répond pas.');
  });

  it('keeps the French link sentence of the credential form as it was', () => {
    const widget = instance('nextcloud-files');
    const connectors: MyConnector[] = [{ ...cloud, appUrl: 'https://cloud.example.test/' }];
    const html = render(widget, <NextcloudFilesWidget widget={widget} readOnly onOptionsChange={noop} />, {
      cache: [
        dataOf(widget, { status: 'credentials_missing', message: 'Reliez votre compte.', source: cloud }),
        [widgetDataKeys.myConnectors, { connectors }],
      ],
    });
    expect(html).toContain(
      '<p class="cw-help">Créez-le dans les réglages de sécurité de <a class="cw-link" href="https://cloud.example.test/" target="_blank" rel="noopener noreferrer">Town cloud<span class="visually-hidden"> (nouvel onglet)</span></a>.</p>',
    );
    expect(html).toContain('<p class="cw-help">Reliez votre compte.</p>');
  });

  it('writes indicator values and trends in French as the contracts do', () => {
    const { indicatorId, widget, reading } = indicatorFixture();
    const html = render(widget, <IndicatorWidget widget={widget} readOnly onOptionsChange={noop} />, {
      cache: [[['indicator', indicatorId], reading]],
    });
    const sentence = contractsTrendSentence(reading.trend, 'month', 'tickets');
    expect(html).toContain(contractsIndicatorValue(1234.5, 'tickets'));
    expect(html).toContain(`${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}</p>`);
    expect(html).toContain('État : Watch');
    const empty = render(widget, <IndicatorWidget widget={widget} readOnly onOptionsChange={noop} />, {
      cache: [[['indicator', indicatorId], { ...reading, current: null, trend: null, state: null, history: [] }]],
    });
    expect(empty).toContain(
      `Pas encore d’historique : la première valeur sera relevée sous peu (${INDICATOR_PERIOD_LABELS.month.toLowerCase()}).`,
    );
  });

  it('takes the plural for a million, as French does (« many »)', () => {
    expect(i18n.t('widgets:mail.unread', { count: 1_000_000 })).toBe('messages non lus');
    expect(i18n.t('widgets:mail.unread', { count: 0 })).toBe('message non lu');
  });
});
