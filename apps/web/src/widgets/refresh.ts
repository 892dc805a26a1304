import type { ConnectedWidgetKind, WidgetFailureStatus } from '@pleiade/contracts';
import { isApiError, isTransientError } from '../api/errors';

/**
 * How often each connected widget asks the BFF again: the one place to tune polling. Things people
 * answer to (mail, chat, notifications) move every minute; an agenda or a file list every five.
 * The BFF caches upstream answers, so a faster pace here would not reach the applications anyway.
 */
export interface RefreshPolicy {
  /** Pause between two reads while the tab is visible. */
  intervalMs: number;
  /** Age after which data is read again when the tab becomes visible or the widget mounts. */
  staleMs: number;
}

const MINUTE = 60_000;

export const REFRESH_POLICIES: { readonly [K in ConnectedWidgetKind]: RefreshPolicy } = {
  mail: { intervalMs: MINUTE, staleMs: 30_000 },
  chat: { intervalMs: MINUTE, staleMs: 30_000 },
  'nextcloud-notifications': { intervalMs: MINUTE, staleMs: 30_000 },
  agenda: { intervalMs: 5 * MINUTE, staleMs: MINUTE },
  'nextcloud-files': { intervalMs: 5 * MINUTE, staleMs: MINUTE },
  'nextcloud-dashboard': { intervalMs: 5 * MINUTE, staleMs: MINUTE },
  visio: { intervalMs: 5 * MINUTE, staleMs: MINUTE },
  // Folders to sign and convocations: people act on them within the day, not the minute.
  parapheur: { intervalMs: 2 * MINUTE, staleMs: MINUTE },
  pastell: { intervalMs: 2 * MINUTE, staleMs: MINUTE },
  teletransmission: { intervalMs: 5 * MINUTE, staleMs: MINUTE },
  seances: { intervalMs: 5 * MINUTE, staleMs: MINUTE },
  news: { intervalMs: 15 * MINUTE, staleMs: 5 * MINUTE },
};

/** Failures only the person or an administrator can fix: polling would ask the same question in vain. */
const SETTLED_FAILURES: ReadonlySet<WidgetFailureStatus> = new Set([
  'not_configured',
  'credentials_missing',
  'credentials_refused',
]);

interface QueryStateLike {
  data: unknown;
  error: unknown;
}

function failureStatus(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || !('status' in data)) return undefined;
  return typeof data.status === 'string' ? data.status : undefined;
}

/**
 * The next automatic read, or false to stop polling: after a settled failure, or after an API
 * error that will not go away by itself (a 4xx). Transient failures keep the normal pace.
 */
export function nextRefetchDelay(kind: ConnectedWidgetKind, state: QueryStateLike): number | false {
  if (state.error && isApiError(state.error) && !isTransientError(state.error)) return false;
  const status = failureStatus(state.data);
  if (status && SETTLED_FAILURES.has(status as WidgetFailureStatus)) return false;
  return REFRESH_POLICIES[kind].intervalMs;
}

/**
 * react-query options for a connected widget. No polling in a hidden tab (the intervals keep
 * ticking but skip the read); when the tab becomes visible again, react-query's focus manager
 * (which listens to `visibilitychange`) reads again whatever is older than `staleMs`.
 */
export function refreshPolicyOptions(kind: ConnectedWidgetKind) {
  return {
    staleTime: REFRESH_POLICIES[kind].staleMs,
    refetchInterval: (query: { state: QueryStateLike }) => nextRefetchDelay(kind, query.state),
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
  } as const;
}
