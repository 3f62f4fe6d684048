import { AttributeMemo } from './attribute-memo.js';
import type { ProtoWriter } from './proto-writer.js';
import type { Attributes, SdkSpanLike } from './sdk-span-like.js';

/*
 * One SDK span as an OTLP Span message, written field by field in the official serializer's
 * order and with its defaults (the tests compare the bytes' decoding with its output).
 */
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
    writeAttributes(w, value as Attributes, 1);
    w.join(list);
  }
}

// One memo per kind of attribute list (their contents differ), shared by every call: bounded, and
// what it holds depends only on the attributes seen.
const memos: Record<number, AttributeMemo> = {
  1: new AttributeMemo(), // resource (and nested kvlists)
  3: new AttributeMemo(), // event
  4: new AttributeMemo(), // link
  9: new AttributeMemo(), // span
};

export function writeAttributes(w: ProtoWriter, attrs: Attributes, field: number): void {
  const memo = memos[field];
  let i = 0;
  for (const key in attrs) {
    if (!Object.prototype.hasOwnProperty.call(attrs, key)) continue;
    const value = attrs[key];
    const known = memo.lookup(i, key, value);
    if (known !== undefined) {
      w.raw(known);
      i++;
      continue;
    }
    const start = w.pos;
    w.tag(field, LEN);
    const kv = w.fork();
    w.tag(1, LEN);
    w.string(key);
    w.tag(2, LEN);
    const v = w.fork();
    anyValue(w, value);
    w.join(v);
    w.join(kv);
    // Stored with its tag (each memo serves one field): a hit is then a single copy.
    if (memo.wants(i, value)) memo.store(i, key, value, w.buf.subarray(start, w.pos));
    i++;
  }
}

function uint32Field(w: ProtoWriter, field: number, value: number | undefined): void {
  if (!value) return;
  w.tag(field, VARINT);
  w.uint32(value);
}

export function writeSpan(w: ProtoWriter, s: SdkSpanLike): void {
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
  writeAttributes(w, s.attributes, 9);
  uint32Field(w, 10, s.droppedAttributesCount);
  for (const e of s.events) {
    w.tag(11, LEN);
    const at = w.fork();
    w.tag(1, I64);
    w.hrTime(e.time);
    w.tag(2, LEN);
    w.string(e.name);
    if (e.attributes) writeAttributes(w, e.attributes, 3);
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
    if (l.attributes) writeAttributes(w, l.attributes, 4);
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
