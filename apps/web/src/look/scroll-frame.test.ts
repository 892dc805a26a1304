import { describe, expect, it } from 'vitest';
import { hasMoreBelow } from './ScrollFrame';
import { themeProperties } from './theme';

describe('content that does not fit', () => {
  it('is announced while some remains below what the widget shows', () => {
    expect(hasMoreBelow({ scrollHeight: 600, clientHeight: 300, scrollTop: 0 })).toBe(true);
    expect(hasMoreBelow({ scrollHeight: 600, clientHeight: 300, scrollTop: 299 })).toBe(false);
    expect(hasMoreBelow({ scrollHeight: 300, clientHeight: 300, scrollTop: 0 })).toBe(false);
  });
});

describe("the collectivité's colour", () => {
  it('sets the accent properties from an accepted colour, none from a refused one', () => {
    expect(themeProperties('#14532d')).toMatchObject({ '--color-accent': '#14532d', '--color-focus': '#14532d' });
    expect(themeProperties('#ffd700')).toEqual({});
    expect(themeProperties(null)).toEqual({});
  });
});
