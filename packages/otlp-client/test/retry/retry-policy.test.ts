import { RetryPolicy } from '../../src/retry/retry-policy';
import { grpcRetryable } from '../../src/transport/grpc';
import { parseRetryAfter, retryableHttpStatuses } from '../../src/transport/http';

describe('RetryPolicy', () => {
  it('backs off exponentially with full jitter, capped by maxDelayMs', () => {
    const p = new RetryPolicy({ initialDelayMs: 100, maxDelayMs: 1000, maxRetries: 10, random: () => 1 });
    expect([1, 2, 3, 4, 5, 6].map((r) => p.decide(r, 0, 0))).toEqual(
      [100, 200, 400, 800, 1000, 1000].map((delayMs) => ({ kind: 'retry', delayMs })),
    );
    const low = new RetryPolicy({ initialDelayMs: 100, random: () => 0 });
    expect(low.decide(1, 0, 0)).toEqual({ kind: 'retry', delayMs: 0 });
  });

  it('after maxRetries in a row the batch is requeued for the full backoff, never given up', () => {
    const p = new RetryPolicy({ maxRetries: 2, initialDelayMs: 100, maxDelayMs: 800, random: () => 0 });
    expect(p.decide(2, 0, 0)).toEqual({ kind: 'retry', delayMs: 0 });
    expect(p.decide(3, 0, 0)).toEqual({ kind: 'requeue', delayMs: 400 });
    expect(p.decide(50, 0, 60_000)).toEqual({ kind: 'requeue', delayMs: 800 });
  });

  it('gives up only when the retry budget since the first failure is spent; the last wait is cut to it', () => {
    const p = new RetryPolicy({ initialDelayMs: 100, maxElapsedMs: 1000, random: () => 1 });
    expect(p.decide(1, 0, 1000)).toEqual({ kind: 'give-up' });
    expect(p.decide(1, 500, 1000)).toEqual({ kind: 'retry', delayMs: 100 });
    expect(p.decide(1, 0, 950)).toEqual({ kind: 'retry', delayMs: 50 });
    expect(new RetryPolicy().maxElapsedMs).toBe(300_000);
  });

  it('uses the server hint instead of the backoff, capped by maxServerDelayMs and the budget', () => {
    const p = new RetryPolicy({ maxServerDelayMs: 5000, maxElapsedMs: 60_000 });
    expect(p.decide(1, 0, 0, 2500)).toEqual({ kind: 'retry', delayMs: 2500 });
    expect(p.decide(1, 0, 0, 99_000)).toEqual({ kind: 'retry', delayMs: 5000 });
    // The shipped defaults: a 30 s hint (or longer) is waited for, not a reason to drop.
    const shipped = new RetryPolicy();
    expect(shipped.decide(1, 0, 0, 30_000)).toEqual({ kind: 'retry', delayMs: 30_000 });
    expect(shipped.decide(1, 0, 290_000, 45_000)).toEqual({ kind: 'retry', delayMs: 10_000 });
  });
});
describe('retryable statuses, exactly as the OTLP spec lists them', () => {
  it('gRPC', () => {
    const retryable = Array.from({ length: 17 }, (_, code) => code).filter((code) =>
      grpcRetryable(code, undefined),
    );
    expect(retryable).toEqual([1, 4, 10, 11, 14, 15]); // CANCELLED, DEADLINE_EXCEEDED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS
    expect(grpcRetryable(8, undefined)).toBe(false); // RESOURCE_EXHAUSTED without RetryInfo
    expect(grpcRetryable(8, 1000)).toBe(true);
  });

  it('HTTP, and Retry-After in seconds or as a date', () => {
    expect([...retryableHttpStatuses].sort()).toEqual([429, 502, 503, 504]);
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
