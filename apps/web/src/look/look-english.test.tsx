import { afterEach, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { AdminAppLink, Me, Role } from '@pleiade/contracts';
import { adminAppLinksQuery, installationQuery, lookQuery } from '../api/look';
import { setLanguage } from '../i18n';
import { testId } from '../test/factories';
import { contrastRatioText, LookAdmin } from './LookAdmin';
import { MoreButton, ScrollFrame } from './ScrollFrame';
import { textOf } from '../test/html';

const collectivite = { id: testId(), slug: 'demo-a', name: 'Commune de démonstration A' };

function me(role: Role): Me {
  return {
    id: testId(),
    displayName: 'Camille Martin',
    email: null,
    role,
    groups: ['agents'],
    collectivite,
    language: 'en',
  };
}

const links: AdminAppLink[] = [
  { id: testId(), label: 'Messagerie', url: 'https://mail.ville.fr/', description: '', allowedGroups: [], position: 0 },
  {
    id: testId(),
    label: 'Parapheur',
    url: 'https://parapheur.ville.fr/',
    description: '',
    allowedGroups: ['elus', 'dgs'],
    position: 1,
  },
];

/** The administration of the look as the operator sees it, everything already read from the BFF. */
function renderLookAdmin(role: Role): string {
  const client = new QueryClient();
  client.setQueryData(lookQuery.queryKey, { name: 'Ville de Test', primaryColor: '#14532d', logoUrl: '/logo.png' });
  client.setQueryData(adminAppLinksQuery.queryKey, links);
  client.setQueryData(installationQuery.queryKey, {
    providers: [{ id: 'demo', name: 'Fournisseur de démonstration', type: 'oidc' }],
    collectivites: [
      { id: collectivite.id, slug: 'demo-a', name: 'Ville de Test', providerIds: [], connectors: [], appLinks: [] },
    ],
  });
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <LookAdmin me={me(role)} />
    </QueryClientProvider>,
  );
}

afterEach(async () => {
  await setLanguage('fr');
});

describe('the look and launcher administration in English', () => {
  it('shows the look, the launcher links and the operator’s view in English', async () => {
    await setLanguage('en');
    const html = renderLookAdmin('operator');
    const text = textOf(html);
    expect(text).toContain('Administration — Look and launcher');
    expect(text).toContain('Look of the local authority Displayed name');
    expect(text).toContain('Main colour (format #RRGGBB, empty: Pléiade’s colour)');
    expect(text).toMatch(/Contrast \d+\.\d\d:1: sufficient \(at least 4\.5:1\)\./);
    expect(html).toContain('alt="Current logo of Ville de Test"');
    expect(html).toContain('aria-label="Choose the colour from a palette"');
    expect(text).toContain('Application launcher (2)');
    expect(text).toContain('For every member of the local authority');
    expect(text).toContain('For the groups: elus, dgs');
    expect(html).toContain('aria-label="Move up “Parapheur”"');
    expect(html).toContain('aria-label="Remove “Messagerie”"');
    expect(text).toContain('Move up Move down Edit Remove');
    expect(text).toContain('All the local authorities of the installation');
    expect(text).toContain('Sign-in with no identity provider Connected applications none Launcher links none');
    // The administration's sections (admin/boards/AdminNav.tsx) are worded by the administration's texts.
    const own = textOf(html.replace(/<nav[\s\S]*?<\/nav>/, ''));
    expect(own).not.toMatch(/Apparence|Lanceur|Monter|Retirer|collectivité|aucun/);
  });

  it('tells an administrator of another kind that the page is not theirs, in English', async () => {
    await setLanguage('en');
    expect(textOf(renderLookAdmin('agent'))).toBe(
      'Administration Restricted access For the local authority’s administrators only.',
    );
  });

  it('writes the contrast ratio as each language writes numbers, rounded down', async () => {
    expect(contrastRatioText(4.499)).toBe('4,49:1');
    expect(contrastRatioText(7)).toBe('7,00:1');
    await setLanguage('en');
    expect(contrastRatioText(4.499)).toBe('4.49:1');
  });
});

describe('« Voir plus » in English', () => {
  it('names the widget whose content it scrolls', async () => {
    const more = () => renderToStaticMarkup(<MoreButton title="Applications" onMore={() => undefined} />);
    expect(more()).toContain('aria-label="Voir plus : Applications">Voir plus</button>');
    await setLanguage('en');
    expect(more()).toContain('aria-label="See more: Applications">See more</button>');
    // Content that fits: no region nor button (they appear once the browser measures an overflow).
    const frame = renderToStaticMarkup(
      <ScrollFrame title="Applications">
        <p>Contenu</p>
      </ScrollFrame>,
    );
    expect(frame).toBe('<div class="widget-body-frame"><div class="widget-body"><p>Contenu</p></div></div>');
  });
});
