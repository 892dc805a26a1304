import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from 'cockatiel';
import { UpstreamError } from './states.js';

/** Methods whose repetition cannot change anything upstream: the only ones retried by default. */
const IDEMPOTENT_READS = new Set(['GET', 'HEAD', 'OPTIONS', 'PROPFIND', 'REPORT']);

/**
 * A read may be retried when its method is a read, or when the connector marks a POST as one
 * explicitly (Zimbra's SOAP `SearchRequest`, a JSON-RPC query…).
 */
export function isRetryable(method: string, markedIdempotent = false): boolean {
  return markedIdempotent || IDEMPOTENT_READS.has(method.toUpperCase());
}

export interface ResilienceOptions {
  /** Deadline for one call, retries and backoff included (ms). */
  deadlineMs?: number;
  /** Attempts after the first one, for retryable calls failing transiently. */
  retries?: number;
  /** First backoff delay (ms), doubled each attempt with jitter, capped by `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Consecutive transient failures that open the circuit. */
  breakerThreshold?: number;
  /** Time the circuit stays open before one trial call is let through (ms). */
  halfOpenAfterMs?: number;
}

export const RESILIENCE_DEFAULTS: Required<ResilienceOptions> = {
  deadlineMs: 8_000,
  retries: 2,
  initialBackoffMs: 100,
  maxBackoffMs: 1_000,
  breakerThreshold: 5,
  halfOpenAfterMs: 30_000,
};

export type CircuitStatus = 'closed' | 'open' | 'half_open';

const isTransient = (error: unknown) => error instanceof UpstreamError && error.transient;

/**
 * Timeout, retry and circuit breaker for ONE connector instance (one upstream), shared by every
 * user of that instance: when the upstream is down, the circuit opens and calls answer
 * `circuit_open` at once instead of each waiting for its own timeout.
 *
 * Only transient failures (network, timeout, 502/503/504) count: a refused credential is one
 * person's problem and must not suspend the service for everyone.
 */
export class ConnectorResilience {
  readonly options: Required<ResilienceOptions>;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly retrying: IPolicy;
  private readonly once: IPolicy;

  constructor(options: ResilienceOptions = {}) {
    this.options = { ...RESILIENCE_DEFAULTS, ...options };
    const { deadlineMs, retries, initialBackoffMs, maxBackoffMs, breakerThreshold, halfOpenAfterMs } = this.options;
    this.breaker = circuitBreaker(handleWhen(isTransient), {
      halfOpenAfter: halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(breakerThreshold),
    });
    const deadline = timeout(deadlineMs, TimeoutStrategy.Aggressive);
    const retryPolicy = retry(handleWhen(isTransient), {
      maxAttempts: retries,
      backoff: new ExponentialBackoff({ initialDelay: initialBackoffMs, maxDelay: maxBackoffMs }),
    });
    // The breaker is innermost: every attempt counts, and an open circuit is not retried.
    this.retrying = wrap(deadline, retryPolicy, this.breaker);
    this.once = wrap(deadline, this.breaker);
  }

  get circuit(): CircuitStatus {
    switch (this.breaker.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half_open';
      default:
        return 'open';
    }
  }

  /**
   * Runs `call` under the policies. `signal` aborts when the deadline passes; the call should pass
   * it on to its HTTP request; so does the caller's `signal`. Failures come out as {@link UpstreamError}.
   */
  async execute<T>(call: (signal: AbortSignal) => Promise<T>, retryable: boolean, signal?: AbortSignal): Promise<T> {
    try {
      return await (retryable ? this.retrying : this.once).execute((context) => call(context.signal), signal);
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw new UpstreamError('circuit_open', 'CIRCUIT_OPEN');
      if (error instanceof TaskCancelledError) throw new UpstreamError('timeout', 'DEADLINE', true);
      throw error;
    }
  }
}
