import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  isConnectedWidgetKind,
  WIDGET_CONNECTOR_KINDS,
  WIDGET_KINDS,
  type ConnectorKind,
  type BoardWidget,
  type WidgetKind,
} from '@pleiade/contracts';
import { myConnectorsQuery } from '../api/widget-data';
import { WIDGET_REGISTRY } from '../widgets/registry';
import { addBlocker, type AddBlocker } from './layout';

interface CatalogueProps {
  open: boolean;
  widgets: readonly BoardWidget[];
  onAdd: (kind: WidgetKind) => void;
  onClose: () => void;
}

function blockerText(blocker: AddBlocker, title: string): string {
  if (blocker.reason === 'board-limit') {
    return `Le tableau compte déjà ${blocker.max} widgets, le maximum.`;
  }
  return blocker.max === 1
    ? `Le widget « ${title} » est déjà sur votre tableau (un seul possible).`
    : `Vous avez déjà ${blocker.max} widgets « ${title} », le maximum.`;
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

/** The widget catalogue, as a native modal dialog: focus trapping, Escape and the backdrop come free. */
export function Catalogue({ open, widgets, onAdd, onClose }: CatalogueProps) {
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
          <h2 id="catalogue-title">Ajouter un widget</h2>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Fermer
          </button>
        </div>
        <p id="catalogue-description" className="catalogue-intro">
          Choisissez un widget : il sera placé en bas de votre tableau.
        </p>
        <ul className="catalogue-list">
          {kinds.map((kind) => {
            const definition = WIDGET_REGISTRY[kind];
            const blocker = addBlocker(widgets, kind);
            const reasonId = `catalogue-reason-${kind}`;
            return (
              <li key={kind} className="catalogue-item" data-catalogue-kind={kind}>
                <div className="catalogue-text">
                  <h3 id={`catalogue-title-${kind}`}>{definition.title}</h3>
                  <p>{definition.description}</p>
                  {blocker && (
                    <p id={reasonId} className="catalogue-reason">
                      {blockerText(blocker, definition.title)}
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
                  Ajouter<span className="visually-hidden"> « {definition.title} »</span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </dialog>
  );
}
