import { RetryPolicy } from '../../src/retry/retry-policy';
import { grpcRetryable } from '../../src/transport/grpc';
import { parseRetryAfter, retryableHttpStatuses } from '../../src/transport/http';

describe('RetryPolicy', () => {
  it('backs off exponentially with full jitter, capped by maxDelayMs', () => {
    const p = new RetryPolicy({ initialDelayMs: 100, maxDelayMs: 1000, maxRetries: 10, random: () => 1 });
    expect([1, 2, 3, 4, 5, 6].map((r) => p.nextDelay(r, 0, 0))).toEqual([100, 200, 400, 800, 1000, 1000]);
    const low = new RetryPolicy({ initialDelayMs: 100, random: () => 0 });
    expect(low.nextDelay(1, 0, 0)).toBe(0);
  });

  it('stops after maxRetries and when the retry would start past maxElapsedMs', () => {
    const p = new RetryPolicy({ maxRetries: 2, initialDelayMs: 100, maxElapsedMs: 1000, random: () => 1 });
    expect(p.nextDelay(3, 0, 0)).toBeUndefined();
    expect(p.nextDelay(1, 0, 950)).toBeUndefined();
    expect(p.nextDelay(1, 0, 850)).toBe(100);
  });

  it('uses the server hint instead of the backoff, capped by maxServerDelayMs', () => {
    const p = new RetryPolicy({ maxServerDelayMs: 5000, maxElapsedMs: 60_000 });
    expect(p.nextDelay(1, 0, 0, 2500)).toBe(2500);
    expect(p.nextDelay(1, 0, 0, 99_000)).toBe(5000);
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
