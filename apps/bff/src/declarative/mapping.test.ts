import { declarativeDataSchema, declarativeResultSchema, type DeclarativeResult } from '@pleiade/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAPPING_MESSAGES, jsonPathProblem, mapAnswer, toNumber } from './mapping.js';

const result = (input: unknown): DeclarativeResult => declarativeResultSchema.parse(input);

const budgetRate = result({ shape: 'number', path: '$.value[0].TauxExecution', decimals: 1, unit: '%' });
const orders = result({
  shape: 'table',
  rows: '$.value[*]',
  columns: [
    { label: 'Objet', path: '$.Objet' },
    { label: 'Montant', path: '$.MontantTTC', unit: '€' },
  ],
});
const clockings = result({
  shape: 'list',
  items: '$.exportedClockings[0].Clocking[*]',
  title: '$.clockingTime',
  detail: '$.clockingType',
});
const count = result({ shape: 'number', path: '$.value', aggregate: 'count', unit: 'demandes' });
const total = result({ shape: 'number', path: '$.value[*].MontantTTC', aggregate: 'sum', unit: '€' });
const MAPPINGS = [budgetRate, orders, clockings, count, total];
const FRENCH_MESSAGES = new Set<string>(Object.values(MAPPING_MESSAGES));

describe('the mapping engine', () => {
  it('maps an OData answer to a number with its unit and decimals', () => {
    expect(mapAnswer(budgetRate, { value: [{ TauxExecution: 47.32 }] })).toEqual({
      ok: true,
      data: { shape: 'number', value: 47.32, decimals: 1, unit: '%' },
    });
  });

  it('reads numbers written as text, with a comma or a point, and scales them', () => {
    expect(toNumber(' 4.0 ')).toBe(4);
    expect(toNumber('47,32')).toBe(47.32);
    expect(toNumber('-445')).toBe(-445);
    expect(toNumber('12 jours')).toBeUndefined();
    expect(toNumber('1e400')).toBeUndefined();
    expect(toNumber(Number.NaN)).toBeUndefined();
    const hours = result({ shape: 'number', path: '$.m', factor: 1 / 60, decimals: 1, unit: 'h' });
    expect(mapAnswer(hours, { m: '445' })).toMatchObject({ ok: true, data: { value: 445 / 60 } });
  });

  it('counts and sums rows', () => {
    expect(mapAnswer(count, { value: [{}, {}, {}] })).toMatchObject({ ok: true, data: { value: 3 } });
    expect(mapAnswer(count, { value: [] })).toMatchObject({ ok: true, data: { value: 0 } });
    expect(mapAnswer(total, { value: [{ MontantTTC: 10.5 }, { MontantTTC: '2' }] })).toMatchObject({
      ok: true,
      data: { value: 12.5 },
    });
  });

  it('maps rows to a table, a missing cell as empty, and says how many rows there were', () => {
    const answer = { value: [{ Objet: 'Fournitures', MontantTTC: 120 }, { Objet: 'Sel de déneigement' }] };
    expect(mapAnswer(orders, answer)).toEqual({
      ok: true,
      data: {
        shape: 'table',
        columns: [{ label: 'Objet' }, { label: 'Montant', unit: '€' }],
        rows: [
          ['Fournitures', 120],
          ['Sel de déneigement', null],
        ],
        total: 2,
      },
    });
  });

  it('maps a SOAP list (elements with children are lists) and an empty list', () => {
    const answer = {
      exportedClockings: [
        {
          Clocking: [
            { clockingTime: '08:12:00', clockingType: 'ENTREE' },
            { clockingTime: '12:03:00', clockingType: 'SORTIE' },
          ],
        },
      ],
    };
    expect(mapAnswer(clockings, answer)).toEqual({
      ok: true,
      data: {
        shape: 'list',
        items: [
          { title: '08:12:00', detail: 'ENTREE' },
          { title: '12:03:00', detail: 'SORTIE' },
        ],
        total: 2,
      },
    });
    expect(mapAnswer(clockings, { exportedClockings: '' })).toEqual({
      ok: true,
      data: { shape: 'list', items: [], total: 0 },
    });
  });

  it('says in French what is wrong with a malformed answer', () => {
    expect(mapAnswer(budgetRate, { value: [] })).toEqual({ ok: false, message: MAPPING_MESSAGES.missing });
    expect(mapAnswer(budgetRate, { value: [{ TauxExecution: 'beaucoup' }] })).toEqual({
      ok: false,
      message: MAPPING_MESSAGES.notNumber,
    });
    expect(mapAnswer(orders, { value: [{ autre: 1 }] })).toEqual({ ok: false, message: MAPPING_MESSAGES.missing });
    expect(mapAnswer(total, { value: [{ MontantTTC: 'x' }] })).toEqual({
      ok: false,
      message: MAPPING_MESSAGES.notNumber,
    });
  });

  it('clips upstream text and removes control characters', () => {
    const list = result({ shape: 'list', items: '$[*]', title: '$.t' });
    const mapped = mapAnswer(list, [{ t: `a\u0000b${'x'.repeat(1000)}` }]);
    expect(mapped.ok && mapped.data.shape === 'list' && mapped.data.items[0]?.title.length).toBe(300);
    expect(mapped.ok && mapped.data.shape === 'list' && mapped.data.items[0]?.title.startsWith('a b')).toBe(true);
  });

  it('refuses invalid JSONPath syntax with a French reason', () => {
    expect(jsonPathProblem('$.value[*].a')).toBeUndefined();
    expect(jsonPathProblem("$.value[?@.a == 'x'].b")).toBeUndefined();
    expect(jsonPathProblem('$.value[')).toMatch(/chemin JSON invalide/);
  });

  it('never throws on any JSON the upstream may send, and answers valid data or a French message', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(...MAPPINGS), (answer, mapping) => {
        const outcome = mapAnswer(mapping, answer);
        if (outcome.ok) expect(declarativeDataSchema.safeParse(outcome.data).success).toBe(true);
        else expect(FRENCH_MESSAGES.has(outcome.message)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  }, 30_000);

  it('never throws on answers shaped almost right (wrong types where values are expected)', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.anything(), { maxLength: 3 }),
      fc.object({ maxDepth: 2 }),
    );
    const row = fc.record(
      { Objet: cell, MontantTTC: cell, TauxExecution: cell, clockingTime: cell, clockingType: cell },
      { requiredKeys: [] },
    );
    const answer = fc.oneof(
      fc.record({ value: fc.oneof(fc.array(row, { maxLength: 30 }), cell) }),
      fc.record({
        exportedClockings: fc.oneof(fc.array(fc.record({ Clocking: fc.oneof(fc.array(row), cell) })), cell),
      }),
    );
    fc.assert(
      fc.property(answer, fc.constantFrom(...MAPPINGS), (document, mapping) => {
        const outcome = mapAnswer(mapping, document);
        if (outcome.ok) expect(declarativeDataSchema.safeParse(outcome.data).success).toBe(true);
        else expect(FRENCH_MESSAGES.has(outcome.message)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  }, 30_000);

  it('answers « unreadable » for a document nested deeper than the path engine can walk', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    const outcome = mapAnswer(result({ shape: 'number', path: '$..x' }), { value: deep });
    expect(outcome.ok).toBe(false);
  });
});
