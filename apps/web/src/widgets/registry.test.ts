import { describe, expect, it } from 'vitest';
import { WIDGET_CONTRACTS, WIDGET_KINDS } from '@pleiade/contracts';
import { WIDGET_REGISTRY, widgetDefinition } from './registry';

describe('widget registry', () => {
  it('has a definition for every kind of the contracts, and nothing else', () => {
    expect(Object.keys(WIDGET_REGISTRY).sort()).toEqual([...WIDGET_KINDS].sort());
    for (const kind of WIDGET_KINDS) {
      expect(WIDGET_CONTRACTS[kind]).toBeDefined();
    }
  });

  it.each(WIDGET_KINDS)('defines %s with its own kind, a French title, a description and a lazy component', (kind) => {
    const definition = widgetDefinition(kind);
    expect(definition.kind).toBe(kind);
    expect(definition.title.trim()).not.toBe('');
    expect(definition.description.trim().length).toBeGreaterThan(10);
    // React.lazy components are objects tagged with the lazy symbol, loaded on first render.
    expect(definition.component.$$typeof).toBe(Symbol.for('react.lazy'));
  });

  it('gives every kind a distinct title', () => {
    const titles = WIDGET_KINDS.map((kind) => WIDGET_REGISTRY[kind].title);
    expect(new Set(titles).size).toBe(titles.length);
  });
});
