import { Suspense, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isUnavailable, type BoardWidget, type WidgetKind } from '@pleiade/contracts';
import { AppIcon, widgetIconOf } from '../look/icons';
import { ScrollFrame } from '../look/ScrollFrame';
import { widgetDefinition } from '../widgets/registry';
import type { WidgetOf, WidgetOptionsOf } from '../widgets/types';
import type { Direction, reconfigureBlocker } from './layout';
import { moveHandleLabel, removeButtonLabel } from './messages';
import { UnavailableWidget } from './UnavailableWidget';
import { WidgetErrorBoundary } from './WidgetErrorBoundary';

export function widgetTitleId(widgetId: string): string {
  return `widget-title-${widgetId}`;
}

const ARROWS: Partial<Record<string, Direction>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};

interface WidgetBodyProps<K extends WidgetKind> {
  kind: K;
  widget: WidgetOf<K>;
  readOnly: boolean;
  onOptionsChange: (options: WidgetOptionsOf<K>) => void;
}

function WidgetBody<K extends WidgetKind>({ kind, widget, readOnly, onOptionsChange }: WidgetBodyProps<K>) {
  const Component = widgetDefinition(kind).component;
  return <Component widget={widget} readOnly={readOnly} onOptionsChange={onOptionsChange} />;
}

interface WidgetChromeProps {
  widget: BoardWidget;
  title: string;
  /** The board cannot be changed (élus): the widget offers no way to change its options. */
  readOnly: boolean;
  /** The board's edit mode: drag handle, keyboard moves and « Retirer » are there only then. */
  editing: boolean;
  /** Locked by the template the board copies: it can be neither moved nor removed (still configured). */
  locked?: boolean;
  /** For a widget to reconfigure: why it cannot be now, or null. */
  reconfigureBlocker: ReturnType<typeof reconfigureBlocker>;
  onMove: (id: string, direction: Direction) => void;
  onResize: (id: string, direction: Direction) => void;
  onRemove: (id: string) => void;
  onReconfigure: (id: string) => void;
  onOptionsChange: (id: string, options: unknown) => void;
}

/**
 * Header and body of a widget. The grid item around it is a plain <section>: the handle and the
 * remove button are the only interactive parts of the header, so nothing interactive is nested.
 * Outside the edit mode the header is its title only (calm by default); the body works as always.
 */
export function WidgetChrome({
  widget,
  title,
  readOnly,
  editing,
  locked = false,
  reconfigureBlocker,
  onMove,
  onResize,
  onRemove,
  onReconfigure,
  onOptionsChange,
}: WidgetChromeProps) {
  const { t } = useTranslation('board');
  const hintId = `widget-hint-${widget.id}`;
  const onHandleKeyDown = (event: KeyboardEvent<HTMLButtonElement>): void => {
    const direction = ARROWS[event.key];
    if (!direction || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    if (event.shiftKey) onResize(widget.id, direction);
    else onMove(widget.id, direction);
  };

  return (
    <>
      <header className="widget-header">
        {editing && locked && (
          <span className="widget-locked" title={t('widget.lockedTitle')}>
            <svg aria-hidden="true" focusable="false" width="14" height="14" viewBox="0 0 16 16">
              <path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z" fill="currentColor" />
            </svg>
            <span className="visually-hidden">{t('widget.locked')} </span>
          </span>
        )}
        {editing && !locked && (
          <div className="widget-handle-wrap">
            <button
              type="button"
              className="widget-drag-handle"
              aria-label={moveHandleLabel(title)}
              aria-describedby={hintId}
              onKeyDown={onHandleKeyDown}
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
            <span id={hintId} className="widget-hint">
              {t('widget.keyboardHint')}
            </span>
          </div>
        )}
        <AppIcon name={widgetIconOf(widget.kind)} size={18} className="widget-icon" />
        <h2 id={widgetTitleId(widget.id)} className="widget-title">
          {title}
        </h2>
        {editing && !locked && (
          <button
            type="button"
            className="widget-remove"
            aria-label={removeButtonLabel(title)}
            onClick={() => onRemove(widget.id)}
          >
            <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16">
              <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
          </button>
        )}
      </header>
      <ScrollFrame title={title}>
        {isUnavailable(widget) ? (
          <UnavailableWidget
            widget={widget}
            readOnly={readOnly}
            blocker={reconfigureBlocker}
            onReconfigure={onReconfigure}
            onRemove={onRemove}
          />
        ) : (
          <WidgetErrorBoundary title={title}>
            <Suspense fallback={<p className="widget-state">{t('widget.loading')}</p>}>
              <WidgetBody
                kind={widget.kind}
                widget={widget}
                readOnly={readOnly}
                onOptionsChange={(options) => onOptionsChange(widget.id, options)}
              />
            </Suspense>
          </WidgetErrorBoundary>
        )}
      </ScrollFrame>
    </>
  );
}
