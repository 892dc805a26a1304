import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  can,
  DECLARATIVE_PRESETS,
  DECLARATIVE_SHAPE_LABELS,
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
  saveDataSource,
} from '../api/declarative';
import { errorMessage } from '../api/errors';
import { subjectOf } from '../app/permissions';
import { ErrorPanel } from '../app/ErrorPanel';
import { IndicatorData } from '../widgets/BusinessDataWidget';
import { AdminNav } from './boards/AdminNav';
import './admin.css';
import './boards/boards-admin.css';

/** The applications a declarative source can read: business applications and GLPI. */
const READABLE_KINDS = new Set(['business', 'glpi']);

const PROTOCOL_NAMES = { rest: 'REST (JSON)', odata: 'OData', soap: 'SOAP', glpi: 'GLPI' } as const;

function suitsConnector(definition: DeclarativeDefinitionInput, kind: string): boolean {
  return definition.request.protocol === 'glpi' ? kind === 'glpi' : kind === 'business';
}

function PreviewResult({ result }: { result: DeclarativeReadResponse }) {
  if (result.status === 'error') {
    return (
      <div className="notice" role="alert">
        <p className="notice-title">L’aperçu n’a pas abouti</p>
        <p>{result.message}</p>
      </div>
    );
  }
  return (
    <div className="ds-preview" role="status">
      <p className="notice-title">Aperçu sur les données actuelles (vos propres données)</p>
      <IndicatorData name="Aperçu" data={result.data} />
    </div>
  );
}

/**
 * « Indicateurs »: the collectivité's declarative data sources. An administrator starts from a
 * model, chooses the application, adjusts the path and the unit (or the whole definition), looks
 * at the preview on live data, and saves; agents then pick the indicator in a « Données métier » widget.
 */
export function DataSourcesAdmin({ me }: { me: Me }) {
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
      setProblem('La définition n’est pas un JSON valide.');
      return undefined;
    }
    const parsed = declarativeDefinitionSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setProblem(`Définition invalide${issue ? ` (${issue.path.join('.')}) : ${issue.message}` : ''}.`);
      return undefined;
    }
    setProblem(null);
    return json as DeclarativeDefinitionInput;
  };

  const choosePreset = (value: string): void => {
    setPresetId(value);
    const preset = DECLARATIVE_PRESETS.find((candidate) => candidate.id === value);
    if (!preset) return;
    setName(preset.name);
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
      setSaved(
        `Donnée « ${source.name} » enregistrée. Les agents peuvent l’afficher dans un widget « Données métier ».`,
      );
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
        <h1>Administration — Données métier</h1>
        <div className="notice" role="alert">
          <p className="notice-title">Accès réservé</p>
          <p>Cette page est réservée aux administrateurs de la collectivité.</p>
        </div>
      </>
    );
  }

  const ready = name.trim() !== '' && connectorId !== '' && text.trim() !== '';
  return (
    <>
      <h1>Administration — Données métier</h1>
      <AdminNav current="data-sources" />
      <div className="admin-page">
        <p className="admin-intro">
          Un indicateur lit une application métier déjà connectée (finances, ressources humaines, gestion des temps,
          GLPI) et montre un chiffre, une liste ou un tableau. Les données de l’agent sont choisies d’après sa
          connexion, jamais d’après son navigateur.
        </p>
        <section aria-labelledby={`${id}-list`}>
          <h2 id={`${id}-list`}>Données métier de la collectivité</h2>
          {sources.isError && (
            <ErrorPanel
              title="Les données métier n’ont pas pu être chargées."
              error={sources.error}
              onRetry={() => void sources.refetch()}
            />
          )}
          {sources.isPending && (
            <p role="status" className="page-loading">
              Chargement des données métier…
            </p>
          )}
          {sources.data?.dataSources.length === 0 && <p>Aucun indicateur pour le moment.</p>}
          {sources.data && sources.data.dataSources.length > 0 && (
            <table className="admin-table">
              <caption className="visually-hidden">Données enregistrées</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">Application</th>
                  <th scope="col">Forme</th>
                  <th scope="col">Données</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sources.data.dataSources.map((source) => (
                  <tr key={source.id}>
                    <th scope="row">{source.name}</th>
                    <td>{source.connectorLabel}</td>
                    <td>{DECLARATIVE_SHAPE_LABELS[source.definition.result.shape]}</td>
                    <td>{source.perPerson ? 'Propres à chaque agent' : 'Communes à la collectivité'}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={remove.isPending}
                        onClick={() => {
                          if (window.confirm(`Supprimer l’indicateur « ${source.name} » ?`)) remove.mutate(source.id);
                        }}
                      >
                        Supprimer<span className="visually-hidden"> « {source.name} »</span>
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
          <h2 id={`${id}-new`}>Nouvel indicateur</h2>
          {connectors.data && readable.length === 0 && (
            <p>Connectez d’abord une application métier ou GLPI dans « Applications connectées ».</p>
          )}
          <form className="ds-form" onSubmit={onSubmit}>
            <div className="ds-field">
              <label htmlFor={`${id}-preset`}>Modèle</label>
              <select id={`${id}-preset`} value={presetId} onChange={(event) => choosePreset(event.target.value)}>
                <option value="">Choisir un modèle…</option>
                {[...new Set(DECLARATIVE_PRESETS.map((preset) => preset.category))].map((category) => (
                  <optgroup key={category} label={category}>
                    {DECLARATIVE_PRESETS.filter((preset) => preset.category === category).map((preset) => (
                      <option key={preset.id} value={preset.id}>
                        {preset.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              {presetId && (
                <p className="cw-help">{DECLARATIVE_PRESETS.find((preset) => preset.id === presetId)?.description}</p>
              )}
            </div>
            <div className="ds-field">
              <label htmlFor={`${id}-name`}>Nom affiché aux agents</label>
              <input id={`${id}-name`} value={name} maxLength={80} onChange={(event) => setName(event.target.value)} />
            </div>
            <div className="ds-field">
              <label htmlFor={`${id}-connector`}>Application</label>
              <select
                id={`${id}-connector`}
                value={connectorId}
                onChange={(event) => setConnectorId(event.target.value)}
              >
                <option value="">Choisir l’application…</option>
                {readable.map((connector) => (
                  <option key={connector.id} value={connector.id}>
                    {connector.label}
                  </option>
                ))}
              </select>
            </div>
            <details className="ds-field">
              <summary>Définition détaillée (chemins, paramètres, correspondance)</summary>
              <p className="cw-help">
                Protocoles : {Object.values(PROTOCOL_NAMES).join(', ')}. Les valeurs propres à l’agent s’écrivent{' '}
                <code>{'{ "claim": "login" }'}</code>, <code>{'{ "claim": "email" }'}</code> ou{' '}
                <code>{'{ "claim": "employeeNumber" }'}</code> ; les chemins de la réponse suivent la syntaxe JSONPath
                (RFC 9535).
              </p>
              <label htmlFor={`${id}-definition`}>Définition (JSON)</label>
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
                {runPreview.isPending ? 'Lecture en cours…' : 'Aperçu'}
              </button>
              <button type="submit" className="button" disabled={!ready || save.isPending}>
                Enregistrer l’indicateur
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
