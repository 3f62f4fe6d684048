import { retryInfoType, retryInfoTypeUrl, rpcStatusType } from '../proto/signals.js';

interface Duration {
  seconds?: number | { toNumber(): number };
  nanos?: number;
}

/** The google.rpc.RetryInfo delay carried in a google.rpc.Status (gRPC status details, or an HTTP body). */
export function retryDelayFromStatus(statusBytes: Uint8Array | undefined): number | undefined {
  if (!statusBytes || statusBytes.length === 0) return undefined;
  let status: { details?: { type_url?: string; value?: Uint8Array }[] };
  try {
    status = rpcStatusType.decode(statusBytes) as typeof status;
  } catch {
    return undefined;
  }
  for (const d of status.details ?? []) {
    if (d.type_url !== retryInfoTypeUrl || !d.value) continue;
    const info = retryInfoType.decode(d.value) as { retryDelay?: Duration };
    const delay = info.retryDelay;
    if (!delay) return undefined;
    const seconds = typeof delay.seconds === 'object' ? delay.seconds.toNumber() : (delay.seconds ?? 0);
    return seconds * 1000 + Math.round((delay.nanos ?? 0) / 1e6);
  }
  return undefined;
}

/** A google.rpc.Status carrying RetryInfo, as servers (and the agent's receivers) send it. */
export function statusWithRetryDelay(code: number, message: string, delayMs: number): Uint8Array {
  const retryInfo = retryInfoType
    .encode(
      retryInfoType.fromObject({
        retryDelay: { seconds: Math.floor(delayMs / 1000), nanos: (delayMs % 1000) * 1e6 },
      }),
    )
    .finish();
  return rpcStatusType
    .encode(
      rpcStatusType.fromObject({
        code,
        message,
        details: [{ type_url: retryInfoTypeUrl, value: retryInfo }],
      }),
    )
    .finish();
}
