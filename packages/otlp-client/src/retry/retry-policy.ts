import { ConfigError } from '../config/config-error.js';

export interface RetryOptions {
  /** Retries after the first attempt (the seed's max_retries; default 3). */
  maxRetries?: number;
  /** First backoff (the seed's retry_delay; default 100 ms); doubles each retry. */
  initialDelayMs?: number;
  /** Cap of one backoff (default 5 s). */
  maxDelayMs?: number;
  /** Give up when the next attempt would start after this much time since the first (default 30 s). */
  maxElapsedMs?: number;
  /** Cap of a server's retry hint (RetryInfo / Retry-After) we are willing to wait (default 30 s). */
  maxServerDelayMs?: number;
  /** Source of randomness for jitter, injectable for tests. */
  random?: () => number;
}

/**
 * The OTLP retry schedule: exponential backoff with full jitter ("random between 0 and the
 * exponential delay"), honouring the server's RetryInfo / Retry-After instead when it sent one,
 * bounded by a number of retries and by the total time since the first attempt.
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
    this.maxElapsedMs = check('maxElapsedMs', o.maxElapsedMs ?? 30_000, 1);
    this.maxServerDelayMs = check('maxServerDelayMs', o.maxServerDelayMs ?? 30_000, 0);
    if (this.maxDelayMs < this.initialDelayMs)
      throw new ConfigError('maxDelayMs', `must be at least initialDelayMs (${this.initialDelayMs})`);
    this.random = o.random ?? Math.random;
  }

  /**
   * The delay before retry number `retry` (1-based), or undefined to give up: retries exhausted,
   * or the retry would start past maxElapsedMs after `firstAttemptAt`.
   */
  nextDelay(retry: number, firstAttemptAt: number, now: number, serverDelayMs?: number): number | undefined {
    if (retry > this.maxRetries) return undefined;
    const exponential = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** (retry - 1));
    const delay =
      serverDelayMs !== undefined
        ? Math.min(serverDelayMs, this.maxServerDelayMs)
        : Math.round(this.random() * exponential);
    if (now + delay - firstAttemptAt > this.maxElapsedMs) return undefined;
    return delay;
  }
}

function check(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min)
    throw new ConfigError(name, `${value} must be an integer >= ${min}`);
  return value;
}
