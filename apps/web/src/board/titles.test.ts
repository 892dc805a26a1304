import { describe, expect, it } from 'vitest';
import { widget } from '../test/factories';
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
});
