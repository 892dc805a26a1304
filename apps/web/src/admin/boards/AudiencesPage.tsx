import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { fetchAudiences } from '../../api/admin-boards';
import { ErrorPanel } from '../../app/ErrorPanel';
import { KIND_NAMES } from './format';
import { boardHash } from './sections';

/**
 * The audiences: the groups of the collectivité's directory met at people's last sign-in, with
 * how many have each, and the templates and published boards prepared for each.
 */
export function AudiencesPage({ nav }: { nav: ReactNode }) {
  const audiences = useQuery({ queryKey: ['admin', 'audiences'], queryFn: ({ signal }) => fetchAudiences(signal) });
  return (
    <>
      <h1>Administration — Publics</h1>
      {nav}
      <div className="admin-page">
        <p className="admin-intro">
          Les groupes de l’annuaire de la collectivité, tels que Pléiade les a reçus à la dernière connexion de chacun,
          et les tableaux préparés pour chaque groupe. Un groupe qui ne compte encore personne peut déjà être le public
          d’un tableau.
        </p>
        {audiences.isError && (
          <ErrorPanel
            title="Les publics n’ont pas pu être chargés."
            error={audiences.error}
            onRetry={() => void audiences.refetch()}
          />
        )}
        {!audiences.data && !audiences.isError && (
          <p role="status" aria-busy="true" className="page-loading">
            Chargement des publics…
          </p>
        )}
        {audiences.data && (
          <table className="admin-table">
            <caption className="visually-hidden">Groupes et tableaux préparés pour eux</caption>
            <thead>
              <tr>
                <th scope="col">Groupe</th>
                <th scope="col">Personnes</th>
                <th scope="col">Tableaux pour ce groupe</th>
              </tr>
            </thead>
            <tbody>
              {audiences.data.groups.map((group) => (
                <tr key={group.name}>
                  <th scope="row">{group.name}</th>
                  <td>{group.members}</td>
                  <td>
                    {group.boards.length === 0
                      ? '—'
                      : group.boards.map((board, index) => (
                          <span key={board.id}>
                            {index > 0 && ', '}
                            <a href={boardHash(board.id)}>
                              {KIND_NAMES[board.kind].one} « {board.name} »
                            </a>
                          </span>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
