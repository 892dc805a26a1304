import { useTranslation } from 'react-i18next';
import { ADMIN_NAVIGATION, type AdminSection } from './sections';

/** The administration's sections; the current one is marked for assistive technologies too. */
export function AdminNav({ current }: { current: AdminSection['name'] }) {
  const { t } = useTranslation('adminBoards');
  return (
    <nav aria-label={t('nav.label')} className="admin-nav">
      <ul>
        {ADMIN_NAVIGATION.map((entry) => {
          const here = (entry.sections as readonly string[]).includes(current);
          return (
            <li key={entry.hash}>
              <a href={entry.hash} aria-current={here ? 'page' : undefined} className={here ? 'admin-nav-current' : ''}>
                {t(`nav.${entry.label}`)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
