import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchAuditLog } from '../../api/admin-boards';
import { ErrorPanel } from '../../app/ErrorPanel';
import { auditSentence, formatMoment } from './format';
import { boardHash } from './sections';

/** Who created, published, restored, imported or deleted which board, and when: newest first. */
export function AuditJournal({ nav }: { nav: ReactNode }) {
  const { t } = useTranslation('adminBoards');
  const log = useQuery({ queryKey: ['admin', 'audit-log'], queryFn: ({ signal }) => fetchAuditLog(signal) });
  return (
    <>
      <h1>{t('journal.title')}</h1>
      {nav}
      <div className="admin-page">
        <p className="admin-intro">{t('journal.intro')}</p>
        {log.isError && (
          <ErrorPanel title={t('journal.loadFailed')} error={log.error} onRetry={() => void log.refetch()} />
        )}
        {!log.data && !log.isError && (
          <p role="status" aria-busy="true" className="page-loading">
            {t('journal.loading')}
          </p>
        )}
        {log.data?.events.length === 0 && <p className="admin-empty">{t('journal.empty')}</p>}
        {log.data && log.data.events.length > 0 && (
          <table className="admin-table">
            <caption className="visually-hidden">{t('journal.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('journal.date')}</th>
                <th scope="col">{t('journal.person')}</th>
                <th scope="col">{t('journal.action')}</th>
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
