import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useContainerWidth } from 'react-grid-layout';
import { layoutOn, type Board } from '@pleiade/contracts';
import { fetchKioskBoard } from '../api/admin-boards';
import { errorMessage, isApiError } from '../api/errors';
import { BOARD_HASH } from '../admin/admin-route';
import { breakpointForWidth, colsOf } from '../board/layout';
import { widgetTitles } from '../board/titles';
import { useContentNames } from '../board/content-names';
import { WidgetChrome, widgetTitleId } from '../board/WidgetChrome';
import { ShownBoardContext } from '../widgets/connected/saved-widget';
import { formatClock, msUntilNextMinute } from '../widgets/time';
import './kiosk.css';

/** How often the kiosk reads the board again (its widgets refresh themselves, widgets/refresh.ts). */
export const KIOSK_REFRESH_MS = 60_000;

const noop = (): void => undefined;

function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = (): void => {
      setNow(new Date());
      timer = setTimeout(tick, msUntilNextMinute(new Date()));
    };
    timer = setTimeout(tick, msUntilNextMinute(new Date()));
    return () => clearTimeout(timer);
  }, []);
  return now;
}

/** Larger type for the whole page while the kiosk is shown (a screen seen from across a room). */
function useKioskType(): void {
  useEffect(() => {
    document.documentElement.classList.add('kiosk-mode');
    return () => document.documentElement.classList.remove('kiosk-mode');
  }, []);
}

function useFullscreen(): { active: boolean; toggle: () => void; available: boolean } {
  const [active, setActive] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = (): void => setActive(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  return {
    active,
    available: document.fullscreenEnabled,
    toggle: () => {
      if (document.fullscreenElement) void document.exitFullscreen();
      else void document.documentElement.requestFullscreen().catch(() => undefined);
    },
  };
}

function KioskGrid({ board }: { board: Board }) {
  const { width, containerRef, mounted } = useContainerWidth({ measureBeforeMount: true });
  const breakpoint = breakpointForWidth(width);
  const contentName = useContentNames(board.widgets);
  const titles = useMemo(() => widgetTitles(board.widgets, undefined, contentName), [board.widgets, contentName]);
  const positions = useMemo(() => layoutOn(board.widgets, breakpoint), [board.widgets, breakpoint]);
  const byId = new Map(board.widgets.map((widget) => [widget.id, widget]));
  return (
    <div
      ref={containerRef}
      className="kiosk-grid"
      style={{ gridTemplateColumns: `repeat(${colsOf(breakpoint)}, minmax(0, 1fr))` }}
    >
      {mounted &&
        positions.map(({ id, x, y, w, h }) => {
          const widget = byId.get(id);
          if (!widget) return null;
          return (
            <section
              key={id}
              className="widget kiosk-widget"
              aria-labelledby={widgetTitleId(id)}
              data-widget-kind={widget.kind}
              style={{ gridColumn: `${x + 1} / span ${w}`, gridRow: `${y + 1} / span ${h}` }}
            >
              <WidgetChrome
                widget={widget}
                title={titles.get(id) ?? ''}
                readOnly
                editing={false}
                reconfigureBlocker={null}
                onMove={noop}
                onResize={noop}
                onRemove={noop}
                onReconfigure={noop}
                onOptionsChange={noop}
              />
            </section>
          );
        })}
    </div>
  );
}

/**
 * A published board for a council-chamber screen: full screen, no header nor editing, large type,
 * read again every minute (and each widget on its own rhythm). The BFF opens it only for a
 * signed-in member of its audience (policy board.openKiosk).
 */
export function KioskPage({ boardId }: { boardId: string | null }) {
  const { t } = useTranslation('sharedBoards');
  useKioskType();
  const now = useMinuteClock();
  const fullscreen = useFullscreen();
  const board = useQuery({
    queryKey: ['kiosk', boardId],
    queryFn: ({ signal }) => fetchKioskBoard(boardId ?? '', signal),
    enabled: boardId !== null,
    refetchInterval: KIOSK_REFRESH_MS,
    refetchIntervalInBackground: true,
  });

  const problem =
    boardId === null || (isApiError(board.error) && board.error.status === 404)
      ? t('kiosk.notFound')
      : board.isError && !board.data
        ? errorMessage(board.error)
        : null;

  return (
    <main className="kiosk" id="contenu">
      <header className="kiosk-head">
        <h1>{board.data?.name ?? t('kiosk.title')}</h1>
        <p className="kiosk-clock" aria-label={t('kiosk.clock', { time: formatClock(now) })}>
          {formatClock(now)}
        </p>
        <div className="kiosk-controls">
          {fullscreen.available && (
            <button type="button" className="button button-secondary" onClick={fullscreen.toggle}>
              {fullscreen.active ? t('kiosk.exitFullscreen') : t('kiosk.fullscreen')}
            </button>
          )}
          <a className="button button-secondary" href={BOARD_HASH}>
            {t('kiosk.leave')}
          </a>
        </div>
      </header>
      {problem && (
        <div role="alert" className="alert alert-error kiosk-problem">
          <p>{problem}</p>
        </div>
      )}
      {!problem && !board.data && (
        <p role="status" className="page-loading">
          {t('kiosk.loading')}
        </p>
      )}
      {board.data && (
        <ShownBoardContext value={board.data}>
          <KioskGrid board={board.data} />
        </ShownBoardContext>
      )}
      {board.data && board.isError && (
        <p role="status" className="kiosk-stale">
          {t('kiosk.stale', { time: formatClock(new Date(board.dataUpdatedAt)) })}
        </p>
      )}
    </main>
  );
}
