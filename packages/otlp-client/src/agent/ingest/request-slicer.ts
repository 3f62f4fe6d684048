import type { Chunk } from '../../batch/chunker.js';
import type { Signal } from '../../proto/signals.js';
import { missingIdentity } from './pod-identity.js';
import type { IdentityAttribute } from './pod-identity.js';
import { WireError, checkFraming, forEachField, lenField, wireTypes } from './wire.js';

/*
 * Every OTLP Export request has the same skeleton, whatever the signal:
 *   request  = repeated field 1: resource entry (ResourceSpans | ResourceMetrics | ResourceLogs)
 *   resource entry = field 1: Resource, repeated field 2: scope entry, field 3: schema_url
 *   scope entry    = field 1: scope, repeated field 2: item (Span | Metric | LogRecord), field 3: schema_url
 * A metric counts for its data points: field 1 of its gauge (5), sum (7), histogram (9),
 * exponential_histogram (10) or summary (11).
 */
const resourceEntryField = 1;
const resourceField = 1;
const scopeEntryField = 2;
const itemField = 2;
const metricDataFields = new Set([5, 7, 9, 10, 11]);
const dataPointField = 1;

interface ItemSpan {
  start: number;
  end: number;
  weight: number;
}
interface ScopeEntry {
  /** Every field but the items, verbatim (scope, schema_url, unknown fields). */
  head: Uint8Array[];
  items: ItemSpan[];
}

function expectLen(wireType: number, what: string, at: number): void {
  if (wireType !== wireTypes.len)
    throw new WireError(`${what} at byte ${at} has wire type ${wireType}, expected length-delimited`);
}

function metricWeight(buf: Uint8Array, start: number, end: number): number {
  let points = 0;
  forEachField(buf, start, end, (f) => {
    if (!metricDataFields.has(f.field)) return;
    expectLen(f.wireType, `metric data (field ${f.field})`, f.tagStart);
    forEachField(buf, f.valueStart, f.end, (d) => {
      if (d.field !== dataPointField) return;
      expectLen(d.wireType, 'data point', d.tagStart);
      checkFraming(buf, d.valueStart, d.end);
      points++;
    });
  });
  return points;
}

/**
 * Cuts an encoded Export request into chunks (see batch/chunker.ts) without decoding its items:
 * each resource entry becomes one chunk, sliced straight out of the request bytes, unless it must
 * be rebuilt, because it holds more than `maxItems` items (it is split, each part keeping its
 * resource and scope) or the pod identity must be added to its Resource. Every item's framing is
 * checked, so a malformed request is refused whole (WireError) rather than forwarded.
 */
export function sliceRequest(
  signal: Signal,
  buf: Uint8Array,
  maxItems: number,
  identity: readonly IdentityAttribute[] = [],
): Chunk[] {
  const chunks: Chunk[] = [];
  forEachField(buf, 0, buf.length, (entry) => {
    if (entry.field !== resourceEntryField) return; // unknown request fields are dropped, as decoders would
    expectLen(entry.wireType, 'resource entry', entry.tagStart);
    const tagStart = entry.tagStart;
    const end = entry.end;
    // Every occurrence of the Resource field: protobuf merges them (a sender may split a Resource),
    // and so does concatenating their payloads into one field when the entry is rebuilt.
    const resources: { start: number; end: number }[] = [];
    const head: Uint8Array[] = [];
    const scopes: ScopeEntry[] = [];
    let total = 0;
    forEachField(buf, entry.valueStart, end, (f) => {
      if (f.field === resourceField) {
        expectLen(f.wireType, 'resource', f.tagStart);
        checkFraming(buf, f.valueStart, f.end);
        resources.push({ start: f.valueStart, end: f.end });
        return;
      }
      if (f.field !== scopeEntryField) {
        head.push(buf.subarray(f.tagStart, f.end));
        return;
      }
      expectLen(f.wireType, 'scope entry', f.tagStart);
      const scope: ScopeEntry = { head: [], items: [] };
      forEachField(buf, f.valueStart, f.end, (s) => {
        if (s.field !== itemField) {
          scope.head.push(buf.subarray(s.tagStart, s.end));
          return;
        }
        expectLen(s.wireType, signal === 'metrics' ? 'metric' : 'item', s.tagStart);
        let weight = 1;
        if (signal === 'metrics') weight = metricWeight(buf, s.valueStart, s.end);
        else checkFraming(buf, s.valueStart, s.end);
        scope.items.push({ start: s.tagStart, end: s.end, weight });
        total += weight;
      });
      scopes.push(scope);
    });
    const missing = missingIdentity(identity, buf, resources);
    if (missing.length === 0 && total <= maxItems) {
      // The common case: the resource entry goes upstream as the very bytes that came in.
      chunks.push({ bytes: buf.subarray(tagStart, end), items: total });
      return;
    }
    const resourcePart = lenField(resourceField, [
      ...resources.map((r) => buf.subarray(r.start, r.end)),
      ...missing.map((a) => a.field),
    ]);
    const emit = (parts: Uint8Array[], items: number) =>
      chunks.push({
        bytes: lenField(resourceEntryField, [resourcePart, ...head, ...parts]),
        items,
      });
    if (total <= maxItems) {
      emit(
        scopes.map((s) =>
          lenField(scopeEntryField, [...s.head, ...s.items.map((i) => buf.subarray(i.start, i.end))]),
        ),
        total,
      );
      return;
    }
    let parts: Uint8Array[] = [];
    let items = 0;
    for (const scope of scopes) {
      let list: Uint8Array[] = [];
      for (const item of scope.items) {
        if (items + item.weight > maxItems && items > 0) {
          if (list.length > 0) parts.push(lenField(scopeEntryField, [...scope.head, ...list]));
          emit(parts, items);
          parts = [];
          list = [];
          items = 0;
        }
        list.push(buf.subarray(item.start, item.end));
        items += item.weight;
      }
      if (list.length > 0) parts.push(lenField(scopeEntryField, [...scope.head, ...list]));
    }
    if (items > 0) emit(parts, items);
  });
  return chunks;
}
