import type { Field, Type } from 'protobufjs';
import { Enum } from 'protobufjs';

/** A seeded PRNG (mulberry32): the same seed gives the same requests, so a failure replays. */
export class Random {
  private state: number;
  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
}

const int64Extremes = [
  '0',
  '1',
  '-1',
  '9223372036854775807',
  '-9223372036854775808',
  '9007199254740993',
  '1700824735828301291',
];
const uint64Extremes = ['0', '1', '18446744073709551615', '9007199254740993', '1700824735828301291'];
const doubles = [0, -0, 1.5, -2.25, Number.NaN, Infinity, -Infinity, 5e-324, 1.7976931348623157e308, 0.1];
const strings = ['', 'a', 'GET /cart', 'ünïcødé ✓', '🚀 emoji', 'quote " and \\ backslash', 'line\nbreak'];

function randomString(r: Random): string {
  return r.chance(0.5) ? r.pick(strings) : `s-${r.int(1e6).toString(36)}`;
}

function randomBytes(r: Random, field: Field): Buffer {
  // Ids have their OTLP lengths (the JSON form writes them as hex); other bytes are free.
  const length = /^(traceId|spanId|parentSpanId)$/.test(field.name)
    ? field.name === 'traceId'
      ? 16
      : 8
    : r.int(6);
  return Buffer.from(Array.from({ length }, () => r.int(256)));
}

function scalar(r: Random, field: Field): unknown {
  const big = (range: bigint, signed: boolean) => {
    if (r.chance(0.5)) return r.pick(signed ? int64Extremes : uint64Extremes);
    const v = (BigInt(r.int(2 ** 31)) * BigInt(r.int(2 ** 31))) % range;
    return String(signed && r.chance(0.3) ? -v : v);
  };
  switch (field.type) {
    case 'double':
      return r.chance(0.5) ? r.pick(doubles) : (r.next() - 0.5) * 10 ** r.int(12);
    case 'float':
      return r.pick([0, 1.5, -2, Number.NaN, Infinity]);
    case 'int64':
    case 'sint64':
    case 'sfixed64':
      return big(2n ** 63n, true);
    case 'uint64':
    case 'fixed64':
      return big(2n ** 64n, false);
    case 'int32':
    case 'sint32':
    case 'sfixed32':
      return r.pick([0, 1, -1, 2147483647, -2147483648, r.int(1000)]);
    case 'uint32':
    case 'fixed32':
      return r.pick([0, 1, 4294967295, 0x101, r.int(1000)]);
    case 'bool':
      return r.chance(0.5);
    case 'string':
      return randomString(r);
    case 'bytes':
      return randomBytes(r, field);
    default:
      throw new Error(`no generator for ${field.type}`);
  }
}

/** Every `Type.field` the generator has set so far (what a run covered of the definitions). */
export const generatedFields = new Set<string>();

/** Field names the generator fills with several elements so that every request has items. */
const itemLists = new Set([
  'resourceSpans',
  'resourceMetrics',
  'resourceLogs',
  'scopeSpans',
  'scopeMetrics',
  'scopeLogs',
  'spans',
  'metrics',
  'logRecords',
  'dataPoints',
]);
/** Keys the agent adds as pod identity: never sent, so that what it adds can be told apart. */
const identityKeys = new Set(['k8s.pod.name', 'k8s.namespace.name', 'k8s.node.name']);

/**
 * A random message of `type` as a plain object `type.fromObject` accepts (longs as decimal
 * strings, bytes as Buffers), reaching every field of the official definitions: every scalar kind
 * with its extremes, enums with unknown values, every oneof member (AnyValue nests arrays and
 * kvlists to `depth`), repeated fields, nested messages.
 */
export function randomMessage(r: Random, type: Type, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const oneof of type.oneofsArray) {
    if (oneof.name.startsWith('_') || r.chance(0.15)) continue; // `_x`: proto3 optional, below
    // Recursion stops by choosing a scalar member past the depth.
    const members = oneof.fieldsArray.filter(
      (f) => depth < 3 || !f.resolvedType || f.resolvedType instanceof Enum,
    );
    const f = r.pick(members);
    out[f.name] = value(r, f, depth);
    generatedFields.add(`${type.fullName}.${f.name}`);
  }
  for (const f of type.fieldsArray) {
    if (f.partOf && !f.partOf.name.startsWith('_')) continue; // real oneofs: done above
    const list = itemLists.has(f.name);
    if (!list && r.chance(0.35)) continue;
    if (f.repeated) {
      const n = list ? 1 + r.int(3) : r.int(depth > 1 ? 2 : 4);
      out[f.name] = Array.from({ length: n }, () => value(r, f, depth));
    } else out[f.name] = value(r, f, depth);
    generatedFields.add(`${type.fullName}.${f.name}`);
  }
  if (type.name === 'KeyValue' && typeof out.key === 'string' && identityKeys.has(out.key))
    out.key = 'not-identity';
  return out;
}

function value(r: Random, f: Field, depth: number): unknown {
  const t = f.resolvedType;
  if (t instanceof Enum) {
    const known = Object.values(t.values);
    return r.chance(0.2) ? 97 + r.int(3) : r.pick(known); // unknown enum values are valid
  }
  // `depth` counts AnyValue nesting: arrays and kvlists inside values.
  if (t) return randomMessage(r, t, /^(ArrayValue|KeyValueList)$/.test(t.name) ? depth + 1 : depth);
  return scalar(r, f);
}
