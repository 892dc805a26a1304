import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Me, Role } from '@pleiade/contracts';
import { ApiError } from '../api/errors';
import { lookQuery } from '../api/look';
import { setLanguage } from '../i18n';
import { testId } from '../test/factories';
import { Shell } from './App';
import { AppHeader } from './AppHeader';
import { ErrorPanel } from './ErrorPanel';
import { roleLabel } from './roles';
import { WelcomePage } from './WelcomePage';
import { textOf } from '../test/html';

function me(role: Role): Me {
  return {
    id: testId(),
    displayName: 'Camille Martin',
    email: null,
    role,
    groups: ['agents'],
    collectivite: { id: testId(), slug: 'demo-a', name: 'Commune de démonstration A' },
    language: null,
  };
}

/** `signedIn`: the collectivité's look is known (it is read once the person is). */
function render(node: ReactNode, signedIn = true): string {
  const client = new QueryClient();
  if (signedIn) client.setQueryData(lookQuery.queryKey, { name: 'Ville de Test', primaryColor: null, logoUrl: null });
  return renderToStaticMarkup(<QueryClientProvider client={client}>{node}</QueryClientProvider>);
}

afterEach(async () => {
  await setLanguage('fr');
});

describe('the page before sign-in', () => {
  it('is wholly in English when the browser asks English', async () => {
    await setLanguage('en');
    const html = render(
      <Shell me={null}>
        <WelcomePage />
      </Shell>,
      false,
    );
    expect(textOf(html)).toBe(
      'Skip to content ✶ Pléiade Français Welcome to Pléiade Pléiade is the virtual desktop for the staff and councillors of your ' +
        'local authority: all your applications and everything waiting for you, together on a single page. Sign in Français',
    );
  });

  it('says in English that the session ended', async () => {
    await setLanguage('en');
    expect(textOf(render(<WelcomePage sessionExpired />))).toBe(
      'Session expired Your session has ended (inactivity, maximum duration or sign-out from another application). ' +
        'Sign in again to get back to your board: everything saved is waiting for you. Sign in again',
    );
  });

  it('stays in French otherwise, word for word', () => {
    expect(textOf(render(<WelcomePage />))).toBe(
      'Bienvenue sur Pléiade Pléiade est le bureau virtuel des agents et des élus de votre collectivité : toutes vos ' +
        'applications et ce qui vous attend, réunis sur une seule page. Se connecter',
    );
  });
});

describe('the header of a signed-in person', () => {
  it('names their role, the spaces and signing out in English', async () => {
    await setLanguage('en');
    const html = render(<AppHeader me={me('admin')} view="todo" />);
    expect(html).toContain('aria-label="Sections"');
    expect(textOf(html)).toBe(
      '✶ Pléiade Ville de Test My board To do Administration Camille Martin Administrator Français Sign out',
    );
  });

  it('names every role in both languages', async () => {
    expect(['agent', 'elu', 'admin', 'operator'].map((role) => roleLabel(role as Role))).toEqual([
      'Agent',
      'Élu',
      'Administrateur',
      'Opérateur',
    ]);
    await setLanguage('en');
    expect(['agent', 'elu', 'admin', 'operator'].map((role) => roleLabel(role as Role))).toEqual([
      'Staff member',
      'Councillor',
      'Administrator',
      'Operator',
    ]);
  });
});

describe('the error panel', () => {
  it('gives the incident reference and « Try again » in English, the server’s message as it came', async () => {
    await setLanguage('en');
    const error = new ApiError({ status: 500, code: 'INTERNAL', message: 'Erreur interne.', requestId: 'req-42' });
    expect(
      textOf(render(<ErrorPanel title="Pléiade could not start." error={error} onRetry={() => undefined} />)),
    ).toBe('Pléiade could not start. Erreur interne. Incident reference: req-42 Try again');
  });
});
