import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Whether a scrolling box hides content below what it shows (a pixel of rounding aside). */
export function hasMoreBelow(box: { scrollHeight: number; clientHeight: number; scrollTop: number }): boolean {
  return box.scrollHeight - box.clientHeight - box.scrollTop > 2;
}

/**
 * The body of every widget: it scrolls, and while content remains below, a fade and « Voir plus »
 * say so (never a clipped line with no sign). « Voir plus » scrolls by most of a screenful; the body
 * itself takes the keyboard focus when it scrolls, so arrows and Page Down work too.
 */
export function ScrollFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation('look');
  const body = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState(false);
  const [scrollable, setScrollable] = useState(false);

  const measure = useCallback(() => {
    const element = body.current;
    if (!element) return;
    setMore(hasMoreBelow(element));
    setScrollable(element.scrollHeight - element.clientHeight > 2);
  }, []);

  useEffect(() => {
    const element = body.current;
    if (!element) return;
    measure();
    const resize = new ResizeObserver(measure);
    resize.observe(element);
    // Content arriving later (data loaded, a list growing) changes the height too.
    const mutations = new MutationObserver(measure);
    mutations.observe(element, { childList: true, subtree: true, characterData: true });
    for (const child of Array.from(element.children)) resize.observe(child);
    return () => {
      resize.disconnect();
      mutations.disconnect();
    };
  }, [measure]);

  return (
    <div className="widget-body-frame">
      <div
        ref={body}
        className="widget-body"
        onScroll={measure}
        // A scrolling region must be reachable by keyboard (axe: scrollable-region-focusable); its name
        // differs from the widget's own landmark (axe: landmark-unique).
        {...(scrollable ? { tabIndex: 0, role: 'region', 'aria-label': t('scroll.region', { title }) } : {})}
      >
        {children}
      </div>
      {more && (
        <MoreButton
          title={title}
          onMore={() => {
            const element = body.current;
            if (!element) return;
            element.scrollBy({ top: Math.max(element.clientHeight * 0.8, 40), behavior: 'smooth' });
          }}
        />
      )}
    </div>
  );
}

/** « Voir plus », named after the widget it scrolls (several can be on the page). */
export function MoreButton({ title, onMore }: { title: string; onMore: () => void }) {
  const { t } = useTranslation('look');
  return (
    <div className="widget-more">
      <button
        type="button"
        className="button button-secondary widget-more-button"
        aria-label={t('scroll.moreLabel', { title })}
        onClick={onMore}
      >
        {t('scroll.more')}
      </button>
    </div>
  );
}
