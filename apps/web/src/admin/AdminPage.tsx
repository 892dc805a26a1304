import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Connector, Me } from '@pleiade/contracts';
import { createConnector, deleteConnector, fetchConnectors, updateConnector } from '../api/admin-connectors';
import { errorMessage, isApiError } from '../api/errors';
import { ErrorPanel } from '../app/ErrorPanel';
import { canAdminister, canAllowPrivateNetworks } from '../app/permissions';
import { toCreateRequest, toUpdateRequest, type ConnectorFormState, type FormPermissions } from './connector-form';
import { ConnectorCard } from './ConnectorCard';
import { ConnectorForm, type SaveOutcome } from './ConnectorForm';
import { AdminNav } from './boards/AdminNav';
import './admin.css';

const connectorsQueryKey = ['admin', 'connectors'] as const;

type Editing = { mode: 'create' } | { mode: 'edit'; connector: Connector } | null;

const cardHeadingId = (id: string): string => `connector-card-${id}`;
const editButtonId = (id: string): string => `connector-edit-${id}`;
const ADD_BUTTON_ID = 'connector-add';
const FORM_HEADING_ID = 'connector-form-title';
const LIST_HEADING_ID = 'connector-list-title';

function Forbidden() {
  const { t } = useTranslation('admin');
  return (
    <div className="notice" role="alert">
      <p className="notice-title">{t('forbiddenTitle')}</p>
      <p>{t('page.forbidden')}</p>
    </div>
  );
}

export function AdminPage({ me }: { me: Me }) {
  const { t } = useTranslation('admin');
  const allowed = canAdminister(me);
  return (
    <>
      <h1>{t('page.title')}</h1>
      {allowed && <AdminNav current="connectors" />}
      {allowed ? <ConnectorsAdmin permissions={{ privateNetworks: canAllowPrivateNetworks(me) }} /> : <Forbidden />}
    </>
  );
}

function ConnectorsAdmin({ permissions }: { permissions: FormPermissions }) {
  const { t } = useTranslation('admin');
  const queryClient = useQueryClient();
  const connectors = useQuery({
    queryKey: connectorsQueryKey,
    queryFn: ({ signal }) => fetchConnectors(signal),
  });
  const [editing, setEditing] = useState<Editing>(null);
  const [announcement, setAnnouncement] = useState('');
  const [focusId, setFocusId] = useState<{ id: string } | null>(null);

  useEffect(() => {
    if (focusId) document.getElementById(focusId.id)?.focus();
  }, [focusId]);

  const refresh = (): void => void queryClient.invalidateQueries({ queryKey: connectorsQueryKey });

  const open = (next: Exclude<Editing, null>): void => {
    setEditing(next);
    setAnnouncement('');
    setFocusId({ id: FORM_HEADING_ID });
  };

  const close = (): void => {
    const from = editing;
    setEditing(null);
    setFocusId({ id: from?.mode === 'edit' ? editButtonId(from.connector.id) : ADD_BUTTON_ID });
  };

  const save = async (state: ConnectorFormState): Promise<SaveOutcome> => {
    const target = editing;
    try {
      const saved =
        target?.mode === 'edit'
          ? await updateConnector(target.connector.id, toUpdateRequest(state, permissions))
          : await createConnector(toCreateRequest(state, permissions));
      queryClient.setQueryData<Connector[]>(connectorsQueryKey, (list = []) =>
        [...list.filter((connector) => connector.id !== saved.id), saved].sort((a, b) =>
          a.label.localeCompare(b.label, 'fr'),
        ),
      );
      refresh();
      setEditing(null);
      setAnnouncement(t(target?.mode === 'edit' ? 'page.saved' : 'page.added', { label: saved.label }));
      setFocusId({ id: cardHeadingId(saved.id) });
      return { ok: true };
    } catch (error) {
      if (isApiError(error) && error.status === 403) refresh();
      return { ok: false, error };
    }
  };

  const remove = async (connector: Connector): Promise<{ ok: true } | { ok: false; message: string }> => {
    try {
      await deleteConnector(connector.id);
    } catch (error) {
      // Already gone (another administrator): the outcome the person asked for.
      if (!(isApiError(error) && error.status === 404)) return { ok: false, message: errorMessage(error) };
    }
    queryClient.setQueryData<Connector[]>(connectorsQueryKey, (list = []) =>
      list.filter((candidate) => candidate.id !== connector.id),
    );
    refresh();
    if (editing?.mode === 'edit' && editing.connector.id === connector.id) setEditing(null);
    setAnnouncement(t('page.deleted', { label: connector.label }));
    setFocusId({ id: LIST_HEADING_ID });
    return { ok: true };
  };

  if (isApiError(connectors.error) && connectors.error.status === 403) return <Forbidden />;

  const list = connectors.data;
  return (
    <div className="admin-page">
      <p className="admin-intro">{t('page.intro')}</p>
      <p role="status" className="admin-announcement">
        {announcement}
      </p>

      {editing ? (
        <section className="admin-panel">
          <h2 id={FORM_HEADING_ID} tabIndex={-1}>
            {editing.mode === 'edit' ? t('page.editTitle', { label: editing.connector.label }) : t('page.add')}
          </h2>
          <ConnectorForm
            key={editing.mode === 'edit' ? editing.connector.id : 'new'}
            headingId={FORM_HEADING_ID}
            {...(editing.mode === 'edit' ? { connector: editing.connector } : {})}
            onSave={save}
            onCancel={close}
            privateNetworksEditable={permissions.privateNetworks}
          />
        </section>
      ) : (
        <p>
          <button
            type="button"
            id={ADD_BUTTON_ID}
            className="button button-primary"
            onClick={() => open({ mode: 'create' })}
          >
            {t('page.add')}
          </button>
        </p>
      )}

      <section aria-labelledby={LIST_HEADING_ID} className="admin-list-section">
        <h2 id={LIST_HEADING_ID} tabIndex={-1}>
          {list ? t('page.listTitleWithNumber', { number: list.length }) : t('page.listTitle')}
        </h2>
        {list === undefined && connectors.isError && (
          <ErrorPanel title={t('page.loadFailed')} error={connectors.error} onRetry={() => void connectors.refetch()} />
        )}
        {list === undefined && !connectors.isError && (
          <p role="status" aria-busy="true" className="page-loading">
            {t('page.loading')}
          </p>
        )}
        {list?.length === 0 && (
          <div className="admin-empty">
            <p>{t('page.empty')}</p>
            <p>{t('page.emptyHint')}</p>
          </div>
        )}
        {list !== undefined && list.length > 0 && (
          <ul className="admin-card-list">
            {list.map((connector) => (
              <li key={connector.id}>
                <ConnectorCard
                  connector={connector}
                  headingId={cardHeadingId(connector.id)}
                  editButtonId={editButtonId(connector.id)}
                  onEdit={() => open({ mode: 'edit', connector })}
                  onDelete={() => remove(connector)}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
