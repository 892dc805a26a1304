import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '@pleiade/contracts';
import { auditSentence, formatMoment, parseGroups, revisionLine } from './format';

const event = (overrides: Partial<AuditEvent>): AuditEvent => ({
  id: '6f1c2d3e-4b5a-4c6d-8e7f-901234567890',
  at: '2026-12-04T09:42:00.000Z',
  action: 'board.published',
  actorName: 'Alex Moreau',
  board: { id: null, kind: 'template', name: 'Services' },
  revision: 3,
  restoredFrom: null,
  ...overrides,
});

describe('the words of the administration of boards', () => {
  it('write moments in Paris time', () => {
    expect(formatMoment('2026-12-04T09:42:00.000Z')).toBe('4 décembre 2026 à 10:42');
  });

  it('read groups separated by commas, each once', () => {
    expect(parseGroups(' elus, commission-finances ,, elus\nagents ')).toEqual([
      'elus',
      'commission-finances',
      'agents',
    ]);
    expect(parseGroups('  ')).toEqual([]);
  });

  it('tell each version and each entry of the audit log as a sentence', () => {
    expect(
      revisionLine({
        number: 4,
        action: 'restored',
        authorName: 'Alex Moreau',
        createdAt: '2026-12-04T09:42:00.000Z',
        restoredFrom: 2,
        name: 'Services',
        widgetCount: 3,
        changes: [],
      }),
    ).toBe('Restaurée depuis la version 2 par Alex Moreau le 4 décembre 2026 à 10:42');
    expect(auditSentence(event({}))).toBe('a publié la version 3 du modèle « Services »');
    expect(auditSentence(event({ action: 'board.restored', revision: 5, restoredFrom: 2 }))).toBe(
      'a restauré la version 2 du modèle « Services » (nouvelle version 5)',
    );
    expect(
      auditSentence(event({ action: 'board.deleted', board: { id: null, kind: 'published', name: 'Conseil' } })),
    ).toBe('a supprimé le tableau publié « Conseil »');
  });
});
