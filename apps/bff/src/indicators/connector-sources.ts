import { periodStartAfter } from '@pleiade/contracts';
import { z } from 'zod';
import { openSecrets } from '../connector-settings/secrets.js';
import { parseConnectorRow, type ConnectorConfig } from '../connectors/connector-config.js';
import type { UpstreamCredential } from '../connectors/operation.js';
import { countS2lowActesInPeriod, S2LOW_STATUS } from '../connectors/s2low/api.js';
import { listIdelibreSittings, readIdelibreMe } from '../connectors/idelibre/api.js';
import { failureMessage } from '../connectors/states.js';
import type { UpstreamClient } from '../connectors/upstream-client.js';
import {
  COLLECTIVITE_READER,
  numberSourceChoices,
  numberSourceProblem,
  readNumberForCollectivite,
  type DeclarativeDeps,
} from '../declarative/service.js';
import { resolveCredential } from '../widget-data/credentials.js';
import { defineIndicatorSource, type IndicatorReadInput, type IndicatorSource } from './source.js';

/**
 * Indicator sources that read through the collectivité's connectors, with their collectivité-wide
 * credential only (a technical account, or none): a declarative data source giving a number, and
 * the élus' presets on the dematerialisation chain. Built once per app with its connector
 * dependencies (createApp), shared by the indicator routes and the scheduler.
 */

const DATA_SOURCE_FIELD = { name: 'dataSourceId', label: 'Donnée métier suivie', type: 'text' as const };

function declarativeSource(deps: DeclarativeDeps): IndicatorSource {
  return defineIndicatorSource({
    kind: 'declarative',
    label: 'Donnée métier (un nombre)',
    params: z.object({ dataSourceId: z.uuid({ error: 'choisissez une donnée métier de la liste' }) }).strict(),
    fields: [DATA_SOURCE_FIELD],
    async fieldsFor({ db, collectiviteId }) {
      const options = await numberSourceChoices(db, collectiviteId);
      return [{ name: DATA_SOURCE_FIELD.name, label: DATA_SOURCE_FIELD.label, type: 'select', options }];
    },
    async checkParams({ db, collectiviteId, params }) {
      const message = await numberSourceProblem(db, collectiviteId, params.dataSourceId);
      return message ? { param: 'dataSourceId', message } : undefined;
    },
    read({ collectiviteId, logger, signal, params }) {
      return readNumberForCollectivite(deps, { collectiviteId, dataSourceId: params.dataSourceId, logger, signal });
    },
  });
}

interface SharedAccess {
  connector: ConnectorConfig;
  client: UpstreamClient;
  credential: UpstreamCredential;
}

/**
 * The collectivité's enabled connectors of one kind, each with its client and technical account's
 * credential. Throws a French message when it has none, or none that can be read without a person.
 */
async function sharedAccesses(deps: DeclarativeDeps, input: IndicatorReadInput, kind: string, label: string) {
  const rows = await deps.db.connectorInstance.findMany({
    where: { collectiviteId: input.collectiviteId, kind, enabled: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  if (rows.length === 0) throw new Error(`La collectivité n’a pas d’application ${label} configurée.`);
  const accesses: SharedAccess[] = [];
  for (const row of rows) {
    const parsed = parseConnectorRow(row);
    if (!parsed.ok || (parsed.config.authMode !== 'service_account' && parsed.config.authMode !== 'none')) continue;
    const connector = parsed.config;
    const unusable = `L’application ${label} de la collectivité n’est pas utilisable : vérifiez sa configuration.`;
    let secrets;
    try {
      secrets = openSecrets(deps.box, row.id, row.secrets);
    } catch {
      throw new Error(unusable);
    }
    const resolved = await resolveCredential(
      { personal: { db: deps.db, box: deps.box, logger: input.logger }, exchanger: deps.exchanger },
      {
        connector,
        secrets,
        user: COLLECTIVITE_READER,
        session: { sessionId: '', providerId: undefined, accessToken: undefined },
      },
    );
    if (!resolved.ok) throw new Error(failureMessage(resolved.status, connector.authMode));
    let client;
    try {
      client = deps.clients.get(connector, secrets);
    } catch {
      throw new Error(unusable);
    }
    accesses.push({ connector, client, credential: resolved.credential });
  }
  if (accesses.length === 0)
    throw new Error(
      `L’application ${label} de la collectivité n’a pas de compte technique : un indicateur ne peut pas la lire.`,
    );
  return accesses;
}

function periodEnd(input: IndicatorReadInput): Date {
  return periodStartAfter(input.period, input.now);
}

function s2lowActsTransmitted(deps: DeclarativeDeps): IndicatorSource {
  return defineIndicatorSource({
    kind: 'demat.acts-transmitted',
    label: 'Actes télétransmis à la préfecture sur la période (S²low)',
    unit: 'actes',
    params: z.object({}).strict(),
    async read(input) {
      let total = 0;
      for (const access of await sharedAccesses(deps, input, 's2low', 'S²low')) {
        if (access.credential.type !== 'basic') throw new Error('L’application S²low n’a pas de compte technique.');
        const account = { login: access.credential.username, password: access.credential.password };
        // Transmitted within the period: those still waiting for the acknowledgement and those acknowledged since.
        for (const statusId of [S2LOW_STATUS.transmitted, S2LOW_STATUS.acknowledged]) {
          const counted = await countS2lowActesInPeriod(access.client, account, {
            statusId,
            from: input.periodStart,
            to: input.now,
            signal: input.signal,
          });
          total += counted.count;
        }
      }
      return total;
    },
  });
}

function idelibreSittings(deps: DeclarativeDeps): IndicatorSource {
  return defineIndicatorSource({
    kind: 'demat.sittings',
    label: 'Séances des assemblées sur la période (i-delibRE)',
    unit: 'séances',
    params: z.object({}).strict(),
    async read(input) {
      const from = input.periodStart.getTime();
      const to = periodEnd(input).getTime();
      let total = 0;
      for (const access of await sharedAccesses(deps, input, 'idelibre', 'i-delibRE')) {
        if (access.credential.type !== 'bearer') throw new Error('L’application i-delibRE n’a pas de jeton d’API.');
        const token = access.credential.token;
        const me = await readIdelibreMe(access.client, token, input.signal);
        // Without a status: the archived sittings and the active ones.
        const sittings = await listIdelibreSittings(access.client, token, me.structureId, { signal: input.signal });
        total += sittings.filter((sitting) => {
          const at = Date.parse(sitting.date);
          return at >= from && at < to;
        }).length;
      }
      return total;
    },
  });
}

/**
 * The sources of the collectivité's connectors. i-Parapheur's average signature delay is not
 * offered: its API reads a person's desks with their own account, and its folders carry no
 * signature date.
 */
export function connectorIndicatorSources(deps: DeclarativeDeps): IndicatorSource[] {
  return [declarativeSource(deps), s2lowActsTransmitted(deps), idelibreSittings(deps)];
}
