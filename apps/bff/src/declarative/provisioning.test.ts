import { describe, expect, it } from 'vitest';
import { collectiviteSeedSchema } from '../config-file.js';
import { dataSourceSeedsOf } from './provisioning.js';

const collectivite = (dataSources: unknown[]) => ({ slug: 'ville', name: 'Ville', dataSources });

describe('declarative sources in PLEIADE_CONFIG_FILE', () => {
  it('takes a preset or a definition, and gives seeds bound to their collectivité', () => {
    const parsed = collectiviteSeedSchema.parse(
      collectivite([
        { name: 'Budget', connector: 'Finances', preset: 'finance-budget-execution' },
        {
          name: 'Agents',
          connector: 'RH',
          definition: {
            request: { protocol: 'rest', path: '/api/agents', query: [{ name: 'service', value: { text: 'DRH' } }] },
            result: { shape: 'number', path: '$.total', unit: 'agents' },
          },
        },
      ]),
    );
    const seeds = dataSourceSeedsOf([parsed]);
    expect(
      seeds.map((seed) => [seed.collectivite, seed.name, seed.connector, seed.definition.request.protocol]),
    ).toEqual([
      ['ville', 'Budget', 'Finances', 'odata'],
      ['ville', 'Agents', 'RH', 'rest'],
    ]);
    expect(seeds[0]?.definition.result).toMatchObject({ shape: 'number', unit: '%', aggregate: 'first' });
  });

  it('names what is wrong: an unknown preset, no definition, a bad JSONPath, a path leaving the base URL', () => {
    const problems = (dataSources: unknown[]) =>
      collectiviteSeedSchema
        .safeParse(collectivite(dataSources))
        .error?.issues.map((issue) => [issue.path.join('.'), issue.message]);
    expect(problems([{ name: 'X', connector: 'C', preset: 'inconnu' }])).toEqual([
      ['dataSources.0', 'modèle inconnu : inconnu'],
    ]);
    expect(problems([{ name: 'X', connector: 'C' }])).toEqual([
      ['dataSources.0', 'une définition (« definition ») ou un modèle (« preset »)'],
    ]);
    const bad = (result: unknown, path = '/x') => [
      { name: 'X', connector: 'C', definition: { request: { protocol: 'rest', path }, result } },
    ];
    expect(problems(bad({ shape: 'number', path: '$.a[' }))?.[0]?.[0]).toBe('dataSources.0.definition.result.path');
    expect(problems(bad({ shape: 'number', path: '$.a' }, '//autre.example/x'))?.[0]?.[0]).toBe(
      'dataSources.0.definition.request.path',
    );
  });
});
