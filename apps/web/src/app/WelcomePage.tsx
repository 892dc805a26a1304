import { LOGIN_URL } from '../api/client';

export function WelcomePage({ sessionExpired = false }: { sessionExpired?: boolean }) {
  if (sessionExpired) {
    return (
      <div className="welcome-page">
        <h1>Session expirée</h1>
        <p className="welcome-page-lead" role="alert">
          Votre session a pris fin (inactivité, durée maximale ou déconnexion depuis une autre application).
          Reconnectez-vous pour retrouver votre tableau : ce qui était enregistré vous attend.
        </p>
        <a className="button button-primary button-large" href={LOGIN_URL}>
          Se reconnecter
        </a>
      </div>
    );
  }
  return (
    <div className="welcome-page">
      <h1>Bienvenue sur Pléiade</h1>
      <p className="welcome-page-lead">
        Pléiade est le bureau virtuel des agents et des élus de votre collectivité : toutes vos applications et ce qui
        vous attend, réunis sur une seule page.
      </p>
      <a className="button button-primary button-large" href={LOGIN_URL}>
        Se connecter
      </a>
    </div>
  );
}
