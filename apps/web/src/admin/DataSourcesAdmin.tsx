import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Trans, useTranslation } from 'react-i18next';
import {
  can,
  DECLARATIVE_PRESETS,
  declarativeDefinitionSchema,
  type DeclarativeDefinitionInput,
  type DeclarativeReadResponse,
  type Me,
} from '@pleiade/contracts';
import { fetchConnectors } from '../api/admin-connectors';
import {
  adminDataSourcesQuery,
  declarativeKeys,
  deleteDataSource,
  previewDataSource,
  readServiceWsdl,
  saveDataSource,
} from '../api/declarative';
import { errorMessage } from '../api/errors';
import { subjectOf } from '../app/permissions';
import { ErrorPanel } from '../app/ErrorPanel';
import { IndicatorData } from '../widgets/BusinessDataWidget';
import { AdminNav } from './boards/AdminNav';
import { presetTexts, shapeLabel } from './contract-texts';
import { isSoapDefinition, soapPathOf, withWsdlOperation } from './wsdl-definition';
import './admin.css';
import './boards/boards-admin.css';

/** The applications a declarative source can read: business applications and GLPI. */
const READABLE_KINDS = new Set(['business', 'glpi']);

const PROTOCOL_NAMES = { rest: 'REST (JSON)', odata: 'OData', soap: 'SOAP', glpi: 'GLPI' } as const;

function suitsConnector(definition: DeclarativeDefinitionInput, kind: string): boolean {
  return definition.request.protocol === 'glpi' ? kind === 'glpi' : kind === 'business';
}

function PreviewResult({ result }: { result: DeclarativeReadResponse }) {
  const { t } = useTranslation('admin');
  if (result.status === 'error') {
    return (
      <div className="notice" role="alert">
        <p className="notice-title">{t('dataSources.previewFailed')}</p>
        <p>{result.message}</p>
      </div>
    );
  }
  return (
    <div className="ds-preview" role="status">
      <p className="notice-title">{t('dataSources.previewTitle')}</p>
      <IndicatorData name={t('dataSources.previewName')} data={result.data} />
    </div>
  );
}

/**
 * « Lire les opérations du service (WSDL) »: the operations of the SOAP service at the definition's
 * path, from its WSDL; the one chosen goes into the definition (namespace, name, fields).
 */
function WsdlOperations({
  connectorId,
  text,
  onRewrite,
}: {
  connectorId: string;
  text: string;
  onRewrite: (text: string) => void;
}) {
  const { t } = useTranslation('admin');
  const id = useId();
  const [chosen, setChosen] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const path = soapPathOf(text);
  const read = useMutation({
    mutationFn: () => readServiceWsdl({ connectorId, path: path ?? '/' }),
    onMutate: () => {
      setChosen('');
      setDone(null);
    },
  });
  const answer = read.data;
  const choose = (name: string): void => {
    setChosen(name);
    const operation = answer?.status === 'ok' ? answer.operations.find((item) => item.name === name) : undefined;
    if (!operation || answer?.status !== 'ok') return;
    const rewritten = withWsdlOperation(text, answer.namespace, operation);
    if (rewritten === undefined) return;
    onRewrite(rewritten.text);
    const applied =
      rewritten.fields === 0
        ? t('dataSources.wsdl.appliedNoField', { operation: name })
        : t('dataSources.wsdl.applied', { operation: name, count: rewritten.fields });
    const optional =
      rewritten.optional.length > 0 ? t('dataSources.wsdl.optional', { names: rewritten.optional.join(', ') }) : '';
    setDone(optional === '' ? applied : `${applied} ${optional}`);
  };
  return (
    <div className="ds-field ds-wsdl">
      <button
        type="button"
        className="button button-secondary"
        disabled={read.isPending || path === undefined}
        onClick={() => read.mutate()}
      >
        {read.isPending ? t('dataSources.wsdl.reading') : t('dataSources.wsdl.read')}
      </button>
      <div role="alert">
        {read.isError && <p className="cw-error">{errorMessage(read.error)}</p>}
        {answer?.status === 'error' && <p className="cw-error">{answer.message}</p>}
      </div>
      {answer?.status === 'ok' && (
        <>
          <label htmlFor={`${id}-operation`}>
            {t('dataSources.wsdl.operation', { count: answer.operations.length })}
          </label>
          <select id={`${id}-operation`} value={chosen} onChange={(event) => choose(event.target.value)}>
            <option value="">{t('dataSources.wsdl.choose')}</option>
            {answer.operations.map((operation) => (
              <option key={operation.name} value={operation.name}>
                {operation.name}
              </option>
            ))}
          </select>
        </>
      )}
      <div role="status">{done && <p className="ds-saved">{done}</p>}</div>
    </div>
  );
}

/**
 * « Indicateurs »: the collectivité's declarative data sources. An administrator starts from a
 * model, chooses the application, adjusts the path and the unit (or the whole definition), looks
 * at the preview on live data, and saves; agents then pick the indicator in a « Données métier » widget.
 */
export function DataSourcesAdmin({ me }: { me: Me }) {
  const { t } = useTranslation('admin');
  const id = useId();
  const queryClient = useQueryClient();
  const allowed = can(subjectOf(me), 'collectivite.administerConnectors', { collectiviteId: me.collectivite.id });
  const sources = useQuery({ ...adminDataSourcesQuery, enabled: allowed });
  const connectors = useQuery({
    queryKey: ['admin', 'connectors'],
    queryFn: ({ signal }) => fetchConnectors(signal),
    enabled: allowed,
  });
  const [presetId, setPresetId] = useState('');
  const [name, setName] = useState('');
  const [connectorId, setConnectorId] = useState('');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<DeclarativeReadResponse | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const readable = (connectors.data ?? []).filter((connector) => READABLE_KINDS.has(connector.kind));

  const parsedDefinition = (): DeclarativeDefinitionInput | undefined => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      setProblem(t('dataSources.invalidJson'));
      return undefined;
    }
    const parsed = declarativeDefinitionSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setProblem(
        issue
          ? t('dataSources.invalidDefinitionAt', { path: issue.path.join('.'), message: issue.message })
          : t('dataSources.invalidDefinition'),
      );
      return undefined;
    }
    setProblem(null);
    return json as DeclarativeDefinitionInput;
  };

  const choosePreset = (value: string): void => {
    setPresetId(value);
    const preset = DECLARATIVE_PRESETS.find((candidate) => candidate.id === value);
    if (!preset) return;
    setName(presetTexts(preset).name);
    setText(JSON.stringify(preset.definition, null, 2));
    setPreview(null);
    setSaved(null);
    const first = readable.find((connector) => suitsConnector(preset.definition, connector.kind));
    if (first) setConnectorId(first.id);
  };

  const runPreview = useMutation({
    mutationFn: (definition: DeclarativeDefinitionInput) =>
      previewDataSource({ connectorId, definition: declarativeDefinitionSchema.parse(definition) }),
    onSuccess: setPreview,
  });
  const save = useMutation({
    mutationFn: (definition: DeclarativeDefinitionInput) =>
      saveDataSource(undefined, { name, connectorId, definition: declarativeDefinitionSchema.parse(definition) }),
    onSuccess: async (source) => {
      setSaved(t('dataSources.saved', { name: source.name }));
      await queryClient.invalidateQueries({ queryKey: declarativeKeys.admin });
      await queryClient.invalidateQueries({ queryKey: declarativeKeys.choices });
    },
  });
  const remove = useMutation({
    mutationFn: deleteDataSource,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: declarativeKeys.admin }),
  });

  const onPreview = (): void => {
    setSaved(null);
    const definition = parsedDefinition();
    if (definition) runPreview.mutate(definition);
  };
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    const definition = parsedDefinition();
    if (definition) save.mutate(definition);
  };

  if (!allowed) {
    return (
      <>
        <h1>{t('dataSources.title')}</h1>
        <div className="notice" role="alert">
          <p className="notice-title">{t('forbiddenTitle')}</p>
          <p>{t('dataSources.forbidden')}</p>
        </div>
      </>
    );
  }

  const ready = name.trim() !== '' && connectorId !== '' && text.trim() !== '';
  const chosenPreset = DECLARATIVE_PRESETS.find((preset) => preset.id === presetId);
  /** A category's name in the interface's language: the one its first model gives. */
  const categoryLabel = (category: string): string => {
    const first = DECLARATIVE_PRESETS.find((preset) => preset.category === category);
    return first ? presetTexts(first).category : category;
  };
  return (
    <>
      <h1>{t('dataSources.title')}</h1>
      <AdminNav current="data-sources" />
      <div className="admin-page">
        <p className="admin-intro">{t('dataSources.intro')}</p>
        <section aria-labelledby={`${id}-list`}>
          <h2 id={`${id}-list`}>{t('dataSources.listTitle')}</h2>
          {sources.isError && (
            <ErrorPanel
              title={t('dataSources.loadFailed')}
              error={sources.error}
              onRetry={() => void sources.refetch()}
            />
          )}
          {sources.isPending && (
            <p role="status" className="page-loading">
              {t('dataSources.loading')}
            </p>
          )}
          {sources.data?.dataSources.length === 0 && <p>{t('dataSources.none')}</p>}
          {sources.data && sources.data.dataSources.length > 0 && (
            <table className="admin-table">
              <caption className="visually-hidden">{t('dataSources.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dataSources.name')}</th>
                  <th scope="col">{t('dataSources.application')}</th>
                  <th scope="col">{t('dataSources.shape')}</th>
                  <th scope="col">{t('dataSources.data')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('dataSources.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sources.data.dataSources.map((source) => (
                  <tr key={source.id}>
                    <th scope="row">{source.name}</th>
                    <td>{source.connectorLabel}</td>
                    <td>{shapeLabel(source.definition.result.shape)}</td>
                    <td>{source.perPerson ? t('dataSources.perPerson') : t('dataSources.shared')}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={remove.isPending}
                        onClick={() => {
                          if (window.confirm(t('dataSources.confirmDelete', { name: source.name })))
                            remove.mutate(source.id);
                        }}
                      >
                        {t('dataSources.delete')}
                        <span className="visually-hidden"> {t('named', { label: source.name })}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div role="alert">{remove.isError && <p className="cw-error">{errorMessage(remove.error)}</p>}</div>
        </section>

        <section aria-labelledby={`${id}-new`}>
          <h2 id={`${id}-new`}>{t('dataSources.newTitle')}</h2>
          {connectors.data && readable.length === 0 && <p>{t('dataSources.noApplication')}</p>}
          <form className="ds-form" onSubmit={onSubmit}>
            <div className="ds-field">
              <label htmlFor={`${id}-preset`}>{t('dataSources.preset')}</label>
              <select id={`${id}-preset`} value={presetId} onChange={(event) => choosePreset(event.target.value)}>
                <option value="">{t('dataSources.choosePreset')}</option>
                {[...new Set(DECLARATIVE_PRESETS.map((preset) => preset.category))].map((category) => (
                  <optgroup key={category} label={categoryLabel(category)}>
                    {DECLARATIVE_PRESETS.filter((preset) => preset.category === category).map((preset) => (
                      <option key={preset.id} value={preset.id}>
                        {presetTexts(preset).name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              {chosenPreset && <p className="cw-help">{presetTexts(chosenPreset).description}</p>}
            </div>
            <div className="ds-field">
              <label htmlFor={`${id}-name`}>{t('dataSources.displayedName')}</label>
              <input id={`${id}-name`} value={name} maxLength={80} onChange={(event) => setName(event.target.value)} />
            </div>
            <div className="ds-field">
              <label htmlFor={`${id}-connector`}>{t('dataSources.application')}</label>
              <select
                id={`${id}-connector`}
                value={connectorId}
                onChange={(event) => setConnectorId(event.target.value)}
              >
                <option value="">{t('dataSources.chooseApplication')}</option>
                {readable.map((connector) => (
                  <option key={connector.id} value={connector.id}>
                    {connector.label}
                  </option>
                ))}
              </select>
            </div>
            {connectorId !== '' && isSoapDefinition(text) && (
              <WsdlOperations connectorId={connectorId} text={text} onRewrite={setText} />
            )}
            <details className="ds-field">
              <summary>{t('dataSources.details')}</summary>
              <p className="cw-help">
                <Trans
                  t={t}
                  i18nKey="dataSources.definitionHelp"
                  values={{
                    protocols: Object.values(PROTOCOL_NAMES).join(', '),
                    login: '{ "claim": "login" }',
                    email: '{ "claim": "email" }',
                    employeeNumber: '{ "claim": "employeeNumber" }',
                  }}
                  components={{ code: <code /> }}
                />
              </p>
              <label htmlFor={`${id}-definition`}>{t('dataSources.definition')}</label>
              <textarea
                id={`${id}-definition`}
                rows={16}
                spellCheck={false}
                value={text}
                onChange={(event) => setText(event.target.value)}
              />
            </details>
            <div role="alert">{problem && <p className="cw-error">{problem}</p>}</div>
            <div className="ds-actions">
              <button
                type="button"
                className="button button-secondary"
                disabled={!ready || runPreview.isPending}
                onClick={onPreview}
              >
                {runPreview.isPending ? t('dataSources.reading') : t('dataSources.preview')}
              </button>
              <button type="submit" className="button" disabled={!ready || save.isPending}>
                {t('dataSources.save')}
              </button>
            </div>
            <div role="alert">
              {runPreview.isError && <p className="cw-error">{errorMessage(runPreview.error)}</p>}
              {save.isError && <p className="cw-error">{errorMessage(save.error)}</p>}
            </div>
            {preview && <PreviewResult result={preview} />}
            <div role="status">{saved && <p className="ds-saved">{saved}</p>}</div>
          </form>
        </section>
      </div>
    </>
  );
}
