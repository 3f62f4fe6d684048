import { signalSpecs } from '../../src/proto/signals';
import type { Signal } from '../../src/proto/signals';

/** What a test sink does with the n-th request it receives. */
export type Fault =
  | { kind: 'ok' }
  | { kind: 'partial'; rejected: number; message: string }
  | { kind: 'status'; code: number; retryDelayMs?: number; retryAfter?: string }
  | { kind: 'slow'; ms: number }
  | { kind: 'reset' }
  /** Answers OK with a body that is no Export response (wire type 7): a broken upstream or middlebox. */
  | { kind: 'undecodable' };

/** Field 1 with wire type 7, which does not exist: every protobuf decoder refuses it. */
export const undecodableBody = Buffer.from([0x0f, 0xff, 0xff, 0xff]);

/** A fault script: the n-th request (0-based) gets script[n], later ones the last entry. */
export function faultAt(script: readonly Fault[], n: number): Fault {
  return script[Math.min(n, script.length - 1)] ?? { kind: 'ok' };
}

/** An Export*ServiceResponse: empty for a full success, with partial_success when asked. */
export function successBody(signal: Signal, rejected = 0, message = ''): Buffer {
  const spec = signalSpecs[signal];
  const partial =
    rejected || message ? { partialSuccess: { [spec.rejectedField]: rejected, errorMessage: message } } : {};
  return Buffer.from(spec.response.encode(spec.response.fromObject(partial)).finish());
}

/**
 * Plays the faults that end in a success (ok, partial, slow) through `ok`, the same for every
 * sink; returns false for the transport-specific ones (status, reset) the sink must play itself.
 */
export function playSuccess(
  fault: Fault,
  ok: (rejected?: number, message?: string, body?: Buffer) => void,
): boolean {
  switch (fault.kind) {
    case 'undecodable':
      ok(0, '', undecodableBody);
      return true;
    case 'ok':
      ok();
      return true;
    case 'partial':
      ok(fault.rejected, fault.message);
      return true;
    case 'slow':
      setTimeout(() => ok(), fault.ms);
      return true;
    default:
      return false;
  }
}
