import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchAudiences } from '../../api/admin-boards';
import { ErrorPanel } from '../../app/ErrorPanel';
import { kindAndName } from './format';
import { boardHash } from './sections';

/**
 * The audiences: the groups of the collectivité's directory met at people's last sign-in, with
 * how many have each, and the templates and published boards prepared for each.
 */
export function AudiencesPage({ nav }: { nav: ReactNode }) {
  const { t } = useTranslation('adminBoards');
  const audiences = useQuery({ queryKey: ['admin', 'audiences'], queryFn: ({ signal }) => fetchAudiences(signal) });
  return (
    <>
      <h1>{t('audiences.title')}</h1>
      {nav}
      <div className="admin-page">
        <p className="admin-intro">{t('audiences.intro')}</p>
        {audiences.isError && (
          <ErrorPanel
            title={t('audiences.loadFailed')}
            error={audiences.error}
            onRetry={() => void audiences.refetch()}
          />
        )}
        {!audiences.data && !audiences.isError && (
          <p role="status" aria-busy="true" className="page-loading">
            {t('audiences.loading')}
          </p>
        )}
        {audiences.data && (
          <table className="admin-table">
            <caption className="visually-hidden">{t('audiences.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audiences.group')}</th>
                <th scope="col">{t('audiences.people')}</th>
                <th scope="col">{t('audiences.boards')}</th>
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
                            <a href={boardHash(board.id)}>{kindAndName(board.kind, board.name)}</a>
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
