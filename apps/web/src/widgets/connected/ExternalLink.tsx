import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { safeHref } from '../safe-href';

interface ExternalLinkProps {
  href: string | null | undefined;
  /** Optional only for <Trans>, which gives the link its words from the translation. */
  children?: ReactNode;
  className?: string;
}

/**
 * A link to an application, opened in a new tab that cannot reach back to Pléiade. A link that is
 * not absolute http(s) is shown as plain text: the words stay, the dangerous target goes.
 */
export function ExternalLink({ href, children, className = 'cw-link' }: ExternalLinkProps) {
  const { t } = useTranslation('widgets');
  const safe = safeHref(href);
  if (safe === undefined) return <span className={className === 'cw-link' ? undefined : className}>{children}</span>;
  return (
    <a className={className} href={safe} target="_blank" rel="noopener noreferrer">
      {children}
      <span className="visually-hidden">{` ${t('common.newTab')}`}</span>
    </a>
  );
}
