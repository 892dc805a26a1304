import { safeHref } from '../safe-href';
import { ExternalLink } from './ExternalLink';

/** The widget's way into the application itself, under its data. */
export function AppLink({ href, label }: { href: string | undefined; label: string }) {
  if (safeHref(href) === undefined) return null;
  return (
    <p className="cw-app-link">
      <ExternalLink href={href} className="app-link">
        {label}
        <span aria-hidden="true" className="app-link-icon">
          ↗
        </span>
      </ExternalLink>
    </p>
  );
}
