import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ErrorDetail, SharedBoardKind, SharedBoardSummary } from '@pleiade/contracts';
import { createSharedBoard, exportUrl, fetchSharedBoards, importSharedBoard } from '../../api/admin-boards';
import { errorMessage, isApiError } from '../../api/errors';
import { ErrorPanel } from '../../app/ErrorPanel';
import { audienceText, formatMoment, parseGroups } from './format';
import { boardHash, historyHash } from './sections';

export const sharedBoardsQueryKey = ['admin', 'boards'] as const;

/** The two sections of the list, each with its texts (`list.templates`, `list.published`). */
const KIND_SECTIONS = [
  { kind: 'template', texts: 'templates' },
  { kind: 'published', texts: 'published' },
] as const satisfies readonly { kind: SharedBoardKind; texts: string }[];

function BoardCard({ board }: { board: SharedBoardSummary }) {
  const { t } = useTranslation('adminBoards');
  const last = board.lastRevision;
  return (
    <article className="admin-card shared-board-card" aria-labelledby={`shared-board-${board.id}`}>
      <h3 id={`shared-board-${board.id}`} className="admin-card-title">
        <a href={boardHash(board.id)}>{board.name}</a>
      </h3>
      <dl className="admin-card-facts">
        <div>
          <dt>{t('list.audience')}</dt>
          <dd>{audienceText(board.audience)}</dd>
        </div>
        {board.kind === 'template' && (
          <div>
            <dt>{t('list.priority')}</dt>
            <dd>{board.priority}</dd>
          </div>
        )}
        <div>
          <dt>{t('list.widgets')}</dt>
          <dd>
            {board.widgetCount}
            {board.lockedCount > 0 && t('list.locked', { count: board.lockedCount })}
            {board.restrictedCount > 0 && t('list.restricted', { count: board.restrictedCount })}
          </dd>
        </div>
        {board.kind === 'template' && (
          <div>
            <dt>{t('list.copies')}</dt>
            <dd>{board.copies === 0 ? t('list.noCopies') : board.copies}</dd>
          </div>
        )}
        <div>
          <dt>{t('list.lastVersion')}</dt>
          <dd>
            {last
              ? t('list.lastVersionText', {
                  number: last.number,
                  author: last.authorName,
                  moment: formatMoment(last.createdAt),
                })
              : '—'}
          </dd>
        </div>
      </dl>
      <div className="admin-card-actions">
        <a className="button button-primary" href={boardHash(board.id)}>
          {t('list.edit')}
          <span className="visually-hidden"> {t('list.editWhich', { name: board.name })}</span>
        </a>
        <a className="button button-secondary" href={historyHash(board.id)}>
          {t('list.history')}
          <span className="visually-hidden"> {t('list.historyOf', { name: board.name })}</span>
        </a>
        <a className="button button-secondary" href={exportUrl(board.id)} download>
          {t('list.export')}
          <span className="visually-hidden"> {t('list.exportWhich', { name: board.name })}</span>{' '}
          {t('list.exportFormat')}
        </a>
      </div>
    </article>
  );
}

function CreateForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation('adminBoards');
  const ids = useId();
  const [kind, setKind] = useState<SharedBoardKind>('template');
  const [name, setName] = useState('');
  const [audience, setAudience] = useState('');
  const [error, setError] = useState<{ message: string; details: ErrorDetail[] } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    if (name.trim() === '') {
      setError({ message: t('create.nameRequired'), details: [] });
      document.getElementById(`${ids}-name`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const created = await createSharedBoard({
        kind,
        name: name.trim(),
        audience: parseGroups(audience),
        priority: 1,
      });
      onCreated(created.id);
    } catch (caught) {
      setError({ message: errorMessage(caught), details: isApiError(caught) ? caught.details : [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="admin-form" noValidate aria-labelledby={`${ids}-title`} onSubmit={(event) => void submit(event)}>
      <h2 id={`${ids}-title`}>{t('create.title')}</h2>
      {error && (
        <div role="alert" className="admin-form-alert">
          <p className="admin-form-alert-title">{error.message}</p>
          {error.details.length > 0 && (
            <ul>
              {error.details.map((detail) => (
                <li key={detail.path}>{detail.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <fieldset className="admin-fieldset">
        <legend>{t('create.type')}</legend>
        {(['template', 'published'] as const).map((value) => (
          <div className="admin-choice" key={value}>
            <input
              type="radio"
              id={`${ids}-${value}`}
              name={`${ids}-kind`}
              checked={kind === value}
              onChange={() => setKind(value)}
            />
            <label htmlFor={`${ids}-${value}`}>{t(`create.${value}`)}</label>
          </div>
        ))}
      </fieldset>
      <div className="admin-field">
        <label htmlFor={`${ids}-name`}>{t('create.name')}</label>
        <input
          type="text"
          id={`${ids}-name`}
          value={name}
          maxLength={60}
          aria-invalid={error !== null && name.trim() === '' ? true : undefined}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="admin-field">
        <label htmlFor={`${ids}-audience`}>{t('create.audience')}</label>
        <input
          type="text"
          id={`${ids}-audience`}
          value={audience}
          aria-describedby={`${ids}-audience-hint`}
          onChange={(event) => setAudience(event.target.value)}
        />
        <p id={`${ids}-audience-hint`} className="admin-hint">
          {t('create.audienceHint')}
        </p>
      </div>
      <div className="admin-form-actions">
        <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
          {t('create.submit')}
        </button>
      </div>
    </form>
  );
}

function ImportForm({ onImported }: { onImported: (id: string) => void }) {
  const { t } = useTranslation('adminBoards');
  const ids = useId();
  const [problems, setProblems] = useState<{ message: string; details: ErrorDetail[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problems) alertRef.current?.focus();
  }, [problems]);

  const importFile = async (file: File | undefined): Promise<void> => {
    if (!file || busy) return;
    setBusy(true);
    setProblems(null);
    try {
      let document: unknown;
      try {
        document = JSON.parse(await file.text()) as unknown;
      } catch {
        setProblems({ message: t('import.unreadable', { file: file.name }), details: [] });
        return;
      }
      const imported = await importSharedBoard(document);
      onImported(imported.id);
    } catch (caught) {
      setProblems({ message: errorMessage(caught), details: isApiError(caught) ? caught.details : [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="admin-panel" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('import.title')}</h2>
      <p className="admin-hint">{t('import.hint')}</p>
      {problems && (
        <div role="alert" className="admin-form-alert" tabIndex={-1} ref={alertRef}>
          <p className="admin-form-alert-title">{problems.message}</p>
          {problems.details.length > 0 && (
            <ul className="import-problems">
              {problems.details.map((detail) => (
                <li key={`${detail.path}-${detail.message}`}>{detail.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="admin-field">
        <label htmlFor={`${ids}-file`}>{t('import.file')}</label>
        <input
          type="file"
          id={`${ids}-file`}
          accept="application/json,.json"
          onChange={(event) => {
            void importFile(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
      </div>
      {busy && <p role="status">{t('import.busy')}</p>}
    </section>
  );
}

/** The templates and published boards of the collectivité, and where to create or import one. */
export function SharedBoardList({ nav }: { nav: ReactNode }) {
  const { t } = useTranslation('adminBoards');
  const queryClient = useQueryClient();
  const boards = useQuery({ queryKey: sharedBoardsQueryKey, queryFn: ({ signal }) => fetchSharedBoards(signal) });
  const open = (id: string): void => {
    void queryClient.invalidateQueries({ queryKey: sharedBoardsQueryKey });
    window.location.hash = boardHash(id);
  };

  return (
    <>
      <h1>{t('list.title')}</h1>
      {nav}
      <div className="admin-page">
        <p className="admin-intro">{t('list.intro')}</p>
        {boards.data === undefined && boards.isError && (
          <ErrorPanel title={t('list.loadFailed')} error={boards.error} onRetry={() => void boards.refetch()} />
        )}
        {boards.data === undefined && !boards.isError && (
          <p role="status" aria-busy="true" className="page-loading">
            {t('list.loading')}
          </p>
        )}
        {boards.data &&
          KIND_SECTIONS.map((section) => {
            const list = boards.data.filter((board) => board.kind === section.kind);
            return (
              <section key={section.kind} aria-labelledby={`shared-boards-${section.kind}`}>
                <h2 id={`shared-boards-${section.kind}`}>
                  {t('list.sectionTitle', { title: t(`list.${section.texts}.title`), number: list.length })}
                </h2>
                <p className="admin-hint">{t(`list.${section.texts}.intro`)}</p>
                {list.length === 0 ? (
                  <p className="admin-empty">{t(`list.${section.texts}.empty`)}</p>
                ) : (
                  <ul className="admin-card-list">
                    {list.map((board) => (
                      <li key={board.id}>
                        <BoardCard board={board} />
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        <section className="admin-panel">
          <CreateForm onCreated={open} />
        </section>
        <ImportForm onImported={open} />
      </div>
    </>
  );
}
