import { describe, expect, it } from 'vitest';
import type { BoardWidget } from '@pleiade/contracts';
import { testId, widget } from '../test/factories';
import { widgetTitles } from './titles';

describe('widgetTitles', () => {
  it('numbers the second and later widgets of a kind so that every region has its own name', () => {
    const a = widget('notes', { x: 0, y: 0, w: 4, h: 4 });
    const b = widget('welcome', { x: 4, y: 0, w: 4, h: 3 });
    const c = widget('notes', { x: 8, y: 0, w: 4, h: 4 });
    const titles = widgetTitles([a, b, c]);
    expect(titles.get(a.id)).toBe('Notes');
    expect(titles.get(b.id)).toBe('Bienvenue');
    expect(titles.get(c.id)).toBe('Notes 2');
  });

  it('names a widget after the data source or indicator it shows, numbering only true namesakes', () => {
    const balance = widget('business-data', { x: 0, y: 0, w: 4, h: 3 }, { options: { dataSourceId: testId() } });
    const hours = widget('business-data', { x: 4, y: 0, w: 4, h: 3 }, { options: { dataSourceId: testId() } });
    const again = widget('business-data', { x: 8, y: 0, w: 4, h: 3 }, { options: balance.options });
    const unchosen = widget('business-data', { x: 0, y: 3, w: 4, h: 3 });
    const acts = widget('indicator', { x: 4, y: 3, w: 4, h: 3 }, { options: { indicatorId: testId() } });
    const names = new Map<unknown, string>([
      [(balance.options as { dataSourceId: string }).dataSourceId, 'Solde de congés annuels'],
      [(hours.options as { dataSourceId: string }).dataSourceId, 'Solde d’heures'],
      [(acts.options as { indicatorId: string }).indicatorId, 'Actes transmis ce mois-ci'],
    ]);
    const contentName = (shown: BoardWidget) => {
      const options = ('options' in shown ? shown.options : {}) as { dataSourceId?: string; indicatorId?: string };
      return names.get(options.dataSourceId ?? options.indicatorId);
    };
    const titles = widgetTitles([balance, hours, again, unchosen, acts], undefined, contentName);
    expect([balance, hours, again, unchosen, acts].map((shown) => titles.get(shown.id))).toEqual([
      'Solde de congés annuels',
      'Solde d’heures',
      'Solde de congés annuels 2',
      'Données métier',
      'Actes transmis ce mois-ci',
    ]);
  });
});
