import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connector, ConnectorTestResult } from '@pleiade/contracts';
import { testConnectorConnection } from '../api/admin-connectors';
import { errorMessage } from '../api/errors';
import { connectorKindName } from '../i18n/kinds';
import { missingSecrets, secretLabel, settingsProblems } from './auth-requirements';
import { authModeTextsIn } from './contract-texts';

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
  const { t } = useTranslation('admin');
  if (test.state === 'idle') return null;
  if (test.state === 'running') return <p>{t('card.testRunning')}</p>;
  if (test.state === 'failed') {
    return (
      <p className="admin-test-failed">
        <span aria-hidden="true">✗ </span>
        <strong>{t('card.testImpossible')}</strong> {test.message}
      </p>
    );
  }
  const { result } = test;
  return (
    <div className={result.ok ? 'admin-test-ok' : 'admin-test-failed'}>
      <p>
        <span aria-hidden="true">{result.ok ? '✓ ' : '✗ '}</span>
        <strong>{result.ok ? t('card.testSucceeded') : t('card.testFailed')}</strong> {result.message}
      </p>
      <dl className="admin-test-details">
        <div>
          <dt>{t('card.latency')}</dt>
          <dd>{t('card.milliseconds', { value: result.latencyMs })}</dd>
        </div>
        {result.httpStatus !== undefined && (
          <div>
            <dt>{t('card.httpStatus')}</dt>
            <dd>{result.httpStatus}</dd>
          </div>
        )}
        {result.reason !== undefined && (
          <div>
            <dt>{t('card.reason')}</dt>
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
  const { t } = useTranslation('admin');
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
  const secretsText =
    connector.secretNames.length === 0 ? t('card.noSecrets') : connector.secretNames.map(labelOf).join(', ');
  const missing = missingSecrets(connector.kind, connector.authMode, connector.secretNames).map(labelOf);
  const problems = settingsProblems(connector);

  return (
    <article className="admin-card" aria-labelledby={headingId}>
      <h3 id={headingId} tabIndex={-1} className="admin-card-title">
        {connector.label}
      </h3>
      <dl className="admin-card-facts">
        <div>
          <dt>{t('card.application')}</dt>
          <dd>{connectorKindName(connector.kind)}</dd>
        </div>
        <div>
          <dt>{t('card.authMode')}</dt>
          <dd>{authModeTextsIn(connector.kind, connector.authMode).label}</dd>
        </div>
        <div>
          <dt>{t('card.address')}</dt>
          <dd className="admin-url">{connector.baseUrl}</dd>
        </div>
        <div>
          <dt>{t('card.state')}</dt>
          <dd>
            <span className={connector.enabled ? 'admin-badge admin-badge-on' : 'admin-badge admin-badge-off'}>
              {connector.enabled ? t('card.enabled') : t('card.disabled')}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('card.secrets')}</dt>
          <dd>
            {secretsText}
            {missing.length > 0 && (
              <span className="admin-missing">
                <span aria-hidden="true">⚠ </span>
                {t('card.missingSecrets', { names: missing.join(', ') })}
              </span>
            )}
          </dd>
        </div>
        {problems.length > 0 && (
          <div>
            <dt>{t('card.toReview')}</dt>
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
            <dt>{t('card.privateNetworks')}</dt>
            <dd>{connector.allowPrivateNetworks.join(', ')}</dd>
          </div>
        )}
      </dl>

      <div className="admin-card-actions">
        <button type="button" id={editButtonId} className="button button-secondary" onClick={onEdit}>
          {t('card.edit')}
          <span className="visually-hidden"> {t('named', { label: connector.label })}</span>
        </button>
        <button
          type="button"
          className="button button-secondary"
          aria-disabled={test.state === 'running' || undefined}
          onClick={() => void runTest()}
        >
          {t('card.test')}
          <span className="visually-hidden"> {t('card.testTarget', { label: connector.label })}</span>
        </button>
        {!confirming && (
          <button
            type="button"
            ref={deleteRef}
            className="button button-secondary admin-danger"
            onClick={() => setConfirming(true)}
          >
            {t('card.delete')}
            <span className="visually-hidden"> {t('named', { label: connector.label })}</span>
          </button>
        )}
      </div>

      <div role="status" aria-live="polite" className="admin-test-result">
        <TestOutcome test={test} />
      </div>

      {confirming && (
        <div className="admin-confirm" role="group" aria-labelledby={`${headingId}-confirm`}>
          <p id={`${headingId}-confirm`}>
            <strong>{t('card.confirmQuestion', { label: connector.label })}</strong> {t('card.confirmConsequences')}
          </p>
          <div className="admin-card-actions">
            <button
              type="button"
              ref={confirmRef}
              className="button button-primary admin-danger-strong"
              aria-disabled={deleting || undefined}
              onClick={() => void confirmDelete()}
            >
              {deleting ? t('card.deleting') : t('card.confirmDelete')}
            </button>
            <button type="button" className="button button-secondary" onClick={cancelDelete}>
              {t('card.cancel')}
            </button>
          </div>
          {deleteError && (
            <p role="alert" className="admin-field-error">
              {t('card.deleteError', { message: deleteError })}
            </p>
          )}
        </div>
      )}
    </article>
  );
}
