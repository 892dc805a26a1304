import type { DeclarativeDefinitionInput } from './declarative.js';

/**
 * Ready-made declarative sources an administrator starts from (« Modèles »), each for one kind of
 * business application. The entity names are those of the OData finance/HR and Kelio-like SOAP
 * services described in packages/simulators (finance/README.md, time/README.md); an administrator
 * adapts the paths to their own application before saving, and the preview shows the result.
 */
export interface DeclarativePreset {
  readonly id: string;
  readonly category: 'Gestion des temps' | 'Finances' | 'Ressources humaines' | 'Assistance informatique';
  readonly name: string;
  readonly description: string;
  readonly definition: DeclarativeDefinitionInput;
}

const GTA_NAMESPACE = 'urn:pleiade:simulateur-gta:open-services:v1';
const me = { claim: 'employeeNumber' } as const;
const byMatricule = [
  { name: 'populationMode', value: { number: 1 } },
  { name: 'employeeIdentificationNumber', value: me },
] as const;

export const DECLARATIVE_PRESETS: readonly DeclarativePreset[] = [
  {
    id: 'time-leave-balance',
    category: 'Gestion des temps',
    name: 'Solde de congés annuels',
    description: 'Les jours de congés annuels (CA) qu’il reste à l’agent, lus dans la gestion des temps (SOAP).',
    definition: {
      request: {
        protocol: 'soap',
        path: '/open/services/AccountTotalService',
        namespace: GTA_NAMESPACE,
        operation: 'exportAbsenceBalancesList',
        fields: [...byMatricule],
      },
      result: {
        shape: 'number',
        path: "$.exportedAbsenceBalances[0].AbsenceBalance[?@.absenceTypeAbbreviation == 'CA'].balanceDays",
        decimals: 1,
        unit: 'jours',
      },
    },
  },
  {
    id: 'time-hours-balance',
    category: 'Gestion des temps',
    name: 'Solde d’heures',
    description: 'Le crédit ou débit d’heures de l’agent à la veille, lu dans la gestion des temps (SOAP).',
    definition: {
      request: {
        protocol: 'soap',
        path: '/open/services/AccountTotalService',
        namespace: GTA_NAMESPACE,
        operation: 'exportCreditDebitBalance',
        fields: [...byMatricule],
      },
      result: {
        shape: 'number',
        path: '$.exportedCreditDebitBalances[0].CreditDebitBalance[0].balanceInMinutes',
        factor: 1 / 60,
        decimals: 1,
        unit: 'h',
      },
    },
  },
  {
    id: 'time-clockings-today',
    category: 'Gestion des temps',
    name: 'Mes badgeages du jour',
    description: 'Les entrées et sorties badgées par l’agent aujourd’hui (SOAP).',
    definition: {
      request: {
        protocol: 'soap',
        path: '/open/services/ClockingService',
        namespace: GTA_NAMESPACE,
        operation: 'exportClockings',
        fields: [
          ...byMatricule,
          { name: 'relativeStartDate', value: { number: 0 } },
          { name: 'relativeEndDate', value: { number: 0 } },
        ],
      },
      result: {
        shape: 'table',
        rows: '$.exportedClockings[0].Clocking[*]',
        columns: [
          { label: 'Heure', path: '$.clockingTime' },
          { label: 'Sens', path: '$.clockingType', labels: { ENTREE: 'Entrée', SORTIE: 'Sortie' } },
          { label: 'Badgeuse', path: '$.terminalDescription' },
        ],
      },
    },
  },
  {
    id: 'finance-budget-execution',
    category: 'Finances',
    name: 'Taux d’exécution du budget',
    description: 'Le mandaté rapporté au voté, toutes sections, lu dans les finances (OData).',
    definition: {
      request: {
        protocol: 'odata',
        path: '/odata/SyntheseBudgetaire',
        filter: [{ property: 'Section', operator: 'eq', value: { text: 'Total' } }],
        select: ['TauxExecution'],
      },
      result: { shape: 'number', path: '$.value[0].TauxExecution', decimals: 1, unit: '%' },
    },
  },
  {
    id: 'finance-orders-to-approve',
    category: 'Finances',
    name: 'Bons de commande à viser',
    description: 'Les bons de commande qui attendent le visa de l’agent (OData).',
    definition: {
      request: {
        protocol: 'odata',
        path: '/odata/BonsDeCommande',
        filter: [
          { property: 'Valideur', operator: 'eq', value: { claim: 'login' } },
          { property: 'Statut', operator: 'eq', value: { text: 'EnAttenteVisa' } },
        ],
        select: ['Numero', 'Objet', 'Fournisseur', 'MontantTTC'],
        orderby: { property: 'DateLimiteVisa' },
      },
      result: {
        shape: 'table',
        rows: '$.value[*]',
        columns: [
          { label: 'Objet', path: '$.Objet' },
          { label: 'Fournisseur', path: '$.Fournisseur' },
          { label: 'Montant', path: '$.MontantTTC', unit: '€ TTC' },
        ],
      },
    },
  },
  {
    id: 'hr-requests-to-validate',
    category: 'Ressources humaines',
    name: 'Demandes de congés à valider',
    description: 'Le nombre de demandes de congés que l’agent doit valider (OData).',
    definition: {
      request: {
        protocol: 'odata',
        path: '/odata/DemandesConges',
        filter: [
          { property: 'Valideur', operator: 'eq', value: { claim: 'login' } },
          { property: 'Statut', operator: 'eq', value: { text: 'AValider' } },
        ],
        select: ['Id'],
        count: true,
      },
      result: { shape: 'number', path: "$['@odata.count']", unit: 'demandes' },
    },
  },
  {
    id: 'glpi-my-tickets',
    category: 'Assistance informatique',
    name: 'Mes tickets',
    description: 'Les tickets ouverts dont l’agent est le demandeur, dans GLPI.',
    definition: {
      request: { protocol: 'glpi', query: 'my-open-tickets' },
      result: {
        shape: 'table',
        rows: '$.tickets[*]',
        columns: [
          { label: 'Ticket', path: '$.title' },
          { label: 'Statut', path: '$.statusLabel' },
          { label: 'Priorité', path: '$.priorityLabel' },
        ],
      },
    },
  },
];

export function declarativePreset(id: string): DeclarativePreset | undefined {
  return DECLARATIVE_PRESETS.find((preset) => preset.id === id);
}
