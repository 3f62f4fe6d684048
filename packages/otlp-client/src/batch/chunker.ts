import type { Signal } from '../proto/signals.js';
import { signalSpecs } from '../proto/signals.js';

/**
 * A piece of telemetry ready to send: one resource entry (ResourceSpans, ResourceMetrics or
 * ResourceLogs) encoded as a complete Export request. An Export request is nothing but its
 * repeated resource field, so concatenating chunks yields a valid request holding all of them:
 * a batch is built by concatenation, and is never re-encoded.
 */
export interface Chunk {
  bytes: Uint8Array;
  /** Spans, metric data points or log records in it. */
  items: number;
  /** When a batch holding it first failed (a batch back in the queue to wait): its retry budget runs from then. */
  failedSince?: number;
}

type Obj = Record<string, unknown>;
const scopeField: Record<Signal, string> = {
  traces: 'scopeSpans',
  metrics: 'scopeMetrics',
  logs: 'scopeLogs',
};
const itemField: Record<Signal, string> = { traces: 'spans', metrics: 'metrics', logs: 'logRecords' };
const metricData = ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'];

/** Items one element of a scope's list counts for: 1, or a metric's data points. */
function weight(signal: Signal, item: Obj): number {
  if (signal !== 'metrics') return 1;
  for (const d of metricData) {
    const data = item[d] as { dataPoints?: unknown[] } | undefined;
    if (data) return data.dataPoints?.length ?? 0;
  }
  return 0;
}

export function countItems(signal: Signal, resource: Obj): number {
  let n = 0;
  for (const scope of (resource[scopeField[signal]] as Obj[] | undefined) ?? []) {
    for (const item of (scope[itemField[signal]] as Obj[] | undefined) ?? []) n += weight(signal, item);
  }
  return n;
}

/**
 * Splits resource entries into chunks of at most `maxItems` items (a single metric with more
 * points than that stays whole), keeping each item with its resource and scope, and encodes them.
 */
export function toChunks(signal: Signal, resources: readonly Obj[], maxItems: number): Chunk[] {
  const spec = signalSpecs[signal];
  const encode = (resource: Obj, items: number): Chunk => ({
    bytes: spec.request.encode({ [spec.resourceField]: [resource] }).finish(),
    items,
  });
  const chunks: Chunk[] = [];
  for (const resource of resources) {
    const total = countItems(signal, resource);
    if (total <= maxItems) {
      chunks.push(encode(resource, total));
      continue;
    }
    let scopes: Obj[] = [];
    let items = 0;
    const flush = () => {
      if (items > 0) chunks.push(encode({ ...resource, [scopeField[signal]]: scopes }, items));
      scopes = [];
      items = 0;
    };
    for (const scope of (resource[scopeField[signal]] as Obj[] | undefined) ?? []) {
      let list: Obj[] = [];
      for (const item of (scope[itemField[signal]] as Obj[] | undefined) ?? []) {
        const w = weight(signal, item);
        if (items + w > maxItems && items > 0) {
          if (list.length > 0) scopes.push({ ...scope, [itemField[signal]]: list });
          list = [];
          flush();
        }
        list.push(item);
        items += w;
      }
      if (list.length > 0) scopes.push({ ...scope, [itemField[signal]]: list });
    }
    flush();
  }
  return chunks;
}

/** One Export request from chunks: their concatenation. */
export function concatChunks(chunks: readonly Chunk[]): Uint8Array {
  if (chunks.length === 1) return chunks[0].bytes;
  const size = chunks.reduce((n, c) => n + c.bytes.length, 0);
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c.bytes, at);
    at += c.bytes.length;
  }
  return out;
}
