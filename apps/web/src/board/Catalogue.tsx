import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  isConnectedWidgetKind,
  WIDGET_CONNECTOR_KINDS,
  WIDGET_KINDS,
  type ConnectorKind,
  type BoardWidget,
  type WidgetKind,
} from '@pleiade/contracts';
import { myConnectorsQuery } from '../api/widget-data';
import { i18n } from '../i18n';
import { widgetKindTitle } from '../i18n/kinds';
import { WIDGET_REGISTRY } from '../widgets/registry';
import { addBlocker, type AddBlocker } from './layout';

interface CatalogueProps {
  open: boolean;
  widgets: readonly BoardWidget[];
  onAdd: (kind: WidgetKind) => void;
  onClose: () => void;
}

function blockerText(blocker: AddBlocker, title: string): string {
  if (blocker.reason === 'board-limit') return i18n.t('board:catalogue.boardLimit', { max: blocker.max });
  return blocker.max === 1
    ? i18n.t('board:catalogue.onlyOne', { title })
    : i18n.t('board:catalogue.kindLimit', { max: blocker.max, title });
}

/**
 * Kinds offered in the catalogue: a connected widget only when the collectivité has a connector
 * able to feed it. `connectorKinds` undefined (list not loaded, or failed): every kind, rather
 * than hiding widgets because of a passing error.
 */
export function catalogueKinds(connectorKinds: ReadonlySet<ConnectorKind> | undefined): WidgetKind[] {
  if (!connectorKinds) return [...WIDGET_KINDS];
  return WIDGET_KINDS.filter((kind) =>
    // « À traiter » gathers every application's items: offered once one is connected.
    kind === 'todo'
      ? connectorKinds.size > 0
      : // Business data reads a declarative source, defined on a business application or GLPI.
        kind === 'business-data'
        ? connectorKinds.has('business') || connectorKinds.has('glpi')
        : !isConnectedWidgetKind(kind) || WIDGET_CONNECTOR_KINDS[kind].some((c) => connectorKinds.has(c)),
  );
}

/**
 * The widget catalogue, as a native modal dialog: focus trapping, Escape and the backdrop come free.
 * Kind names in the interface's language; their descriptions come from the widget registry.
 */
export function Catalogue({ open, widgets, onAdd, onClose }: CatalogueProps) {
  const { t } = useTranslation('board');
  const dialogRef = useRef<HTMLDialogElement>(null);
  const connectors = useQuery({ ...myConnectorsQuery, enabled: open });
  const kinds = catalogueKinds(
    connectors.data ? new Set(connectors.data.connectors.map((connector) => connector.kind)) : undefined,
  );

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      const firstChoice = dialog.querySelector<HTMLButtonElement>('button[data-add-kind]:not(:disabled)');
      (firstChoice ?? dialog.querySelector<HTMLButtonElement>('button'))?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      className="catalogue"
      aria-labelledby="catalogue-title"
      aria-describedby="catalogue-description"
      onClose={onClose}
      onClick={(event) => {
        // Content sits in an inner box, so only a click on the backdrop targets the dialog itself.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="catalogue-inner">
        <div className="catalogue-header">
          <h2 id="catalogue-title">{t('catalogue.title')}</h2>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('actions.close')}
          </button>
        </div>
        <p id="catalogue-description" className="catalogue-intro">
          {t('catalogue.intro')}
        </p>
        <ul className="catalogue-list">
          {kinds.map((kind) => {
            const definition = WIDGET_REGISTRY[kind];
            const title = widgetKindTitle(kind);
            const blocker = addBlocker(widgets, kind);
            const reasonId = `catalogue-reason-${kind}`;
            return (
              <li key={kind} className="catalogue-item" data-catalogue-kind={kind}>
                <div className="catalogue-text">
                  <h3 id={`catalogue-title-${kind}`}>{title}</h3>
                  <p>{definition.description}</p>
                  {blocker && (
                    <p id={reasonId} className="catalogue-reason">
                      {blockerText(blocker, title)}
                    </p>
                  )}
                </div>
                <button
                  type="button"
                  className="button button-primary"
                  data-add-kind={kind}
                  disabled={blocker !== null}
                  aria-describedby={blocker ? reasonId : undefined}
                  onClick={() => onAdd(kind)}
                >
                  {t('catalogue.add')}
                  <span className="visually-hidden"> {t('catalogue.addWhich', { title })}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </dialog>
  );
}
