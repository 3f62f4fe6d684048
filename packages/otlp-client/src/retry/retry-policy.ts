import { ConfigError } from '../config/config-error.js';

export interface RetryOptions {
  /**
   * Retries of a failed export in a row, with backoff, before the batch goes back to the front of
   * the queue to wait its turn again (max_retries in config.toml; default 3). Never a drop: only
   * the elapsed-time budget drops.
   */
  maxRetries?: number;
  /** First backoff (retry_delay in config.toml; default 100 ms); doubles each retry. */
  initialDelayMs?: number;
  /** Cap of one backoff (default 5 s). */
  maxDelayMs?: number;
  /**
   * The retry budget: a batch still failing this long after its first failure is dropped as
   * retries_exhausted (default 300 s, as the OpenTelemetry Collector's retry_on_failure).
   */
  maxElapsedMs?: number;
  /** Cap of a server's retry hint (RetryInfo / Retry-After) we are willing to wait (default 60 s). */
  maxServerDelayMs?: number;
  /** Source of randomness for jitter, injectable for tests. */
  random?: () => number;
}

/** What to do after a retryable failure. */
export type RetryDecision =
  /** Wait `delayMs`, then try the same batch again. */
  | { kind: 'retry'; delayMs: number }
  /** The retries in a row are used up: back to the front of the queue, held off for `delayMs`. */
  | { kind: 'requeue'; delayMs: number }
  /** The retry budget is spent: drop the batch (counted as retries_exhausted). */
  | { kind: 'give-up' };

/**
 * The OTLP retry schedule: exponential backoff with full jitter ("random between 0 and the
 * exponential delay"), honouring the server's RetryInfo / Retry-After instead when it sent one.
 * Only the elapsed-time budget ends it: the wait is cut to what is left of the budget (a long
 * server hint means one last try at the budget's end, never an immediate drop).
 */
export class RetryPolicy {
  readonly maxRetries: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxElapsedMs: number;
  readonly maxServerDelayMs: number;
  private readonly random: () => number;

  constructor(o: RetryOptions = {}) {
    this.maxRetries = check('maxRetries', o.maxRetries ?? 3, 0);
    this.initialDelayMs = check('initialDelayMs', o.initialDelayMs ?? 100, 1);
    this.maxDelayMs = check('maxDelayMs', o.maxDelayMs ?? 5000, 1);
    this.maxElapsedMs = check('maxElapsedMs', o.maxElapsedMs ?? 300_000, 1);
    this.maxServerDelayMs = check('maxServerDelayMs', o.maxServerDelayMs ?? 60_000, 0);
    if (this.maxDelayMs < this.initialDelayMs)
      throw new ConfigError('maxDelayMs', `must be at least initialDelayMs (${this.initialDelayMs})`);
    this.random = o.random ?? Math.random;
  }

  /**
   * After failure number `retry` (1-based, counted since the batch last left the queue) of a batch
   * that first failed at `failedSince`: retry, requeue or give up.
   */
  decide(retry: number, failedSince: number, now: number, serverDelayMs?: number): RetryDecision {
    const remaining = failedSince + this.maxElapsedMs - now;
    if (remaining <= 0) return { kind: 'give-up' };
    const inPlace = retry <= this.maxRetries;
    const exponential = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** Math.min(retry - 1, 30));
    // A requeued batch waits the full exponential delay (no jitter down to nothing): the upstream
    // has failed it several times in a row.
    const wanted =
      serverDelayMs !== undefined
        ? Math.min(serverDelayMs, this.maxServerDelayMs)
        : inPlace
          ? Math.round(this.random() * exponential)
          : exponential;
    const delayMs = Math.max(0, Math.min(wanted, remaining));
    return inPlace ? { kind: 'retry', delayMs } : { kind: 'requeue', delayMs };
  }
}

function check(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min)
    throw new ConfigError(name, `${value} must be an integer >= ${min}`);
  return value;
}
