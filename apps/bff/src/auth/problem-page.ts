export type AuthProblem =
  'UNKNOWN_COLLECTIVITE' | 'NO_ROLE' | 'CALLBACK_FAILED' | 'IDP_UNREACHABLE' | 'TOO_MANY_REQUESTS';

const MESSAGES: Record<AuthProblem, { title: string; text: string }> = {
  UNKNOWN_COLLECTIVITE: {
    title: 'Collectivité non reconnue',
    text: 'Votre compte est valide, mais votre collectivité n’est pas encore ouverte sur Pléiade. Contactez le service informatique de votre collectivité.',
  },
  NO_ROLE: {
    title: 'Accès non autorisé',
    text: 'Votre compte est valide, mais aucun accès à Pléiade ne lui est donné dans votre collectivité (aucun groupe ni aucune règle ne lui attribue de rôle). Contactez le service informatique de votre collectivité.',
  },
  CALLBACK_FAILED: {
    title: 'La connexion n’a pas abouti',
    text: 'La réponse du service d’authentification n’a pas pu être vérifiée (lien expiré ou déjà utilisé). Veuillez vous reconnecter.',
  },
  TOO_MANY_REQUESTS: {
    title: 'Trop de tentatives',
    text: 'Trop de demandes de connexion ont été reçues depuis votre poste. Patientez une minute, puis réessayez.',
  },
  IDP_UNREACHABLE: {
    title: 'Service d’authentification indisponible',
    text: 'Le service d’authentification ne répond pas pour le moment. Réessayez dans quelques instants.',
  },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — Pléiade</title>
<link rel="stylesheet" href="/auth/problem.css"></head>
<body><main><h1>${title}</h1>${body}</main></body>
</html>`;
}

/** Offered when several providers are configured and the person has not chosen yet. */
export function renderProviderChoicePage(providers: { id: string; label: string }[]): string {
  const items = providers
    .map((p) => `<li><a href="/auth/login?provider=${encodeURIComponent(p.id)}">${escapeHtml(p.label)}</a></li>`)
    .join('');
  return page('Se connecter à Pléiade', `<p>Choisissez votre compte :</p><ul>${items}</ul>`);
}

/** A small server-rendered page: the SPA may not even load when sign-in fails. No user input is echoed. */
export function renderAuthProblemPage(problem: AuthProblem): string {
  const { title, text } = MESSAGES[problem];
  return page(title, `<p>${text}</p><p><a href="/auth/login">Se reconnecter</a></p>`);
}

export const PROBLEM_PAGE_CSS = `body{font-family:system-ui,sans-serif;background:#f3f4f6;color:#111827;margin:0}
main{max-width:36rem;margin:10vh auto;background:#fff;padding:2rem;border-radius:.5rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.4rem}a{color:#1d4ed8}li{margin:.5rem 0}a:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}`;
