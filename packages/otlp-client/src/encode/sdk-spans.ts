import type { Chunk } from '../batch/chunker.js';
import { ProtoWriter } from './proto-writer.js';

/*
 * The shape of the OpenTelemetry JS SDK's ReadableSpan (sdk-trace-base 2.x), described here so
 * that this package has no SDK inside: anything of this shape encodes.
 */
type Attributes = Record<string, unknown>;
type HrTime = readonly [number, number];
interface SpanContextLike {
  traceId: string;
  spanId: string;
  traceFlags: number;
  isRemote?: boolean;
  traceState?: { serialize(): string };
}
export interface SdkSpanLike {
  name: string;
  kind: number;
  spanContext(): SpanContextLike;
  parentSpanContext?: SpanContextLike;
  startTime: HrTime;
  endTime: HrTime;
  attributes: Attributes;
  droppedAttributesCount: number;
  events: readonly { name: string; time: HrTime; attributes?: Attributes; droppedAttributesCount?: number }[];
  droppedEventsCount: number;
  links: readonly { context: SpanContextLike; attributes?: Attributes; droppedAttributesCount?: number }[];
  droppedLinksCount: number;
  status: { code: number; message?: string };
  resource: { attributes: Attributes; schemaUrl?: string };
  instrumentationScope: { name: string; version?: string; schemaUrl?: string };
}

const LEN = 2;
const VARINT = 0;
const I64 = 1;
const I32 = 5;
// OTLP span flags: bits 0-7 trace flags, 0x100 "has is_remote", 0x200 "is remote".
const hasIsRemote = 0x100;
const isRemoteFlag = 0x200;

function anyValue(w: ProtoWriter, value: unknown): void {
  switch (typeof value) {
    case 'string':
      w.tag(1, LEN);
      w.string(value);
      return;
    case 'boolean':
      w.tag(2, VARINT);
      w.uint32(value ? 1 : 0);
      return;
    case 'number':
      if (Number.isInteger(value) && value >= -(2 ** 63) && value < 2 ** 63) {
        w.tag(3, VARINT);
        w.int64(value);
      } else {
        w.tag(4, I64);
        w.double(value);
      }
      return;
  }
  if (value instanceof Uint8Array) {
    w.tag(7, LEN);
    w.bytes(value);
  } else if (Array.isArray(value)) {
    w.tag(5, LEN);
    const array = w.fork();
    for (const item of value) {
      w.tag(1, LEN);
      const at = w.fork();
      anyValue(w, item);
      w.join(at);
    }
    w.join(array);
  } else if (value !== null && typeof value === 'object') {
    w.tag(6, LEN);
    const list = w.fork();
    attributes(w, value as Attributes, 1);
    w.join(list);
  }
}

function attributes(w: ProtoWriter, attrs: Attributes, field: number): void {
  for (const key in attrs) {
    if (!Object.prototype.hasOwnProperty.call(attrs, key)) continue;
    w.tag(field, LEN);
    const kv = w.fork();
    w.tag(1, LEN);
    w.string(key);
    w.tag(2, LEN);
    const v = w.fork();
    anyValue(w, attrs[key]);
    w.join(v);
    w.join(kv);
  }
}

function uint32Field(w: ProtoWriter, field: number, value: number | undefined): void {
  if (!value) return;
  w.tag(field, VARINT);
  w.uint32(value);
}

function span(w: ProtoWriter, s: SdkSpanLike): void {
  const ctx = s.spanContext();
  w.tag(1, LEN);
  w.hexBytes(ctx.traceId);
  w.tag(2, LEN);
  w.hexBytes(ctx.spanId);
  const traceState = ctx.traceState?.serialize();
  if (traceState) {
    w.tag(3, LEN);
    w.string(traceState);
  }
  const parent = s.parentSpanContext;
  if (parent?.spanId) {
    w.tag(4, LEN);
    w.hexBytes(parent.spanId);
  }
  w.tag(5, LEN);
  w.string(s.name);
  // The API's SpanKind starts at INTERNAL = 0; OTLP keeps 0 for UNSPECIFIED.
  w.tag(6, VARINT);
  w.uint32(s.kind + 1);
  w.tag(7, I64);
  w.hrTime(s.startTime);
  w.tag(8, I64);
  w.hrTime(s.endTime);
  attributes(w, s.attributes, 9);
  uint32Field(w, 10, s.droppedAttributesCount);
  for (const e of s.events) {
    w.tag(11, LEN);
    const at = w.fork();
    w.tag(1, I64);
    w.hrTime(e.time);
    w.tag(2, LEN);
    w.string(e.name);
    if (e.attributes) attributes(w, e.attributes, 3);
    uint32Field(w, 4, e.droppedAttributesCount);
    w.join(at);
  }
  uint32Field(w, 12, s.droppedEventsCount);
  for (const l of s.links) {
    w.tag(13, LEN);
    const at = w.fork();
    w.tag(1, LEN);
    w.hexBytes(l.context.traceId);
    w.tag(2, LEN);
    w.hexBytes(l.context.spanId);
    const linkState = l.context.traceState?.serialize();
    if (linkState) {
      w.tag(3, LEN);
      w.string(linkState);
    }
    if (l.attributes) attributes(w, l.attributes, 4);
    uint32Field(w, 5, l.droppedAttributesCount);
    w.tag(6, I32);
    w.fixed32((l.context.traceFlags & 0xff) | hasIsRemote | (l.context.isRemote ? isRemoteFlag : 0));
    w.join(at);
  }
  uint32Field(w, 14, s.droppedLinksCount);
  w.tag(15, LEN);
  const status = w.fork();
  if (s.status.message) {
    w.tag(2, LEN);
    w.string(s.status.message);
  }
  uint32Field(w, 3, s.status.code);
  w.join(status);
  w.tag(16, I32);
  w.fixed32((ctx.traceFlags & 0xff) | hasIsRemote | (parent?.isRemote ? isRemoteFlag : 0));
}

function resourceSpans(
  w: ProtoWriter,
  resource: SdkSpanLike['resource'],
  scopes: readonly (readonly SdkSpanLike[])[],
): void {
  w.tag(1, LEN); // ExportTraceServiceRequest.resource_spans
  const entry = w.fork();
  w.tag(1, LEN);
  const res = w.fork();
  attributes(w, resource.attributes, 1);
  w.join(res);
  for (const spans of scopes) {
    const scope = spans[0].instrumentationScope;
    w.tag(2, LEN);
    const scopeSpans = w.fork();
    w.tag(1, LEN);
    const sc = w.fork();
    w.tag(1, LEN);
    w.string(scope.name);
    if (scope.version) {
      w.tag(2, LEN);
      w.string(scope.version);
    }
    w.join(sc);
    for (const s of spans) {
      w.tag(2, LEN);
      const at = w.fork();
      span(w, s);
      w.join(at);
    }
    if (scope.schemaUrl) {
      w.tag(3, LEN);
      w.string(scope.schemaUrl);
    }
    w.join(scopeSpans);
  }
  if (resource.schemaUrl) {
    w.tag(3, LEN);
    w.string(resource.schemaUrl);
  }
  w.join(entry);
}

/**
 * Encodes SDK spans straight to chunks (see batch/chunker.ts): one per resource, cut every
 * `maxItems` spans, scopes grouped as the official exporters group them, all in one buffer written
 * in one pass. No OTLP object is built on the way.
 */
export function sdkSpansToChunks(spans: readonly SdkSpanLike[], maxItems: number): Chunk[] {
  const byResource = new Map<SdkSpanLike['resource'], Map<unknown, SdkSpanLike[]>>();
  for (const s of spans) {
    let scopes = byResource.get(s.resource);
    if (!scopes) byResource.set(s.resource, (scopes = new Map<unknown, SdkSpanLike[]>()));
    let list = scopes.get(s.instrumentationScope);
    if (!list) scopes.set(s.instrumentationScope, (list = []));
    list.push(s);
  }
  // ~10-attribute spans take 350-450 bytes: size for that, so that growing (a copy) stays rare.
  const w = new ProtoWriter(Math.max(1024, spans.length * 448));
  const marks: { start: number; end: number; items: number }[] = [];
  for (const [resource, scopes] of byResource) {
    let piece: SdkSpanLike[][] = [];
    let items = 0;
    const emit = () => {
      const start = w.pos;
      resourceSpans(w, resource, piece);
      marks.push({ start, end: w.pos, items });
      piece = [];
      items = 0;
    };
    for (const list of scopes.values()) {
      for (let i = 0; i < list.length;) {
        const take = Math.min(maxItems - items, list.length - i);
        piece.push(list.slice(i, i + take));
        items += take;
        i += take;
        if (items === maxItems) emit();
      }
    }
    if (items > 0) emit();
  }
  return marks.map((m) => ({ bytes: w.buf.subarray(m.start, m.end), items: m.items }));
}
