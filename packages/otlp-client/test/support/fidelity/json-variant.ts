import type { Field, Message, Type } from 'protobufjs';
import { Enum } from 'protobufjs';
import type { Random } from './random-request';

/** OTLP/JSON writes these bytes fields as hex (any case), the others as base64. */
const hexFields = new Set(['traceId', 'spanId', 'parentSpanId']);
const int64Kinds = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);

/**
 * `obj` as OTLP/JSON text in one of the forms the specification and proto3's JSON mapping allow:
 * keys in any order, 64-bit integers as strings or as bare numbers (above 2^53 too: the text is
 * written digit by digit, never through a JS number), hex ids in upper or lower case, enums as
 * numbers (or names), NaN and infinities as strings, numbers sometimes as strings, explicit
 * defaults, and unknown keys (which receivers ignore).
 */
export function renderJsonVariant(type: Type, obj: Record<string, unknown>, r: Random): string {
  return message(type, type.fromObject(obj), r);
}

function message(type: Type, msg: Message, r: Random): string {
  const m = msg as unknown as Record<string, unknown>;
  const parts: string[] = [];
  for (const f of type.fieldsArray) {
    const v = m[f.name];
    const present = f.repeated
      ? Array.isArray(v) && v.length > 0
      : v != null && Object.prototype.hasOwnProperty.call(m, f.name);
    if (!present) {
      if (!f.repeated && !f.partOf && !f.resolvedType && r.chance(0.15))
        parts.push(`"${f.name}":${defaultJson(f.type)}`);
      continue;
    }
    const text = f.repeated ? `[${(v as unknown[]).map((x) => value(f, x, r)).join(',')}]` : value(f, v, r);
    parts.push(`${JSON.stringify(f.name)}:${text}`);
  }
  if (r.chance(0.1)) parts.push(`"unknownKey${r.int(100)}":{"ignored":[1,"x"]}`);
  return `{${r.shuffle(parts).join(',')}}`;
}

function value(f: Field, v: unknown, r: Random): string {
  const t = f.resolvedType;
  if (t instanceof Enum) {
    const name = t.valuesById[v as number];
    return name && r.chance(0.3) ? JSON.stringify(name) : String(v);
  }
  if (t) return message(t, v as Message, r);
  if (int64Kinds.has(f.type)) {
    const digits = String(v);
    return r.chance(0.5) ? digits : JSON.stringify(digits);
  }
  switch (f.type) {
    case 'double':
    case 'float': {
      const n = v as number;
      if (!Number.isFinite(n)) return JSON.stringify(String(n));
      return r.chance(0.2) ? JSON.stringify(String(n)) : JSON.stringify(n);
    }
    case 'bool':
      return String(v);
    case 'string':
      return JSON.stringify(v);
    case 'bytes': {
      const b = Buffer.from(v as Uint8Array);
      if (!hexFields.has(f.name)) return JSON.stringify(b.toString('base64'));
      const hex = b.toString('hex');
      return JSON.stringify(r.chance(0.5) ? hex.toUpperCase() : hex);
    }
    default:
      return r.chance(0.2) ? JSON.stringify(String(v)) : String(v);
  }
}

function defaultJson(type: string): string {
  if (type === 'string' || type === 'bytes') return '""';
  if (type === 'bool') return 'false';
  return int64Kinds.has(type) ? '"0"' : '0';
}
