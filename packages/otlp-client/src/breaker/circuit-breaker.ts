import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleAll } from 'cockatiel';
import type { CircuitBreakerPolicy } from 'cockatiel';
import { ConfigError } from '../config/config-error.js';

export interface BreakerOptions {
  /** Consecutive failed exports that open the breaker (the deployment plan's circuit_breaker_threshold; default 5). */
  threshold?: number;
  /** How long it stays open before letting one probe through (default 2 s: it bounds how long a recovered upstream waits). */
  cooldownMs?: number;
}

/** The metric values of the deployment plan: 0 closed, 1 open, 2 half-open. */
export type BreakerStateValue = 0 | 1 | 2;

/**
 * The exporter's circuit breaker, on cockatiel's ConsecutiveBreaker: N consecutive failed exports
 * open it; after the cool-down one probe export is let through (half-open); its success closes the
 * breaker, its failure opens it again. While it is open, nothing is sent: batches wait in the
 * bounded queue (the batcher asks `canSend()` before taking one).
 */
export class ExportCircuitBreaker {
  readonly threshold: number;
  readonly cooldownMs: number;
  private readonly policy: CircuitBreakerPolicy;
  private openedAt = 0;
  private probing = false;
  private readonly listeners: ((state: BreakerStateValue) => void)[] = [];

  constructor(o: BreakerOptions = {}) {
    this.threshold = o.threshold ?? 5;
    this.cooldownMs = o.cooldownMs ?? 2000;
    if (!Number.isInteger(this.threshold) || this.threshold < 1)
      throw new ConfigError('threshold', `${this.threshold} must be an integer >= 1`);
    if (!Number.isInteger(this.cooldownMs) || this.cooldownMs < 1)
      throw new ConfigError('cooldownMs', `${this.cooldownMs} must be an integer >= 1`);
    this.policy = circuitBreaker(handleAll, {
      halfOpenAfter: this.cooldownMs,
      breaker: new ConsecutiveBreaker(this.threshold),
    });
    this.policy.onBreak(() => {
      this.openedAt = Date.now();
    });
    this.policy.onStateChange(() => {
      for (const l of this.listeners) l(this.state());
    });
  }

  state(): BreakerStateValue {
    switch (this.policy.state) {
      case CircuitState.Closed:
        return 0;
      case CircuitState.HalfOpen:
        return 2;
      default:
        return 1;
    }
  }

  onStateChange(listener: (state: BreakerStateValue) => void): void {
    this.listeners.push(listener);
  }

  /** Whether an export may start now: closed, or open with the cool-down over and no probe running. */
  canSend(now = Date.now()): boolean {
    if (this.policy.state === CircuitState.Closed) return true;
    return !this.probing && now >= this.openedAt + this.cooldownMs;
  }

  /** Milliseconds until canSend() may turn true (0 when it is already). */
  waitMs(now = Date.now()): number {
    return this.canSend(now) ? 0 : Math.max(1, this.openedAt + this.cooldownMs - now);
  }

  /**
   * Runs one export attempt through the breaker. `attempt` resolves true when the upstream is
   * healthy (success, or a non-retryable answer), false when it is not. 'broken': the breaker was
   * open and the attempt did not run.
   */
  async run(attempt: () => Promise<boolean>): Promise<'healthy' | 'unhealthy' | 'broken'> {
    const probe = this.policy.state !== CircuitState.Closed;
    if (probe) this.probing = true;
    try {
      await this.policy.execute(async () => {
        if (!(await attempt())) throw new UnhealthyUpstream();
      });
      return 'healthy';
    } catch (err) {
      return err instanceof BrokenCircuitError ? 'broken' : 'unhealthy';
    } finally {
      if (probe) this.probing = false;
    }
  }
}

class UnhealthyUpstream extends Error {}
