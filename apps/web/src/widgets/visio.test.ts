import { describe, expect, it } from 'vitest';
import { roomNameError, sendTabTo, visioRequest } from './visio';

describe('« Démarrer une visio » request', () => {
  it('lets the BFF choose a name when the field is empty', () => {
    expect(visioRequest('')).toEqual({ ok: true, request: {} });
    expect(visioRequest('   ')).toEqual({ ok: true, request: {} });
  });

  it('accepts letters, digits and dashes, trimmed', () => {
    expect(visioRequest(' Conseil-2025 ')).toEqual({ ok: true, request: { roomName: 'Conseil-2025' } });
  });

  it.each([['ab'], ['-conseil'], ['conseil municipal'], ['réunion'], ['salle_1'], ['a'.repeat(65)]])(
    'refuses %j with a French message',
    (name) => {
      expect(visioRequest(name)).toEqual({ ok: false, error: roomNameError() });
    },
  );
});

describe('the tab opened for the visio', () => {
  function tab(closed = false) {
    return { closed, location: { href: 'about:blank' }, close() {} };
  }

  it('is sent to the meeting', () => {
    const opened = tab();
    expect(sendTabTo(opened, 'https://visio.demo-a.test/conseil')).toBe(true);
    expect(opened.location.href).toBe('https://visio.demo-a.test/conseil');
  });

  it('falls back to showing the link when the tab was blocked or closed', () => {
    expect(sendTabTo(null, 'https://visio.demo-a.test/conseil')).toBe(false);
    const closed = tab(true);
    expect(sendTabTo(closed, 'https://visio.demo-a.test/conseil')).toBe(false);
    expect(closed.location.href).toBe('about:blank');
  });
});
