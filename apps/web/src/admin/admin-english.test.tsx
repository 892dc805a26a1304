import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactElement } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Connector, Me } from '@pleiade/contracts';
import { setLanguage } from '../i18n';
import { testId } from '../test/factories';
import { AdminPage } from './AdminPage';
import { ConnectorCard } from './ConnectorCard';
import { ConnectorForm } from './ConnectorForm';
import { emptyForm, fieldErrorsFromDetails, formFromConnector } from './connector-form';
import { DataSourcesAdmin } from './DataSourcesAdmin';

const noop = () => undefined;
const saved = () => Promise.resolve({ ok: true } as const);

/**
 * The text a person reads or hears: visible text, and the labels and titles of attributes. The
 * administration's navigation (admin/boards/AdminNav) is another area's and is left out.
 */
function textOf(html: string): string {
  const withoutNavigation = html.replace(/<nav[\s\S]*?<\/nav>/g, ' ');
  const attributes = [...withoutNavigation.matchAll(/(?:aria-label|title|label)="([^"]*)"/g)].map(
    (match) => match[1] ?? '',
  );
  // Inline elements run on with their neighbours, as a browser shows them; blocks are separated.
  const inline = withoutNavigation.replace(/<\/?(span|strong|code)(\s[^>]*)?>/g, '');
  return [inline.replace(/<[^>]+>/g, ' '), ...attributes]
    .join(' ')
    .replace(/&#x27;/g, '’')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** French typography or words left in an English page: a forgotten text. */
const FRENCH = /[«»]| :|\b(le|la|les|du|des|une?|et|pour|vos|votre|aucun|défini|Modifier|Supprimer|Annuler)\b/i;

function render(element: ReactElement): string {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return textOf(renderToStaticMarkup(<QueryClientProvider client={client}>{element}</QueryClientProvider>));
}

const me = (role: Me['role']): Me => ({
  id: testId(),
  displayName: 'Camille Martin',
  email: 'camille.martin@mairie.test',
  role,
  groups: [],
  collectivite: { id: testId(), slug: 'mairie', name: 'Mairie de Test' },
  language: 'en',
});

const s2low: Connector = {
  id: testId(),
  kind: 's2low',
  label: 'Télétransmission',
  baseUrl: 'https://s2low.mairie.test',
  authMode: 'service_account',
  options: { webClientUrl: 'https://actes.mairie.test' },
  secretNames: ['username', 'clientCertificate', 'preauthKey'],
  allowPrivateNetworks: ['10.0.0.0/8'],
  enabled: false,
  createdAt: '2026-11-30T08:00:00.000Z',
  updatedAt: '2026-11-30T08:00:00.000Z',
};

describe('the administration in English', () => {
  beforeEach(async () => {
    await setLanguage('en');
  });
  afterEach(async () => {
    await setLanguage('fr');
  });

  it('shows a connected application’s card in English, its missing secrets and problems named', () => {
    const text = render(
      <ConnectorCard
        connector={{ ...s2low, authMode: 'oidc_token', options: { port: 'x' } }}
        headingId="card"
        editButtonId="edit"
        onEdit={noop}
        onDelete={saved}
      />,
    );
    expect(text).toContain('Application S²low');
    expect(text).toContain('Authentication method Staff member’s OpenID Connect token');
    expect(text).toContain('Status Disabled');
    expect(text).toContain('Secrets set Service account username, Client certificate (PEM), preauthKey');
    expect(text).toContain('The method “Staff member’s OpenID Connect token” is not possible for');
    expect(text).toContain('Some options no longer suit this application: check them.');
    expect(text).toContain('Allowed private networks 10.0.0.0/8');
    expect(text).toContain('Edit “Télétransmission”');
    expect(text).toContain('Test the connection to “Télétransmission”');
    expect(text).toContain('Delete “Télétransmission”');
    expect(text.replace(/Télétransmission/g, '')).not.toMatch(FRENCH);
  });

  it('shows the form of a new application in English', () => {
    const text = render(<ConnectorForm headingId="form" onSave={saved} onCancel={noop} privateNetworksEditable />);
    expect(text).toContain('Application');
    expect(text).toContain('Cannot be changed after creation.');
    expect(text).toContain('Staff member’s OpenID Connect token');
    expect(text).toContain('Nextcloud options');
    expect(text).toContain('Allowed private networks');
    expect(text).toContain('Add the application');
    expect(text).toContain('GLPI (IT help desk)');
    expect(text).not.toMatch(FRENCH);
  });

  it('shows a stored application’s secrets and options in English', () => {
    const text = render(
      <ConnectorForm
        connector={s2low}
        headingId="form"
        onSave={saved}
        onCancel={noop}
        privateNetworksEditable={false}
      />,
    );
    expect(text).toContain('S²low address for staff');
    expect(text).toContain('Service account username set');
    expect(text).toContain('Replace: Service account username');
    expect(text).toContain('Client certificate (PEM) set');
    expect(text).toContain('Key passphrase (optional)');
    expect(text).toContain('Saved secrets that this method does not use: preauthKey: set Delete: preauthKey');
    expect(text).toContain('Set by the installation’s operator');
    expect(text).toContain('Save changes');
    expect(text.replace(/Télétransmission/g, '')).not.toMatch(FRENCH);
  });

  it('says in English what the form refuses', () => {
    const state = { ...emptyForm('imap'), allowPrivateNetworks: 'a\nb' };
    const errors = fieldErrorsFromDetails(
      [
        { path: 'body.label', message: 'Too small' },
        { path: 'body.options.port', message: 'Too big' },
        { path: 'body.allowPrivateNetworks.1', message: 'Invalid' },
        { path: 'body.options.other', message: 'Unknown' },
      ],
      state,
    );
    expect(errors).toEqual({
      label: 'Enter a name (80 characters at most).',
      'options.port': expect.stringMatching(/^Enter a whole number between \d+ and \d+\.$/) as string,
      allowPrivateNetworks: 'Line 2 (“b”): enter a subnet (10.0.0.0/8), an IP address or a host name.',
      options: 'Option “other” refused: Unknown',
    });
    expect(formFromConnector(s2low).secrets.username).toEqual({ stored: true, action: 'keep', value: '' });
  });

  it('shows the connected applications page and its restricted access in English', () => {
    const allowed = render(<AdminPage me={me('admin')} />);
    expect(allowed).toContain('Administration — Connected applications');
    expect(allowed).toContain('Add an application');
    expect(allowed).toContain('Loading connected applications…');
    expect(allowed).not.toMatch(FRENCH);
    const refused = render(<AdminPage me={me('agent')} />);
    expect(refused).toContain('Restricted access');
    expect(refused).toContain('ask your IT department for this permission');
    expect(refused).not.toMatch(FRENCH);
  });

  it('shows the indicators page, its models and its help in English', () => {
    const text = render(<DataSourcesAdmin me={me('admin')} />);
    expect(text).toContain('Administration — Business data');
    expect(text).toContain('Loading business data…');
    expect(text).toContain('Time management');
    expect(text).toContain('Annual leave balance');
    expect(text).toContain('IT help desk');
    expect(text).toContain('Name shown to staff');
    expect(text).toContain(
      'Values specific to the staff member are written { "claim": "login" }, { "claim": "email" } or { "claim": "employeeNumber" }; response paths follow the JSONPath syntax (RFC 9535).',
    );
    expect(text).toContain('Save the indicator');
    expect(text).not.toMatch(FRENCH);
    expect(render(<DataSourcesAdmin me={me('agent')} />)).toContain(
      'This page is for the local authority’s administrators.',
    );
  });
});

describe('the administration in French', () => {
  it('keeps its French texts', () => {
    const text = render(
      <ConnectorForm
        connector={s2low}
        headingId="form"
        onSave={saved}
        onCancel={noop}
        privateNetworksEditable={false}
      />,
    );
    expect(text).toContain(
      'Secrets enregistrés que ce mode n’utilise pas : preauthKey : défini Supprimer : preauthKey',
    );
    expect(text).toContain('Options de S²low (télétransmission)');
    const page = render(<DataSourcesAdmin me={me('admin')} />);
    expect(page).toContain(
      'Protocoles : REST (JSON), OData, SOAP, GLPI. Les valeurs propres à l’agent s’écrivent { "claim": "login" }, { "claim": "email" } ou { "claim": "employeeNumber" } ; les chemins',
    );
  });
});
