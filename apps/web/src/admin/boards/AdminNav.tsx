import { ADMIN_NAVIGATION, type AdminSection } from './sections';

/** The administration's sections; the current one is marked for assistive technologies too. */
export function AdminNav({ current }: { current: AdminSection['name'] }) {
  return (
    <nav aria-label="Rubriques de l’administration" className="admin-nav">
      <ul>
        {ADMIN_NAVIGATION.map((entry) => {
          const here = (entry.sections as readonly string[]).includes(current);
          return (
            <li key={entry.hash}>
              <a href={entry.hash} aria-current={here ? 'page' : undefined} className={here ? 'admin-nav-current' : ''}>
                {entry.label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
