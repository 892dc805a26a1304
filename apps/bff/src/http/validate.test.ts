import { describe, expect, it } from 'vitest';
import { isStorableText } from './validate.js';

describe('text PostgreSQL can store', () => {
  it('accepts any well-formed text, surrogate pairs included', () => {
    for (const text of ['', 'Conseil municipal', 'émoji 😀 fin', '😀😀', '\u202e', '\uFFFD']) {
      expect(isStorableText(text), JSON.stringify(text)).toBe(true);
    }
  });

  it('refuses NUL and every lone surrogate', () => {
    for (const text of ['\u0000', 'a\u0000b', '\ud800', 'x\ud83d', '\udc00', '\udc00\ud800', '😀\ude00', 'a\ud800b']) {
      expect(isStorableText(text), JSON.stringify(text)).toBe(false);
    }
  });
});
