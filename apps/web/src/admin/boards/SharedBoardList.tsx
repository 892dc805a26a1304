import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ErrorDetail, SharedBoardKind, SharedBoardSummary } from '@pleiade/contracts';
import { createSharedBoard, exportUrl, fetchSharedBoards, importSharedBoard } from '../../api/admin-boards';
import { errorMessage, isApiError } from '../../api/errors';
import { ErrorPanel } from '../../app/ErrorPanel';
import { audienceText, formatMoment, parseGroups } from './format';
import { boardHash, historyHash } from './sections';

export const sharedBoardsQueryKey = ['admin', 'boards'] as const;

const KIND_SECTIONS: { kind: SharedBoardKind; title: string; intro: string; empty: string }[] = [
  {
    kind: 'template',
    title: 'Modèles',
    intro:
      'Un modèle est le tableau de départ d’un groupe d’agents : chacun en reçoit une copie qu’il arrange à son goût, et peut intégrer les nouvelles versions que vous publiez. Les widgets verrouillés restent en place sur toutes les copies.',
    empty: 'Aucun modèle pour l’instant.',
  },
  {
    kind: 'published',
    title: 'Tableaux publiés',
    intro:
      'Un tableau publié est préparé pour un public (les élus, une commission) qui le consulte sans pouvoir le modifier, y compris en mode kiosque sur l’écran de la salle du conseil.',
    empty: 'Aucun tableau publié pour l’instant.',
  },
];

function BoardCard({ board }: { board: SharedBoardSummary }) {
  const last = board.lastRevision;
  return (
    <article className="admin-card shared-board-card" aria-labelledby={`shared-board-${board.id}`}>
      <h3 id={`shared-board-${board.id}`} className="admin-card-title">
        <a href={boardHash(board.id)}>{board.name}</a>
      </h3>
      <dl className="admin-card-facts">
        <div>
          <dt>Public</dt>
          <dd>{audienceText(board.audience)}</dd>
        </div>
        {board.kind === 'template' && (
          <div>
            <dt>Priorité</dt>
            <dd>{board.priority}</dd>
          </div>
        )}
        <div>
          <dt>Widgets</dt>
          <dd>
            {board.widgetCount}
            {board.lockedCount > 0 && `, dont ${board.lockedCount} verrouillé${board.lockedCount > 1 ? 's' : ''}`}
            {board.restrictedCount > 0 &&
              `, ${board.restrictedCount} réservé${board.restrictedCount > 1 ? 's' : ''} à des groupes`}
          </dd>
        </div>
        {board.kind === 'template' && (
          <div>
            <dt>Copies</dt>
            <dd>{board.copies === 0 ? 'aucune' : board.copies}</dd>
          </div>
        )}
        <div>
          <dt>Dernière version</dt>
          <dd>{last ? `n° ${last.number}, par ${last.authorName} le ${formatMoment(last.createdAt)}` : '—'}</dd>
        </div>
      </dl>
      <div className="admin-card-actions">
        <a className="button button-primary" href={boardHash(board.id)}>
          Modifier<span className="visually-hidden"> « {board.name} »</span>
        </a>
        <a className="button button-secondary" href={historyHash(board.id)}>
          Historique<span className="visually-hidden"> de « {board.name} »</span>
        </a>
        <a className="button button-secondary" href={exportUrl(board.id)} download>
          Exporter<span className="visually-hidden"> « {board.name} »</span> (JSON)
        </a>
      </div>
    </article>
  );
}

function CreateForm({ onCreated }: { onCreated: (id: string) => void }) {
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
      setError({ message: 'Donnez un nom au tableau.', details: [] });
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
      <h2 id={`${ids}-title`}>Créer un tableau</h2>
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
        <legend>Type</legend>
        {(['template', 'published'] as const).map((value) => (
          <div className="admin-choice" key={value}>
            <input
              type="radio"
              id={`${ids}-${value}`}
              name={`${ids}-kind`}
              checked={kind === value}
              onChange={() => setKind(value)}
            />
            <label htmlFor={`${ids}-${value}`}>
              {value === 'template' ? 'Modèle pour un groupe d’agents' : 'Tableau publié (élus, commission…)'}
            </label>
          </div>
        ))}
      </fieldset>
      <div className="admin-field">
        <label htmlFor={`${ids}-name`}>Nom</label>
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
        <label htmlFor={`${ids}-audience`}>Public</label>
        <input
          type="text"
          id={`${ids}-audience`}
          value={audience}
          aria-describedby={`${ids}-audience-hint`}
          onChange={(event) => setAudience(event.target.value)}
        />
        <p id={`${ids}-audience-hint`} className="admin-hint">
          Groupes de l’annuaire, séparés par des virgules (par exemple : elus, commission-finances). Laissé vide, le
          tableau reste un brouillon que seuls les administrateurs voient.
        </p>
      </div>
      <div className="admin-form-actions">
        <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
          Créer le tableau
        </button>
      </div>
    </form>
  );
}

function ImportForm({ onImported }: { onImported: (id: string) => void }) {
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
        setProblems({ message: `« ${file.name} » n’est pas un fichier JSON lisible.`, details: [] });
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
      <h2 id={`${ids}-title`}>Importer un tableau</h2>
      <p className="admin-hint">
        Un fichier exporté depuis Pléiade (« Exporter (JSON) »), éventuellement modifié, devient un nouveau tableau.
        Chaque widget et chaque position sont vérifiés ; rien n’est importé s’il reste un problème.
      </p>
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
        <label htmlFor={`${ids}-file`}>Fichier JSON du tableau</label>
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
      {busy && <p role="status">Import en cours…</p>}
    </section>
  );
}

/** The templates and published boards of the collectivité, and where to create or import one. */
export function SharedBoardList({ nav }: { nav: ReactNode }) {
  const queryClient = useQueryClient();
  const boards = useQuery({ queryKey: sharedBoardsQueryKey, queryFn: ({ signal }) => fetchSharedBoards(signal) });
  const open = (id: string): void => {
    void queryClient.invalidateQueries({ queryKey: sharedBoardsQueryKey });
    window.location.hash = boardHash(id);
  };

  return (
    <>
      <h1>Administration — Tableaux partagés</h1>
      {nav}
      <div className="admin-page">
        <p className="admin-intro">
          Les tableaux que la collectivité prépare pour ses agents et ses élus. Chaque publication est une version, avec
          son auteur et sa date : l’historique garde les 20 dernières et permet d’en restaurer une.
        </p>
        {boards.data === undefined && boards.isError && (
          <ErrorPanel
            title="La liste des tableaux n’a pas pu être chargée."
            error={boards.error}
            onRetry={() => void boards.refetch()}
          />
        )}
        {boards.data === undefined && !boards.isError && (
          <p role="status" aria-busy="true" className="page-loading">
            Chargement des tableaux…
          </p>
        )}
        {boards.data &&
          KIND_SECTIONS.map((section) => {
            const list = boards.data.filter((board) => board.kind === section.kind);
            return (
              <section key={section.kind} aria-labelledby={`shared-boards-${section.kind}`}>
                <h2 id={`shared-boards-${section.kind}`}>
                  {section.title} ({list.length})
                </h2>
                <p className="admin-hint">{section.intro}</p>
                {list.length === 0 ? (
                  <p className="admin-empty">{section.empty}</p>
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
