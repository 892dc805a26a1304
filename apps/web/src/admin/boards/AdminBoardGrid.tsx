import { useCallback, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GridLayout, useContainerWidth, type Layout } from 'react-grid-layout';
import { BREAKPOINT_NAMES, type Breakpoint, type BoardWidget, type WidgetAccess } from '@pleiade/contracts';
import { deriveNarrower } from './editor-state';
import {
  GRID_COMPACTOR,
  GRID_MARGIN,
  ROW_HEIGHT,
  applyGridLayout,
  colsOf,
  gridLayoutFor,
  inReadingOrder,
  moveWidget,
  resizeWidget,
  type Direction,
} from '../../board/layout';

const ARROWS: Partial<Record<string, Direction>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

interface AdminBoardGridProps {
  widgets: readonly BoardWidget[];
  access: (widgetId: string) => WidgetAccess;
  titles: ReadonlyMap<string, string>;
  onChange: (widgets: readonly BoardWidget[]) => void;
  announce: (message: string) => void;
}

/** How wide the preview of each screen size is drawn (its columns stay those of the real grid). */
const PREVIEW_WIDTH: Record<Breakpoint, string> = { lg: '100%', md: '85%', sm: '38rem', xs: '22rem' };

/**
 * The board being prepared, as cards on the same grid as the board editor (same placement, same
 * compaction): dragged with the mouse by their handle, or moved with the arrow keys on it (Shift:
 * resize). Widgets are not live here: the administrator sees what goes where, with its lock and
 * restriction.
 */
export function AdminBoardGrid({ widgets, access, titles, onChange, announce }: AdminBoardGridProps) {
  const { t } = useTranslation('adminBoards');
  const ids = useId();
  const [breakpoint, setBreakpoint] = useState<Breakpoint>('lg');
  const { width, containerRef, mounted } = useContainerWidth({ measureBeforeMount: true });
  const layout = useMemo(() => gridLayoutFor(widgets, breakpoint), [widgets, breakpoint]);
  const ordered = useMemo(() => inReadingOrder(widgets, breakpoint), [widgets, breakpoint]);
  const gridConfig = useMemo(
    () => ({ cols: colsOf(breakpoint), rowHeight: ROW_HEIGHT, margin: GRID_MARGIN, containerPadding: [0, 0] as const }),
    [breakpoint],
  );
  const dragConfig = useMemo(() => ({ enabled: true, handle: '.admin-grid-handle' }), []);
  const resizeConfig = useMemo(() => ({ enabled: true }), []);

  const onLayoutChange = useCallback(
    (next: Layout) => {
      const changed = applyGridLayout(widgets, breakpoint, next);
      if (changed !== widgets) onChange(deriveNarrower(changed, breakpoint));
    },
    [widgets, breakpoint, onChange],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, id: string): void => {
    const direction = ARROWS[event.key];
    if (!direction || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const title = titles.get(id) ?? '';
    const result = event.shiftKey
      ? resizeWidget(widgets, id, breakpoint, direction)
      : moveWidget(widgets, id, breakpoint, direction);
    if (!result) {
      announce(t('grid.cannotGo', { title }));
      return;
    }
    onChange(deriveNarrower(result.widgets, breakpoint));
    const { x, y, w, h } = result.position;
    announce(
      event.shiftKey
        ? t('grid.resized', { title, width: t('grid.width', { count: w }), height: t('grid.height', { count: h }) })
        : t('grid.moved', { title, column: x + 1, row: y + 1 }),
    );
    // The grid re-renders the card: keep the focus on its handle.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>(`[data-admin-widget="${CSS.escape(id)}"] .admin-grid-handle`)?.focus(),
    );
  };

  return (
    <>
      <fieldset className="admin-fieldset admin-screen-sizes">
        <legend>{t('grid.layoutFor')}</legend>
        <div className="admin-screen-size-choices">
          {BREAKPOINT_NAMES.map((name) => (
            <div className="admin-choice" key={name}>
              <input
                type="radio"
                id={`${ids}-${name}`}
                name={`${ids}-screen`}
                checked={breakpoint === name}
                onChange={() => setBreakpoint(name)}
              />
              <label htmlFor={`${ids}-${name}`}>
                {t('grid.screenOption', { screen: t(`grid.screen.${name}`), count: colsOf(name) })}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <div
        ref={containerRef}
        className="board-grid admin-board-grid"
        data-breakpoint={breakpoint}
        style={{ maxWidth: PREVIEW_WIDTH[breakpoint] }}
      >
        {widgets.length === 0 && <p className="board-empty">{t('grid.empty')}</p>}
        {mounted && widgets.length > 0 && (
          <GridLayout
            width={width}
            layout={layout}
            gridConfig={gridConfig}
            dragConfig={dragConfig}
            resizeConfig={resizeConfig}
            compactor={GRID_COMPACTOR}
            onLayoutChange={onLayoutChange}
          >
            {ordered.map((widget) => {
              const title = titles.get(widget.id) ?? '';
              const { locked, audience } = access(widget.id);
              return (
                <section
                  key={widget.id}
                  className="widget admin-grid-card"
                  data-admin-widget={widget.id}
                  aria-label={title}
                >
                  <header className="widget-header">
                    <button
                      type="button"
                      className="widget-drag-handle admin-grid-handle"
                      aria-label={t('grid.move', { title })}
                      aria-describedby="admin-grid-hint"
                      onKeyDown={(event) => onKeyDown(event, widget.id)}
                    >
                      <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16">
                        <circle cx="5" cy="3" r="1.5" />
                        <circle cx="11" cy="3" r="1.5" />
                        <circle cx="5" cy="8" r="1.5" />
                        <circle cx="11" cy="8" r="1.5" />
                        <circle cx="5" cy="13" r="1.5" />
                        <circle cx="11" cy="13" r="1.5" />
                      </svg>
                    </button>
                    <h3 className="widget-title">{title}</h3>
                  </header>
                  <div className="widget-body admin-grid-badges">
                    {locked && <span className="admin-badge admin-badge-locked">{t('grid.locked')}</span>}
                    {audience.length > 0 && (
                      <span className="admin-badge admin-badge-restricted">
                        {t('grid.restricted', { groups: audience.join(', ') })}
                      </span>
                    )}
                    {'state' in widget && <span className="admin-badge admin-badge-off">{t('grid.unavailable')}</span>}
                  </div>
                </section>
              );
            })}
          </GridLayout>
        )}
      </div>
      <p id="admin-grid-hint" className="admin-hint">
        {t('grid.hint')}
      </p>
    </>
  );
}
