import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { fetchAuditLog } from '../../api/admin-boards';
import { ErrorPanel } from '../../app/ErrorPanel';
import { auditSentence, formatMoment } from './format';
import { boardHash } from './sections';

/** Who created, published, restored, imported or deleted which board, and when: newest first. */
export function AuditJournal({ nav }: { nav: ReactNode }) {
  const log = useQuery({ queryKey: ['admin', 'audit-log'], queryFn: ({ signal }) => fetchAuditLog(signal) });
  return (
    <>
      <h1>Administration — Journal</h1>
      {nav}
      <div className="admin-page">
        <p className="admin-intro">
          Les modifications des tableaux partagés de la collectivité : qui a créé, publié, restauré, importé ou supprimé
          quoi, et quand (les 200 dernières).
        </p>
        {log.isError && (
          <ErrorPanel title="Le journal n’a pas pu être chargé." error={log.error} onRetry={() => void log.refetch()} />
        )}
        {!log.data && !log.isError && (
          <p role="status" aria-busy="true" className="page-loading">
            Chargement du journal…
          </p>
        )}
        {log.data?.events.length === 0 && <p className="admin-empty">Rien n’a encore été modifié.</p>}
        {log.data && log.data.events.length > 0 && (
          <table className="admin-table">
            <caption className="visually-hidden">Journal des modifications, du plus récent au plus ancien</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Personne</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {log.data.events.map((event) => (
                <tr key={event.id}>
                  <td>{formatMoment(event.at)}</td>
                  <td>{event.actorName}</td>
                  <td>
                    {event.board.id ? (
                      <a href={boardHash(event.board.id)}>{auditSentence(event)}</a>
                    ) : (
                      auditSentence(event)
                    )}
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
