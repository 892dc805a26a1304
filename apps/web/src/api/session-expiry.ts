import { useSyncExternalStore } from 'react';

/**
 * Whether the server said the session ended (SESSION_EXPIRED: idle timeout, lifetime, refused token
 * refresh, logout elsewhere). Set by the API client on any call, read by the app shell, which then
 * asks the person to sign in again instead of showing widgets that fail one by one.
 */
let expired = false;
const listeners = new Set<() => void>();

export function markSessionExpired(): void {
  if (expired) return;
  expired = true;
  for (const listener of listeners) listener();
}

export function isSessionExpired(): boolean {
  return expired;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSessionExpired(): boolean {
  return useSyncExternalStore(subscribe, isSessionExpired, isSessionExpired);
}
