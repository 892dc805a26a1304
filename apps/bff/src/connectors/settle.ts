import type { Logger } from '../logger.js';
import { failureReason, failureState, toFailureState, type WidgetState } from './states.js';

/** One widget read in a fan-out; `signal` aborts when its own timeout passes. */
export interface SettleTask<T> {
  read: (signal: AbortSignal) => Promise<WidgetState<T>>;
  /** This read's own timeout (ms); the batch's default otherwise. */
  timeoutMs?: number;
}

export type SettledStates<R extends Record<string, SettleTask<unknown>>> = {
  [K in keyof R]: R[K] extends SettleTask<infer T> ? WidgetState<T> : never;
};

export interface SettleOptions {
  /** Timeout of a read that does not set its own (ms). */
  timeoutMs?: number;
  logger?: Logger;
}

/**
 * Runs widget reads in parallel. Each settles on its own: a failure or a throw is that widget's
 * failure state, a read that hangs answers `timeout` after its own timeout (its signal is
 * aborted), and none of them delays or fails the others.
 */
export async function settleReads<R extends Record<string, SettleTask<unknown>>>(
  tasks: R,
  options: SettleOptions = {},
): Promise<SettledStates<R>> {
  const entries = await Promise.all(
    Object.entries(tasks).map(
      async ([id, task]) => [id, await settleOne(id, task, options.timeoutMs ?? 10_000, options.logger)] as const,
    ),
  );
  return Object.fromEntries(entries) as SettledStates<R>;
}

async function settleOne<T>(
  id: string,
  task: SettleTask<T>,
  defaultTimeoutMs: number,
  logger: Logger | undefined,
): Promise<WidgetState<T>> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<WidgetState<T>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      logger?.warn({ widget: id }, 'Widget read timed out');
      resolve(failureState('timeout'));
    }, task.timeoutMs ?? defaultTimeoutMs);
  });
  const read = Promise.resolve()
    .then(() => task.read(controller.signal))
    .catch((error: unknown) => {
      logger?.warn({ widget: id, reason: failureReason(error) }, 'Widget read failed');
      return toFailureState(error);
    });
  try {
    return await Promise.race([read, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
