import { createHash } from 'node:crypto';
import type { DemoAccount } from './accounts.js';

/** A rendered HTML page and the Content-Security-Policy that lets exactly its inline code run. */
export interface Page {
  html: string;
  csp: string;
}

const PRODUCT = 'Pléiade (démonstration)';

// Colours keep at least 4.5:1 contrast for text and 3:1 for borders and the focus ring.
const STYLE = `
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1e1e1e;background:#f6f6f6}
main{max-width:30rem;margin:2rem auto;padding:1.5rem 2rem;background:#fff;border:1px solid #ccc;border-radius:4px}
h1{font-size:1.5rem;margin:0 0 1rem}
h2{font-size:1.125rem;margin:1.5rem 0 .5rem}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
input{box-sizing:border-box;width:100%;padding:.5rem;font:inherit;color:inherit;border:1px solid #666;border-radius:4px}
button{margin-top:1.5rem;padding:.625rem 1.25rem;font:inherit;font-weight:600;color:#fff;background:#000091;border:0;border-radius:4px;cursor:pointer}
button:hover{background:#1212ff}
:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}
.alert{margin:0 0 1rem;padding:.75rem;border-left:4px solid #c9191e;background:#ffe9e9;color:#8a0000}
.note{font-size:.9375rem;color:#3a3a3a}
.note ul{padding-left:1.25rem}
code{font-family:ui-monospace,monospace;background:#eee;padding:0 .25rem;border-radius:3px}
`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

export function escapeHtml(value: unknown): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** `title` and `body` must already be escaped; `script` is trusted inline code. */
function layout(title: string, body: string, script?: string): Page {
  const html = `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>${script === undefined ? '' : `\n<script>${script}</script>`}
</body>
</html>
`;
  // No form-action: browsers apply it to the redirects that follow a POST, and ours end at the
  // relying party's own origin.
  const csp = [
    "default-src 'none'",
    `style-src ${sha256(STYLE)}`,
    `script-src ${script === undefined ? "'none'" : sha256(script)}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, csp };
}

export function loginPage(input: {
  action: string;
  username: string;
  failed: boolean;
  accounts: readonly DemoAccount[];
  /** Which service this demo IdP stands for: Pléiade's own, or ProConnect (accounts shown with their SIRET). */
  service: 'pleiade' | 'proconnect';
}): Page {
  const proconnect = input.service === 'proconnect';
  const invalid = input.failed ? ' aria-invalid="true" aria-describedby="login-error"' : '';
  const alert = input.failed
    ? '<p id="login-error" class="alert" role="alert">Identifiant ou mot de passe incorrect.</p>\n'
    : '';
  const accounts = input.accounts
    .map(
      (a) =>
        `<li><code>${escapeHtml(a.username)}</code> — ${escapeHtml(a.name)}, ${escapeHtml(a.description)}${proconnect ? ` (SIRET ${escapeHtml(a.siret)})` : ''}</li>`,
    )
    .join('\n');
  return layout(
    proconnect ? 'Connexion — ProConnect (démonstration)' : `Connexion — ${PRODUCT}`,
    `<h1>${proconnect ? 'Connexion avec ProConnect (démonstration)' : 'Connexion à Pléiade'}</h1>
${alert}<form method="post" action="${escapeHtml(input.action)}">
<label for="username">Identifiant</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(input.username)}"${invalid}${input.failed ? '' : ' autofocus'}>
<label for="password">Mot de passe</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${invalid}${input.failed ? ' autofocus' : ''}>
<button type="submit">Se connecter</button>
</form>
<section class="note" aria-labelledby="demo-accounts">
<h2 id="demo-accounts">Comptes de démonstration</h2>
<p>${proconnect ? 'Ce fournisseur d’identité imite ProConnect pour essayer Pléiade.' : 'Ce fournisseur d’identité sert uniquement à essayer Pléiade.'} Le mot de passe de tous les comptes est <code>demo</code>.</p>
<ul>
${accounts}
</ul>
</section>`,
  );
}

/**
 * Wraps oidc-provider's confirmation form (`form` is its own HTML, with the XSRF token). The
 * button sends `logout=yes`, which ends the whole IdP session, not only the relying party's part.
 * With a valid id_token_hint the button is clicked at once, as LemonLDAP::NG asks nothing then;
 * it stays visible for browsers without JavaScript.
 */
export function logoutPage(form: string, auto: boolean): Page {
  return layout(
    `Déconnexion — ${PRODUCT}`,
    `<h1>Déconnexion</h1>
<p>${auto ? 'Déconnexion en cours…' : 'Voulez-vous vous déconnecter de Pléiade ?'}</p>
${form}
<button id="confirm-logout" type="submit" form="op.logoutForm" name="logout" value="yes">Se déconnecter</button>`,
    auto ? "document.getElementById('confirm-logout').click();" : undefined,
  );
}

export function loggedOutPage(): Page {
  return layout(`Déconnexion — ${PRODUCT}`, '<h1>Vous êtes déconnecté</h1>\n<p>Vous pouvez fermer cette page.</p>');
}

export function errorPage(message: string, detail?: string): Page {
  const more = detail ? `\n<p class="note">Détail technique : <code>${escapeHtml(detail)}</code></p>` : '';
  return layout(`Erreur — ${PRODUCT}`, `<h1>Une erreur est survenue</h1>\n<p>${escapeHtml(message)}</p>${more}`);
}
