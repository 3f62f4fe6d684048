/** Exact accounting of one signal: offered = exported + rejected + dropped + queued + inFlight. */
export interface SignalStats {
  offered: number;
  exported: number;
  /** Rejected by the upstream in partial successes. */
  rejected: number;
  dropped: Record<DropReason, number>;
  /** Items sent again after a failure that may have followed delivery. */
  maybeDuplicated: number;
  queued: number;
  inFlight: number;
}

export type DropReason = 'queue_full' | 'retries_exhausted' | 'not_retryable' | 'shutdown';
export const dropReasons: readonly DropReason[] = [
  'queue_full',
  'retries_exhausted',
  'not_retryable',
  'shutdown',
];

export function emptyStats(): SignalStats {
  return {
    offered: 0,
    exported: 0,
    rejected: 0,
    dropped: { queue_full: 0, retries_exhausted: 0, not_retryable: 0, shutdown: 0 },
    maybeDuplicated: 0,
    queued: 0,
    inFlight: 0,
  };
}
