import { describe, expect, it } from 'vitest';
import { indicatorDefinitionSchema } from '@pleiade/contracts';
import { emptyForm, fieldOfPath, formOf, requestOf } from './indicator-form';

const sources = [
  {
    kind: 'pleiade.members',
    label: 'Personnes inscrites sur Pléiade',
    unit: 'personnes',
    fields: [
      {
        name: 'role',
        label: 'Qui compter',
        type: 'select' as const,
        options: [{ value: 'all', label: 'Tout le monde' }],
      },
    ],
  },
];

describe('the indicator form', () => {
  it('starts on the first source, its unit and its parameters’ first options', () => {
    expect(emptyForm(sources)).toMatchObject({
      sourceKind: 'pleiade.members',
      unit: 'personnes',
      params: { role: 'all' },
    });
  });

  it('sends thresholds as numbers (French decimal comma), empty ones as none', () => {
    const request = requestOf({ ...emptyForm(sources), label: 'Agents', watch: '1 234,5', critical: '' });
    expect(request.thresholds).toMatchObject({ watch: 1234.5, critical: null });
    const parsed = indicatorDefinitionSchema.parse(request);
    expect(
      formOf({
        ...parsed,
        id: '6f1c2d3e-4b5a-4c6d-8e7f-901234567890',
        source: { ...parsed.source, label: 'x' },
        updatedAt: '2026-12-04T10:00:00.000Z',
      }),
    ).toMatchObject({
      watch: '1234.5',
      critical: '',
      params: { role: 'all' },
    });
  });

  it('lets the server refuse a word typed as a threshold, on that field', () => {
    const parsed = indicatorDefinitionSchema.safeParse(
      requestOf({ ...emptyForm(sources), label: 'A', watch: 'beaucoup' }),
    );
    expect(parsed.success).toBe(false);
    expect(fieldOfPath(`body.${parsed.error?.issues[0]?.path.join('.') ?? ''}`)).toBe('thresholds.watch');
    expect(fieldOfPath('body.source.params.role')).toBe('params.role');
  });
});
