import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  MAX_PRIORITY,
  MIN_PRIORITY,
  WIDGET_KINDS,
  isUnavailable,
  type BoardWidget,
  type ErrorDetail,
  type SharedBoard,
  type WidgetKind,
} from '@pleiade/contracts';
import { deleteSharedBoard, exportUrl, fetchSharedBoard, publishSharedBoard } from '../../api/admin-boards';
import { errorMessage, isApiError } from '../../api/errors';
import { ErrorPanel } from '../../app/ErrorPanel';
import { addBlocker } from '../../board/layout';
import { widgetTitles } from '../../board/titles';
import { useContentNames } from '../../board/content-names';
import { widgetKindTitle } from '../../i18n/kinds';
import { kioskHash } from '../admin-route';
import { i18n } from '../../i18n';
import { AdminBoardGrid } from './AdminBoardGrid';
import {
  accessOf,
  addWidget,
  draftOf,
  pendingChanges,
  publishRequestOf,
  withAccess,
  withNoteText,
  withWidgets,
  withoutWidget,
  type Draft,
} from './editor-state';
import { changeText, changedWidgetTitle } from '../../shared-boards/change-text';
import { formatMoment, groupsText, kindAndName, parseGroups } from './format';
import { BOARDS_HASH, historyHash } from './sections';
import { sharedBoardsQueryKey } from './SharedBoardList';

export const sharedBoardQueryKey = (boardId: string) => ['admin', 'boards', boardId] as const;

type Failure = { kind: 'conflict' } | { kind: 'error'; message: string; details: ErrorDetail[] };

/** One widget's lock, restriction, note text and removal. */
function WidgetSettings({
  widget,
  title,
  draft,
  template,
  onChange,
  onRemove,
}: {
  widget: BoardWidget;
  title: string;
  draft: Draft;
  template: boolean;
  onChange: (draft: Draft) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation('adminBoards');
  const ids = useId();
  const access = accessOf(draft, widget.id);
  const [groups, setGroups] = useState(groupsText(access.audience));
  return (
    <fieldset className="admin-fieldset widget-settings" data-widget-settings={widget.id}>
      <legend>{title}</legend>
      {isUnavailable(widget) && <p className="admin-hint">{t('widgetSettings.unavailable')}</p>}
      {template && (
        <div className="admin-choice">
          <input
            type="checkbox"
            id={`${ids}-locked`}
            checked={access.locked}
            aria-describedby={`${ids}-locked-hint`}
            onChange={(event) => onChange(withAccess(draft, widget.id, { locked: event.target.checked }))}
          />
          <label htmlFor={`${ids}-locked`}>{t('widgetSettings.locked')}</label>
          <p id={`${ids}-locked-hint`} className="admin-hint">
            {t('widgetSettings.lockedHint')}
          </p>
        </div>
      )}
      <div className="admin-field">
        <label htmlFor={`${ids}-audience`}>{t('widgetSettings.audience')}</label>
        <input
          type="text"
          id={`${ids}-audience`}
          value={groups}
          aria-describedby={`${ids}-audience-hint`}
          onChange={(event) => {
            setGroups(event.target.value);
            onChange(withAccess(draft, widget.id, { audience: parseGroups(event.target.value) }));
          }}
        />
        <p id={`${ids}-audience-hint`} className="admin-hint">
          {t('widgetSettings.audienceHint')}
        </p>
      </div>
      {!isUnavailable(widget) && widget.kind === 'notes' && (
        <div className="admin-field">
          <label htmlFor={`${ids}-text`}>{t('widgetSettings.noteText')}</label>
          <textarea
            id={`${ids}-text`}
            rows={5}
            value={widget.options.text}
            onChange={(event) => onChange(withNoteText(draft, widget.id, event.target.value))}
          />
        </div>
      )}
      <div className="admin-form-actions">
        <button type="button" className="button button-secondary admin-danger" onClick={onRemove}>
          {t('widgetSettings.remove', { title })}
        </button>
      </div>
    </fieldset>
  );
}

/** Unpublished changes survive leaving the page (another section, a reload) in this tab. */
const draftKey = (board: SharedBoard) => `pleiade.draft.${board.id}`;

function keptDraft(board: SharedBoard): Draft | null {
  try {
    const kept = JSON.parse(sessionStorage.getItem(draftKey(board)) ?? 'null') as {
      version?: number;
      draft?: Draft;
    } | null;
    return kept?.version === board.version && kept.draft ? kept.draft : null;
  } catch {
    return null;
  }
}

function Editor({ board, nav }: { board: SharedBoard; nav: ReactNode }) {
  const { t } = useTranslation('adminBoards');
  const ids = useId();
  const queryClient = useQueryClient();
  const [restored] = useState(() => keptDraft(board));
  const [draft, setDraft] = useState<Draft>(() => restored ?? draftOf(board));
  const [base, setBase] = useState(board);
  const [kindToAdd, setKindToAdd] = useState<WidgetKind>('notes');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [announcement, setAnnouncement] = useState(() => (restored ? t('editor.draftRestored') : ''));
  const [settingsKey, setSettingsKey] = useState(0);
  const alertRef = useRef<HTMLDivElement>(null);
  const template = base.kind === 'template';

  const announce = useCallback((message: string) => {
    setAnnouncement((previous) => (previous === message ? `${message}\u00a0` : message));
  }, []);

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);

  const contentName = useContentNames(draft.widgets);
  const titles = useMemo(() => widgetTitles(draft.widgets, undefined, contentName), [draft.widgets, contentName]);
  const changes = useMemo(() => pendingChanges(base, draft), [base, draft]);

  useEffect(() => {
    if (changes.length === 0) sessionStorage.removeItem(draftKey(base));
    else sessionStorage.setItem(draftKey(base), JSON.stringify({ version: base.version, draft }));
  }, [base, draft, changes.length]);

  useEffect(() => {
    if (changes.length === 0) return;
    // Closing the tab or reloading with unpublished changes asks first.
    const onBeforeUnload = (event: BeforeUnloadEvent): void => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [changes.length]);
  const blocker = addBlocker(draft.widgets, kindToAdd);

  const adopt = (next: SharedBoard): void => {
    queryClient.setQueryData(sharedBoardQueryKey(next.id), next);
    void queryClient.invalidateQueries({ queryKey: sharedBoardsQueryKey, exact: true });
    setBase(next);
    setDraft(draftOf(next));
    setSettingsKey((key) => key + 1);
  };

  const publish = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const published = await publishSharedBoard(base.id, publishRequestOf(draft, base.version));
      adopt(published);
      announce(t('editor.published', { revision: published.revision }));
    } catch (caught) {
      if (isApiError(caught) && caught.status === 409) setFailure({ kind: 'conflict' });
      else
        setFailure({ kind: 'error', message: errorMessage(caught), details: isApiError(caught) ? caught.details : [] });
    } finally {
      setBusy(false);
    }
  };

  const reload = async (): Promise<void> => {
    setFailure(null);
    try {
      adopt(await fetchSharedBoard(base.id));
      announce(t('editor.reloaded'));
    } catch (caught) {
      setFailure({ kind: 'error', message: errorMessage(caught), details: [] });
    }
  };

  const remove = async (): Promise<void> => {
    setBusy(true);
    try {
      await deleteSharedBoard(base.id);
      void queryClient.invalidateQueries({ queryKey: sharedBoardsQueryKey });
      window.location.hash = BOARDS_HASH;
    } catch (caught) {
      setFailure({ kind: 'error', message: errorMessage(caught), details: [] });
      setBusy(false);
    }
  };

  const last = t('editor.lastVersion', { revision: base.revision, moment: formatMoment(base.updatedAt) });
  return (
    <>
      <h1>{kindAndName(base.kind, base.name)}</h1>
      {nav}
      <div className="admin-page shared-board-editor">
        <p className="admin-intro">
          {last}
          {template && ` · ${base.copies === 0 ? t('editor.noCopies') : t('editor.copies', { count: base.copies })}`}
          {' · '}
          <a href={historyHash(base.id)}>{t('editor.historyLink')}</a>
          {' · '}
          <a href={exportUrl(base.id)} download>
            {t('editor.export')}
          </a>
          {base.kind === 'published' && (
            <>
              {' · '}
              <a href={kioskHash(base.id)}>{t('editor.kiosk')}</a>
            </>
          )}
        </p>
        <p role="status" className="admin-announcement">
          {announcement}
        </p>
        {failure?.kind === 'conflict' && (
          <div role="alert" className="alert alert-warning" tabIndex={-1} ref={alertRef}>
            <p>{t('editor.conflict')}</p>
            <button type="button" className="button button-secondary" onClick={() => void reload()}>
              {t('editor.reload')}
            </button>
          </div>
        )}
        {failure?.kind === 'error' && (
          <div role="alert" className="admin-form-alert" tabIndex={-1} ref={alertRef}>
            <p className="admin-form-alert-title">{failure.message}</p>
            {failure.details.length > 0 && (
              <ul>
                {failure.details.map((detail) => (
                  <li key={`${detail.path}-${detail.message}`}>{detail.message}</li>
                ))}
              </ul>
            )}
          </div>
        )}

        <form
          className="admin-form"
          noValidate
          aria-labelledby={`${ids}-publish`}
          onSubmit={(event) => void publish(event)}
        >
          <section className="admin-panel" aria-labelledby={`${ids}-settings`}>
            <h2 id={`${ids}-settings`}>{t('editor.settings')}</h2>
            <div className="admin-field">
              <label htmlFor={`${ids}-name`}>{t('editor.name')}</label>
              <input
                type="text"
                id={`${ids}-name`}
                value={draft.name}
                maxLength={60}
                onChange={(event) => setDraft({ ...draft, name: event.target.value })}
              />
            </div>
            <div className="admin-field">
              <label htmlFor={`${ids}-audience`}>{t('editor.audience')}</label>
              <input
                type="text"
                id={`${ids}-audience`}
                value={draft.audienceText}
                aria-describedby={`${ids}-audience-hint`}
                onChange={(event) => setDraft({ ...draft, audienceText: event.target.value })}
              />
              <p id={`${ids}-audience-hint`} className="admin-hint">
                {template ? t('editor.audienceHintTemplate') : t('editor.audienceHintPublished')}{' '}
                {t('editor.audienceHintEmpty')}
              </p>
            </div>
            {template && (
              <div className="admin-field">
                <label htmlFor={`${ids}-priority`}>{t('editor.priority')}</label>
                <input
                  type="number"
                  id={`${ids}-priority`}
                  min={MIN_PRIORITY}
                  max={MAX_PRIORITY}
                  value={draft.priority}
                  aria-describedby={`${ids}-priority-hint`}
                  onChange={(event) => setDraft({ ...draft, priority: Number(event.target.value) })}
                />
                <p id={`${ids}-priority-hint`} className="admin-hint">
                  {t('editor.priorityHint', { min: MIN_PRIORITY, max: MAX_PRIORITY })}
                </p>
              </div>
            )}
          </section>

          <section className="admin-panel" aria-labelledby={`${ids}-widgets`}>
            <h2 id={`${ids}-widgets`}>{t('editor.widgets', { number: draft.widgets.length })}</h2>
            <div className="admin-add-widget">
              <div className="admin-field">
                <label htmlFor={`${ids}-kind`}>{t('editor.kindToAdd')}</label>
                <select
                  id={`${ids}-kind`}
                  value={kindToAdd}
                  onChange={(event) => setKindToAdd(event.target.value as WidgetKind)}
                >
                  {WIDGET_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {widgetKindTitle(kind)}
                    </option>
                  ))}
                </select>
              </div>
              <button
                type="button"
                className="button button-secondary"
                aria-disabled={blocker !== null || undefined}
                aria-describedby={blocker ? `${ids}-blocker` : undefined}
                onClick={() => {
                  if (blocker) return;
                  const next = addWidget(draft, kindToAdd, crypto.randomUUID());
                  setDraft(next);
                  announce(
                    t('editor.added', { title: widgetTitles(next.widgets).get(next.widgets.at(-1)?.id ?? '') ?? '' }),
                  );
                }}
              >
                {t('editor.add')}
              </button>
              {blocker && (
                <p id={`${ids}-blocker`} className="admin-hint">
                  {blocker.reason === 'board-limit'
                    ? t('editor.boardLimit', { max: blocker.max })
                    : t('editor.kindLimit', { count: blocker.max, title: widgetKindTitle(kindToAdd) })}
                </p>
              )}
            </div>
            <AdminBoardGrid
              widgets={draft.widgets}
              access={(id) => accessOf(draft, id)}
              titles={titles}
              onChange={(widgets) => setDraft((current) => withWidgets(current, widgets))}
              announce={announce}
            />
            <h3>{t('editor.widgetSettings')}</h3>
            <div className="widget-settings-list" key={settingsKey}>
              {draft.widgets.map((widget) => (
                <WidgetSettings
                  key={widget.id}
                  widget={widget}
                  title={titles.get(widget.id) ?? ''}
                  draft={draft}
                  template={template}
                  onChange={setDraft}
                  onRemove={() => {
                    setDraft(withoutWidget(draft, widget.id));
                    announce(t('editor.removed', { title: titles.get(widget.id) ?? '' }));
                  }}
                />
              ))}
            </div>
          </section>

          <section className="admin-panel" aria-labelledby={`${ids}-publish`}>
            <h2 id={`${ids}-publish`}>{t('editor.publish')}</h2>
            {changes.length === 0 ? (
              <p>{t('editor.noChange', { revision: base.revision })}</p>
            ) : (
              <>
                <p>{t('editor.pending', { count: changes.length, revision: base.revision })}</p>
                <ul className="change-list">
                  {changes.map((change, index) => (
                    <li key={index}>{changeText(change, (id, kind) => titles.get(id) ?? describeTitle(kind))}</li>
                  ))}
                </ul>
              </>
            )}
            <p className="admin-hint">
              {template ? t('editor.publishHintTemplate') : t('editor.publishHintPublished')}
            </p>
            <div className="admin-form-actions">
              <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
                {t('editor.publishVersion', { revision: base.revision + 1 })}
              </button>
              <button
                type="button"
                className="button button-secondary"
                disabled={changes.length === 0}
                onClick={() => {
                  setDraft(draftOf(base));
                  setSettingsKey((key) => key + 1);
                  announce(t('editor.cancelled'));
                }}
              >
                {t('editor.cancel')}
              </button>
            </div>
          </section>
        </form>

        <section className="admin-panel" aria-labelledby={`${ids}-delete`}>
          <h2 id={`${ids}-delete`}>{t('editor.delete')}</h2>
          {confirmDelete ? (
            <div className="admin-confirm" role="group" aria-label={t('editor.confirmDelete')}>
              <p>
                {t('editor.deleteQuestion', { name: base.name })}{' '}
                {template ? t('editor.deleteTemplate') : t('editor.deletePublished')} {t('editor.deleteJournal')}
              </p>
              <div className="admin-form-actions">
                <button type="button" className="button admin-danger-strong" onClick={() => void remove()}>
                  {t('editor.deleteForever')}
                </button>
                <button type="button" className="button button-secondary" onClick={() => setConfirmDelete(false)}>
                  {t('editor.keep')}
                </button>
              </div>
            </div>
          ) : (
            <button
              type="button"
              className="button button-secondary admin-danger"
              onClick={() => setConfirmDelete(true)}
            >
              {t('editor.deleteWhich', { name: base.name })}
            </button>
          )}
        </section>
      </div>
    </>
  );
}

function describeTitle(kind: string | null): string {
  return kind && (WIDGET_KINDS as readonly string[]).includes(kind)
    ? changedWidgetTitle(kind)
    : i18n.t('adminBoards:editor.widget');
}

/** A template or published board being prepared: its settings, widgets, locks and restrictions. */
export function SharedBoardEditor({ boardId, nav }: { boardId: string; nav: ReactNode }) {
  const { t } = useTranslation('adminBoards');
  const board = useQuery({
    queryKey: sharedBoardQueryKey(boardId),
    queryFn: ({ signal }) => fetchSharedBoard(boardId, signal),
    // What the administrator is editing is not replaced under them by a refetch.
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });
  if (board.data) return <Editor board={board.data} nav={nav} />;
  return (
    <>
      <h1>{t('editor.sharedBoard')}</h1>
      {nav}
      {board.isError ? (
        <ErrorPanel
          title={isApiError(board.error) && board.error.status === 404 ? t('editor.notFound') : t('editor.loadFailed')}
          error={board.error}
          onRetry={() => void board.refetch()}
        />
      ) : (
        <p role="status" aria-busy="true" className="page-loading">
          {t('editor.loading')}
        </p>
      )}
    </>
  );
}
