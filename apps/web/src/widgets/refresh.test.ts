import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// react-query never polls where `window` is undefined (server rendering): give it one, before it loads.
vi.hoisted(() => {
  Object.assign(globalThis, { window: globalThis });
});

import { QueryClient, QueryObserver, focusManager } from '@tanstack/react-query';
import { CONNECTED_WIDGET_KINDS } from '@pleiade/contracts';
import { ApiError, networkError } from '../api/errors';
import { REFRESH_POLICIES, nextRefetchDelay, refreshPolicyOptions } from './refresh';

const ok = { status: 'ok', data: {}, fetchedAt: '2025-03-03T08:00:00Z', stale: false };

describe('refresh policy', () => {
  it('has a policy for every connected kind, data older than its staleness read again before the next tick', () => {
    expect(Object.keys(REFRESH_POLICIES).sort()).toEqual([...CONNECTED_WIDGET_KINDS].sort());
    for (const kind of CONNECTED_WIDGET_KINDS) {
      const { intervalMs, staleMs } = REFRESH_POLICIES[kind];
      expect(intervalMs).toBeGreaterThanOrEqual(60_000);
      expect(staleMs).toBeLessThanOrEqual(intervalMs);
    }
  });

  it('polls what people answer to every minute, agenda and files every five minutes', () => {
    expect(REFRESH_POLICIES.mail.intervalMs).toBe(60_000);
    expect(REFRESH_POLICIES.chat.intervalMs).toBe(60_000);
    expect(REFRESH_POLICIES['nextcloud-notifications'].intervalMs).toBe(60_000);
    expect(REFRESH_POLICIES.agenda.intervalMs).toBe(300_000);
    expect(REFRESH_POLICIES['nextcloud-files'].intervalMs).toBe(300_000);
  });

  it('keeps polling on data and on failures that may pass', () => {
    expect(nextRefetchDelay('mail', { data: ok, error: null })).toBe(60_000);
    for (const status of ['unreachable', 'timeout', 'invalid_response', 'circuit_open']) {
      expect(nextRefetchDelay('agenda', { data: { status, message: 'x' }, error: null })).toBe(300_000);
    }
    expect(nextRefetchDelay('chat', { data: undefined, error: networkError() })).toBe(60_000);
    const serverError = new ApiError({ status: 503, code: 'INTERNAL', message: 'x' });
    expect(nextRefetchDelay('chat', { data: ok, error: serverError })).toBe(60_000);
  });

  it('stops polling on failures only a person can fix', () => {
    for (const status of ['not_configured', 'credentials_missing', 'credentials_refused']) {
      expect(nextRefetchDelay('mail', { data: { status, message: 'x' }, error: null })).toBe(false);
    }
    const notFound = new ApiError({ status: 404, code: 'NOT_FOUND', message: 'x' });
    expect(nextRefetchDelay('mail', { data: undefined, error: notFound })).toBe(false);
  });
});

describe('refresh policy in react-query', () => {
  let client: QueryClient;

  beforeEach(() => {
    vi.useFakeTimers();
    client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    client.mount();
    focusManager.setFocused(true);
  });

  afterEach(() => {
    client.unmount();
    client.clear();
    focusManager.setFocused(undefined);
    vi.useRealTimers();
  });

  function observe(queryFn: () => Promise<unknown>) {
    const observer = new QueryObserver(client, { queryKey: ['mail-widget'], queryFn, ...refreshPolicyOptions('mail') });
    return observer.subscribe(() => undefined);
  }

  it('reads every minute while the tab is visible', async () => {
    const queryFn = vi.fn(() => Promise.resolve(ok));
    const unsubscribe = observe(queryFn);
    await vi.advanceTimersByTimeAsync(0);
    expect(queryFn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(queryFn).toHaveBeenCalledTimes(4);
    unsubscribe();
  });

  it('does not read in a hidden tab, and reads at once when it becomes visible again', async () => {
    const queryFn = vi.fn(() => Promise.resolve(ok));
    const unsubscribe = observe(queryFn);
    await vi.advanceTimersByTimeAsync(0);
    focusManager.setFocused(false);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(queryFn).toHaveBeenCalledTimes(1);
    focusManager.setFocused(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(queryFn).toHaveBeenCalledTimes(2);
    unsubscribe();
  });

  it('does not read again when the tab comes back while the data is still fresh', async () => {
    const queryFn = vi.fn(() => Promise.resolve(ok));
    const unsubscribe = observe(queryFn);
    await vi.advanceTimersByTimeAsync(0);
    focusManager.setFocused(false);
    await vi.advanceTimersByTimeAsync(10_000);
    focusManager.setFocused(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(queryFn).toHaveBeenCalledTimes(1);
    unsubscribe();
  });

  it('stops polling once the application asks for the person’s credentials', async () => {
    const queryFn = vi.fn(() => Promise.resolve({ status: 'credentials_missing', message: 'Reliez votre compte.' }));
    const unsubscribe = observe(queryFn);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(queryFn).toHaveBeenCalledTimes(1);
    unsubscribe();
  });
});
