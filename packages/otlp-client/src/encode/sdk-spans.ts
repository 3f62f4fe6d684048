import type { Chunk } from '../batch/chunker.js';
import { ProtoWriter } from './proto-writer.js';
import type { SdkSpanLike } from './sdk-span-like.js';
import { writeAttributes, writeSpan } from './span-fields.js';

export type { SdkSpanLike } from './sdk-span-like.js';

const LEN = 2;
/** Room for the resource and scope lengths to need longer varints once their bodies are known. */
const lengthSlack = 8;

type Resource = SdkSpanLike['resource'];
type Scope = SdkSpanLike['instrumentationScope'];

/** Spans by resource, then by scope, in first-seen order: the official exporters' grouping. */
function group(spans: readonly SdkSpanLike[]): Map<Resource, Map<Scope, SdkSpanLike[]>> {
  const byResource = new Map<Resource, Map<Scope, SdkSpanLike[]>>();
  for (const s of spans) {
    let scopes = byResource.get(s.resource);
    if (!scopes) byResource.set(s.resource, (scopes = new Map<Scope, SdkSpanLike[]>()));
    let list = scopes.get(s.instrumentationScope);
    if (!list) scopes.set(s.instrumentationScope, (list = []));
    list.push(s);
  }
  return byResource;
}

function scopeHeader(w: ProtoWriter, scope: Scope): void {
  w.tag(1, LEN);
  const sc = w.fork();
  w.tag(1, LEN);
  w.string(scope.name);
  if (scope.version) {
    w.tag(2, LEN);
    w.string(scope.version);
  }
  w.join(sc);
}

function oneSpan(w: ProtoWriter, s: SdkSpanLike): void {
  w.tag(2, LEN);
  const at = w.fork();
  writeSpan(w, s);
  w.join(at);
}

/** Closes a ScopeSpans (schema URL after the spans, as the field order has it). */
function endScope(w: ProtoWriter, scope: Scope, at: number): void {
  if (scope.schemaUrl) {
    w.tag(3, LEN);
    w.string(scope.schemaUrl);
  }
  w.join(at);
}

/** At most what a schema URL field takes (UTF-8: up to 3 bytes per UTF-16 unit). */
function schemaUrlBytes(x: { schemaUrl?: string }): number {
  return x.schemaUrl ? 6 + 3 * x.schemaUrl.length : 0;
}

function startResource(w: ProtoWriter, resource: Resource): number {
  w.tag(1, LEN); // ExportTraceServiceRequest.resource_spans
  const entry = w.fork();
  w.tag(1, LEN);
  const res = w.fork();
  writeAttributes(w, resource.attributes, 1);
  w.join(res);
  return entry;
}

function endResource(w: ProtoWriter, resource: Resource, at: number): void {
  if (resource.schemaUrl) {
    w.tag(3, LEN);
    w.string(resource.schemaUrl);
  }
  w.join(at);
}

/**
 * Encodes SDK spans straight to chunks (see batch/chunker.ts), one every `maxItems` spans, each
 * grouped by resource and scope as the official exporters group them, all in one buffer written
 * in one pass. No OTLP object is built on the way.
 */
export function sdkSpansToChunks(spans: readonly SdkSpanLike[], maxItems: number): Chunk[] {
  // ~10-attribute spans take 350-450 bytes: size for that, so that growing (a copy) stays rare.
  const w = new ProtoWriter(Math.max(1024, spans.length * 448));
  const marks: { start: number; end: number; items: number }[] = [];
  for (let i = 0; i < spans.length; i += maxItems) {
    const start = w.pos;
    const piece = spans.slice(i, i + maxItems);
    writeSdkSpans(w, piece, Infinity);
    marks.push({ start, end: w.pos, items: piece.length });
  }
  return marks.map((m) => ({ bytes: w.buf.subarray(m.start, m.end), items: m.items }));
}

/**
 * Writes SDK spans into `w` as ResourceSpans entries of an Export request (grouped as above), as
 * many as fit in `maxBytes` (at least one span). Returns the spans left out, to be sent later.
 * The batcher encodes this way when a batch is sent, into a buffer it reuses.
 */
export function writeSdkSpans(
  w: ProtoWriter,
  spans: readonly SdkSpanLike[],
  maxBytes: number,
): SdkSpanLike[] {
  const base = w.pos;
  let written = 0;
  const rest: SdkSpanLike[] = [];
  for (const [resource, scopes] of group(spans)) {
    if (rest.length > 0) {
      for (const list of scopes.values()) rest.push(...list);
      continue;
    }
    const resourceStart = w.pos;
    const entry = startResource(w, resource);
    let scopesWritten = 0;
    for (const [scope, list] of scopes) {
      if (rest.length > 0) {
        rest.push(...list);
        continue;
      }
      const scopeStart = w.pos;
      w.tag(2, LEN);
      const at = w.fork();
      scopeHeader(w, scope);
      let i = 0;
      const tail = lengthSlack + schemaUrlBytes(scope) + schemaUrlBytes(resource);
      for (; i < list.length; i++) {
        const before = w.pos;
        oneSpan(w, list[i]);
        if (written > 0 && w.pos - base + tail > maxBytes) {
          w.pos = before;
          break;
        }
        written++;
      }
      if (i < list.length) for (let j = i; j < list.length; j++) rest.push(list[j]);
      if (i === 0)
        w.pos = scopeStart; // nothing of this scope fitted
      else {
        endScope(w, scope, at);
        scopesWritten++;
      }
    }
    if (scopesWritten === 0) w.pos = resourceStart;
    else endResource(w, resource, entry);
  }
  return rest;
}
