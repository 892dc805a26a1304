/**
 * Debounced, strictly sequential saving of a document that carries an optimistic-concurrency version.
 * Framework-free so that its timing rules can be tested with fake timers.
 *
 * - Every change replaces the pending snapshot and restarts the debounce.
 * - At most one save is in flight; a snapshot that becomes due meanwhile is sent right after it, with
 *   the version the in-flight save returned.
 * - A conflict drops what is pending (it was made on a stale version) and hands over to the caller,
 *   which reloads; any other failure keeps the snapshot so that a retry sends it again.
 */

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

export interface SaveQueueSnapshot {
  state: SaveState;
  /** The failure of the last attempt while state is 'error'. */
  error: unknown;
}

export interface SaveQueueOptions<Payload, Result> {
  delayMs: number;
  version: number;
  send: (payload: Payload, version: number, options: { keepalive: boolean }) => Promise<Result>;
  versionOf: (result: Result) => number;
  isConflict: (error: unknown) => boolean;
  onSaved?: (result: Result) => void;
  onConflict?: (error: unknown) => void;
}

export interface SaveQueue<Payload> {
  /** Records the latest state of the document and (re)starts the debounce. */
  schedule(payload: Payload): void;
  /** Sends what is pending now (the "Réessayer" button). */
  flush(): void;
  /** Last chance before the page goes away: sends what is pending with fetch keepalive. */
  flushBeforeUnload(): void;
  /** Forgets everything pending and adopts a version, after loading the document from the server. */
  reset(version: number): void;
  hasUnsavedChanges(): boolean;
  version(): number;
  getSnapshot(): SaveQueueSnapshot;
  subscribe(listener: () => void): () => void;
}

export function createSaveQueue<Payload, Result>(options: SaveQueueOptions<Payload, Result>): SaveQueue<Payload> {
  let version = options.version;
  let pending: { payload: Payload } | null = null;
  let inFlight = false;
  let dueDuringFlight = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Results of saves started before a reset belong to a document that is gone.
  let generation = 0;
  let snapshot: SaveQueueSnapshot = { state: 'saved', error: null };
  const listeners = new Set<() => void>();

  function setSnapshot(state: SaveState, error: unknown = null): void {
    if (snapshot.state === state && snapshot.error === error) return;
    snapshot = { state, error };
    for (const listener of listeners) listener();
  }

  function clearTimer(): void {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  }

  function start(keepalive: boolean): void {
    if (inFlight) {
      dueDuringFlight = true;
      return;
    }
    if (!pending) return;
    clearTimer();
    const { payload } = pending;
    pending = null;
    inFlight = true;
    dueDuringFlight = false;
    const startedIn = generation;
    setSnapshot('saving');

    let sent: Promise<Result>;
    try {
      sent = options.send(payload, version, { keepalive });
    } catch (error) {
      sent = Promise.reject(error);
    }
    sent.then(
      (result) => {
        if (startedIn !== generation) return;
        inFlight = false;
        version = options.versionOf(result);
        options.onSaved?.(result);
        if (!pending) setSnapshot('saved');
        else if (dueDuringFlight) start(false);
        else setSnapshot('pending');
      },
      (error: unknown) => {
        if (startedIn !== generation) return;
        inFlight = false;
        dueDuringFlight = false;
        if (options.isConflict(error)) {
          pending = null;
          clearTimer();
          setSnapshot('saved');
          options.onConflict?.(error);
          return;
        }
        // A newer snapshot supersedes the failed one: the whole document is sent every time.
        pending ??= { payload };
        clearTimer();
        setSnapshot('error', error);
      },
    );
  }

  return {
    schedule(payload) {
      pending = { payload };
      clearTimer();
      timer = setTimeout(() => {
        timer = null;
        start(false);
      }, options.delayMs);
      if (!inFlight) setSnapshot('pending');
    },
    flush() {
      start(false);
    },
    flushBeforeUnload() {
      // While a save is in flight the next one would carry a stale version; nothing better can be done.
      if (!inFlight) start(true);
    },
    reset(nextVersion) {
      generation += 1;
      clearTimer();
      pending = null;
      inFlight = false;
      dueDuringFlight = false;
      version = nextVersion;
      setSnapshot('saved');
    },
    hasUnsavedChanges() {
      return pending !== null || inFlight;
    },
    version() {
      return version;
    },
    getSnapshot() {
      return snapshot;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
