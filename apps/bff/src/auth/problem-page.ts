import type { Request } from 'express';
import type { Language } from '@pleiade/contracts';

export type AuthProblem =
  'UNKNOWN_COLLECTIVITE' | 'NO_ROLE' | 'CALLBACK_FAILED' | 'IDP_UNREACHABLE' | 'TOO_MANY_REQUESTS';

/** Pages before the SPA: in the browser's language (Accept-Language), French unless English comes first. */
interface PageTexts {
  problems: Record<AuthProblem, { title: string; text: string }>;
  signInAgain: string;
  chooseTitle: string;
  chooseAccount: string;
}

const TEXTS: Record<Language, PageTexts> = {
  fr: {
    problems: {
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
    },
    signInAgain: 'Se reconnecter',
    chooseTitle: 'Se connecter à Pléiade',
    chooseAccount: 'Choisissez votre compte :',
  },
  en: {
    problems: {
      UNKNOWN_COLLECTIVITE: {
        title: 'Local authority not recognised',
        text: 'Your account is valid, but your local authority is not open on Pléiade yet. Contact your local authority’s IT department.',
      },
      NO_ROLE: {
        title: 'Access not allowed',
        text: 'Your account is valid, but it is given no access to Pléiade in your local authority (no group or rule gives it a role). Contact your local authority’s IT department.',
      },
      CALLBACK_FAILED: {
        title: 'Sign-in did not complete',
        text: 'The answer of the sign-in service could not be verified (link expired or already used). Please sign in again.',
      },
      TOO_MANY_REQUESTS: {
        title: 'Too many attempts',
        text: 'Too many sign-in requests came from your device. Wait a minute, then try again.',
      },
      IDP_UNREACHABLE: {
        title: 'Sign-in service unavailable',
        text: 'The sign-in service is not answering at the moment. Try again in a few moments.',
      },
    },
    signInAgain: 'Sign in again',
    chooseTitle: 'Sign in to Pléiade',
    chooseAccount: 'Choose your account:',
  },
};

/** The language of a page served before sign-in: the browser's first among French and English. */
export function pageLanguageOf(req: Request): Language {
  const chosen = req.acceptsLanguages('fr', 'en');
  return chosen === 'en' ? 'en' : 'fr';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(language: Language, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — Pléiade</title>
<link rel="stylesheet" href="/auth/problem.css"></head>
<body><main><h1>${title}</h1>${body}</main></body>
</html>`;
}

/** Offered when several providers are configured and the person has not chosen yet. */
export function renderProviderChoicePage(
  providers: { id: string; label: string }[],
  language: Language = 'fr',
): string {
  const items = providers
    .map((p) => `<li><a href="/auth/login?provider=${encodeURIComponent(p.id)}">${escapeHtml(p.label)}</a></li>`)
    .join('');
  const texts = TEXTS[language];
  return page(language, texts.chooseTitle, `<p>${texts.chooseAccount}</p><ul>${items}</ul>`);
}

/** A small server-rendered page: the SPA may not even load when sign-in fails. No user input is echoed. */
export function renderAuthProblemPage(problem: AuthProblem, language: Language = 'fr'): string {
  const texts = TEXTS[language];
  const { title, text } = texts.problems[problem];
  return page(language, title, `<p>${text}</p><p><a href="/auth/login">${texts.signInAgain}</a></p>`);
}

export const PROBLEM_PAGE_CSS = `body{font-family:system-ui,sans-serif;background:#f3f4f6;color:#111827;margin:0}
main{max-width:36rem;margin:10vh auto;background:#fff;padding:2rem;border-radius:.5rem;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.4rem}a{color:#1d4ed8}li{margin:.5rem 0}a:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}`;
