import type { Signal } from '../proto/signals.js';
import { signalSpecs } from '../proto/signals.js';
import type { ExportOutcome } from './types.js';

/**
 * Reads an Export*ServiceResponse: a full success, or a partial success with its rejected count.
 * The upstream said OK, so a body that does not decode is still a success (the items were taken);
 * it is reported in `message` so that it is logged, never thrown: an upstream's bad answer must not
 * take the agent and its queue down.
 */
export function successFromResponse(signal: Signal, body: Uint8Array): ExportOutcome {
  if (body.length === 0) return { kind: 'success', rejected: 0 };
  const spec = signalSpecs[signal];
  let response: { partialSuccess?: Record<string, unknown> };
  try {
    response = spec.response.decode(body) as unknown as typeof response;
  } catch (err) {
    return {
      kind: 'success',
      rejected: 0,
      message: `the upstream answered OK with a body that is not an Export response (${(err as Error).message})`,
    };
  }
  const partial = response.partialSuccess;
  if (!partial) return { kind: 'success', rejected: 0 };
  const rejected = Number(partial[spec.rejectedField] ?? 0);
  const message =
    typeof partial.errorMessage === 'string' && partial.errorMessage ? partial.errorMessage : undefined;
  return { kind: 'success', rejected, message };
}
