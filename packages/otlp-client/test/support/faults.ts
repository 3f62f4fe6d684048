/** What a test sink does with the n-th request it receives. */
export type Fault =
  | { kind: 'ok' }
  | { kind: 'partial'; rejected: number; message: string }
  | { kind: 'status'; code: number; retryDelayMs?: number; retryAfter?: string }
  | { kind: 'slow'; ms: number }
  | { kind: 'reset' };

/** A fault script: the n-th request (0-based) gets script[n], later ones the last entry. */
export function faultAt(script: readonly Fault[], n: number): Fault {
  return script[Math.min(n, script.length - 1)] ?? { kind: 'ok' };
}
