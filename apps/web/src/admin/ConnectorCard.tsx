import { useEffect, useRef, useState } from 'react';
import { authModeTexts, connectorKindLabel, type Connector, type ConnectorTestResult } from '@pleiade/contracts';
import { testConnectorConnection } from '../api/admin-connectors';
import { errorMessage } from '../api/errors';
import { missingSecrets, secretLabel, settingsProblems } from './auth-requirements';

type TestState =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; result: ConnectorTestResult }
  | { state: 'failed'; message: string };

interface ConnectorCardProps {
  connector: Connector;
  headingId: string;
  editButtonId: string;
  onEdit: () => void;
  onDelete: () => Promise<{ ok: true } | { ok: false; message: string }>;
}

function TestOutcome({ test }: { test: TestState }) {
  if (test.state === 'idle') return null;
  if (test.state === 'running') return <p>Test de la connexion en cours…</p>;
  if (test.state === 'failed') {
    return (
      <p className="admin-test-failed">
        <span aria-hidden="true">✗ </span>
        <strong>Test impossible :</strong> {test.message}
      </p>
    );
  }
  const { result } = test;
  return (
    <div className={result.ok ? 'admin-test-ok' : 'admin-test-failed'}>
      <p>
        <span aria-hidden="true">{result.ok ? '✓ ' : '✗ '}</span>
        <strong>{result.ok ? 'Connexion réussie :' : 'Échec de la connexion :'}</strong> {result.message}
      </p>
      <dl className="admin-test-details">
        <div>
          <dt>Temps de réponse</dt>
          <dd>{result.latencyMs} ms</dd>
        </div>
        {result.httpStatus !== undefined && (
          <div>
            <dt>Statut HTTP</dt>
            <dd>{result.httpStatus}</dd>
          </div>
        )}
        {result.reason !== undefined && (
          <div>
            <dt>Raison technique</dt>
            <dd>
              <code>{result.reason}</code>
            </dd>
          </div>
        )}
      </dl>
    </div>
  );
}

export function ConnectorCard({ connector, headingId, editButtonId, onEdit, onDelete }: ConnectorCardProps) {
  const [test, setTest] = useState<TestState>({ state: 'idle' });
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  // Opening the confirmation focuses it; closing it gives focus back to « Supprimer ».
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) deleteRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const runTest = async (): Promise<void> => {
    if (test.state === 'running') return;
    setTest({ state: 'running' });
    try {
      const result = await testConnectorConnection(connector.id);
      if (mounted.current) setTest({ state: 'done', result });
    } catch (error) {
      if (mounted.current) setTest({ state: 'failed', message: errorMessage(error) });
    }
  };

  const confirmDelete = async (): Promise<void> => {
    if (deleting) return;
    setDeleting(true);
    setDeleteError(null);
    const outcome = await onDelete();
    // On success the card goes away; the page announces it and moves focus.
    if (!mounted.current) return;
    setDeleting(false);
    if (!outcome.ok) setDeleteError(outcome.message);
  };

  const cancelDelete = (): void => {
    setConfirming(false);
    setDeleteError(null);
  };

  const labelOf = (name: string) => secretLabel(connector.kind, name);
  const secretsText = connector.secretNames.length === 0 ? 'aucun' : connector.secretNames.map(labelOf).join(', ');
  const missing = missingSecrets(connector.kind, connector.authMode, connector.secretNames).map(labelOf);
  const problems = settingsProblems(connector);

  return (
    <article className="admin-card" aria-labelledby={headingId}>
      <h3 id={headingId} tabIndex={-1} className="admin-card-title">
        {connector.label}
      </h3>
      <dl className="admin-card-facts">
        <div>
          <dt>Application</dt>
          <dd>{connectorKindLabel(connector.kind)}</dd>
        </div>
        <div>
          <dt>Mode d’authentification</dt>
          <dd>{authModeTexts(connector.kind, connector.authMode).label}</dd>
        </div>
        <div>
          <dt>Adresse</dt>
          <dd className="admin-url">{connector.baseUrl}</dd>
        </div>
        <div>
          <dt>État</dt>
          <dd>
            <span className={connector.enabled ? 'admin-badge admin-badge-on' : 'admin-badge admin-badge-off'}>
              {connector.enabled ? 'Activé' : 'Désactivé'}
            </span>
          </dd>
        </div>
        <div>
          <dt>Secrets définis</dt>
          <dd>
            {secretsText}
            {missing.length > 0 && (
              <span className="admin-missing">
                <span aria-hidden="true">⚠ </span>À définir pour ce mode : {missing.join(', ')}
              </span>
            )}
          </dd>
        </div>
        {problems.length > 0 && (
          <div>
            <dt>À revoir</dt>
            <dd>
              {problems.map((problem) => (
                <span key={problem} className="admin-missing">
                  <span aria-hidden="true">⚠ </span>
                  {problem}
                </span>
              ))}
            </dd>
          </div>
        )}
        {connector.allowPrivateNetworks.length > 0 && (
          <div>
            <dt>Réseaux privés autorisés</dt>
            <dd>{connector.allowPrivateNetworks.join(', ')}</dd>
          </div>
        )}
      </dl>

      <div className="admin-card-actions">
        <button type="button" id={editButtonId} className="button button-secondary" onClick={onEdit}>
          Modifier<span className="visually-hidden"> « {connector.label} »</span>
        </button>
        <button
          type="button"
          className="button button-secondary"
          aria-disabled={test.state === 'running' || undefined}
          onClick={() => void runTest()}
        >
          Tester la connexion<span className="visually-hidden"> de « {connector.label} »</span>
        </button>
        {!confirming && (
          <button
            type="button"
            ref={deleteRef}
            className="button button-secondary admin-danger"
            onClick={() => setConfirming(true)}
          >
            Supprimer<span className="visually-hidden"> « {connector.label} »</span>
          </button>
        )}
      </div>

      <div role="status" aria-live="polite" className="admin-test-result">
        <TestOutcome test={test} />
      </div>

      {confirming && (
        <div className="admin-confirm" role="group" aria-labelledby={`${headingId}-confirm`}>
          <p id={`${headingId}-confirm`}>
            <strong>Supprimer définitivement « {connector.label} » ?</strong> Ses secrets seront effacés et les widgets
            qui utilisent cette application n’afficheront plus de données.
          </p>
          <div className="admin-card-actions">
            <button
              type="button"
              ref={confirmRef}
              className="button button-primary admin-danger-strong"
              aria-disabled={deleting || undefined}
              onClick={() => void confirmDelete()}
            >
              {deleting ? 'Suppression…' : 'Confirmer la suppression'}
            </button>
            <button type="button" className="button button-secondary" onClick={cancelDelete}>
              Annuler
            </button>
          </div>
          {deleteError && (
            <p role="alert" className="admin-field-error">
              Erreur : {deleteError}
            </p>
          )}
        </div>
      )}
    </article>
  );
}
