import type { Signal } from '../proto/signals.js';
import { signalSpecs } from '../proto/signals.js';
import type { ExportOutcome } from './types.js';

/** Reads an Export*ServiceResponse: a full success, or a partial success with its rejected count. */
export function successFromResponse(signal: Signal, body: Uint8Array): ExportOutcome {
  if (body.length === 0) return { kind: 'success', rejected: 0 };
  const spec = signalSpecs[signal];
  const response = spec.response.decode(body) as unknown as { partialSuccess?: Record<string, unknown> };
  const partial = response.partialSuccess;
  if (!partial) return { kind: 'success', rejected: 0 };
  const rejected = Number(partial[spec.rejectedField] ?? 0);
  const message =
    typeof partial.errorMessage === 'string' && partial.errorMessage ? partial.errorMessage : undefined;
  return { kind: 'success', rejected, message };
}
