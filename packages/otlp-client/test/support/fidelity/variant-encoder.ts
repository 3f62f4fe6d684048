import type { Field, Message, Type } from 'protobufjs';
import { Enum } from 'protobufjs';
import type { Random } from './random-request';

/**
 * Encodes a message in one of the many byte forms the protobuf encoding allows for it, all of which
 * a conforming parser reads as the same message: fields in any order (a repeated field's elements
 * keep theirs), singular message fields split into several occurrences (merged by the parser),
 * a scalar sent twice (the last wins), repeated numbers packed, unpacked or in several packed runs,
 * non-minimal varints (values, tags and lengths), explicit default values, unknown fields.
 */
export interface VariantOptions {
  shuffle: boolean;
  split: boolean;
  decoys: boolean;
  padVarints: boolean;
  explicitDefaults: boolean;
  unknownFields: boolean;
}

interface Entry {
  /** Entries with the same key keep their relative order. */
  key: number;
  bytes: Uint8Array;
}

const wire = { varint: 0, i64: 1, len: 2, i32: 5 };
const packable = new Set([
  'double',
  'float',
  'int32',
  'int64',
  'uint32',
  'uint64',
  'sint32',
  'sint64',
  'fixed32',
  'fixed64',
  'sfixed32',
  'sfixed64',
  'bool',
]);

function varint(value: bigint, pad: number): Uint8Array {
  const out: number[] = [];
  let v = value;
  do {
    out.push(Number(v & 0x7fn));
    v >>= 7n;
  } while (v > 0n);
  for (let i = 0; i < pad; i++) out.push(0);
  for (let i = 0; i < out.length - 1; i++) out[i] |= 0x80;
  return Uint8Array.from(out);
}

const concat = (parts: Uint8Array[]) => Buffer.concat(parts);

class Writer {
  constructor(
    private readonly r: Random,
    private readonly o: VariantOptions,
  ) {}

  /** Padding for a varint of at most `max` bytes whose minimal form has `minimal`. */
  private pad(minimal: number, max: number): number {
    return this.o.padVarints && this.r.chance(0.3) ? this.r.int(max - minimal + 1) : 0;
  }

  private v(value: bigint, max = 10): Uint8Array {
    const minimal = varint(value, 0).length;
    return varint(value, this.pad(minimal, max));
  }

  tag(field: number, wireType: number): Uint8Array {
    return this.v(BigInt(field * 8 + wireType), 5);
  }

  len(payload: Uint8Array): Uint8Array {
    return concat([this.v(BigInt(payload.length), 5), payload]);
  }

  /** A scalar's payload (without tag) and its wire type. */
  scalar(type: string, value: unknown): { wireType: number; bytes: Uint8Array } {
    const big = () => BigInt(String(value));
    const u64 = (x: bigint) => BigInt.asUintN(64, x);
    const fixed = (size: 4 | 8, write: (b: Buffer) => void) => {
      const b = Buffer.alloc(size);
      write(b);
      return { wireType: size === 4 ? wire.i32 : wire.i64, bytes: b };
    };
    switch (type) {
      case 'double':
        return fixed(8, (b) => b.writeDoubleLE(Number(value)));
      case 'float':
        return fixed(4, (b) => b.writeFloatLE(Number(value)));
      case 'fixed32':
        return fixed(4, (b) => b.writeUInt32LE(Number(value) >>> 0));
      case 'sfixed32':
        return fixed(4, (b) => b.writeInt32LE(Number(value) | 0));
      case 'fixed64':
        return fixed(8, (b) => b.writeBigUInt64LE(u64(big())));
      case 'sfixed64':
        return fixed(8, (b) => b.writeBigInt64LE(BigInt.asIntN(64, big())));
      case 'int32':
      case 'int64':
      case 'uint32':
      case 'uint64':
      case 'enum':
        // Negative int32 and enum values are sign-extended to 64 bits, as the encoding says.
        return { wireType: wire.varint, bytes: this.v(u64(big())) };
      case 'sint32':
      case 'sint64': {
        const x = big();
        return { wireType: wire.varint, bytes: this.v(u64(x >= 0n ? x * 2n : -x * 2n - 1n)) };
      }
      case 'bool':
        return { wireType: wire.varint, bytes: this.v(value ? 1n : 0n) };
      case 'string':
        return { wireType: wire.len, bytes: this.len(Buffer.from(String(value), 'utf8')) };
      case 'bytes':
        return { wireType: wire.len, bytes: this.len(Buffer.from(value as Uint8Array)) };
      default:
        throw new Error(`no encoding for ${type}`);
    }
  }

  message(type: Type, msg: Message): Uint8Array {
    return concat(this.order(this.entries(type, msg)).map((e) => e.bytes));
  }

  private entries(type: Type, msg: Message): Entry[] {
    const m = msg as unknown as Record<string, unknown>;
    const out: Entry[] = [];
    for (const f of type.fieldsArray) {
      const value = m[f.name];
      const present = f.repeated
        ? Array.isArray(value) && value.length > 0
        : value != null && Object.prototype.hasOwnProperty.call(m, f.name);
      if (!present) {
        if (this.o.explicitDefaults && !f.repeated && !f.partOf && !f.resolvedType && this.r.chance(0.3))
          out.push(this.field(f, defaultOf(f.type)));
        else if (
          this.o.explicitDefaults &&
          !f.repeated &&
          !f.partOf &&
          f.resolvedType instanceof Enum &&
          this.r.chance(0.3)
        )
          out.push(this.field(f, 0));
        continue;
      }
      if (f.repeated) {
        const values = value as unknown[];
        const kind = f.resolvedType instanceof Enum ? 'enum' : f.type;
        if (!f.resolvedType || f.resolvedType instanceof Enum) {
          if (packable.has(kind) || kind === 'enum') {
            out.push(...this.packedOrNot(f, kind, values));
            continue;
          }
        }
        for (const v of values) out.push(this.field(f, v));
        continue;
      }
      if (f.resolvedType && !(f.resolvedType instanceof Enum)) {
        out.push(...this.messageField(f, f.resolvedType, value as Message));
        continue;
      }
      if (this.o.decoys && this.r.chance(0.2)) out.push(this.field(f, decoyOf(f)));
      out.push(this.field(f, value));
    }
    if (this.o.unknownFields && this.r.chance(0.3)) out.push(this.unknown());
    return out;
  }

  /** One complete field: tag and value. */
  private field(f: Field, value: unknown): Entry {
    if (f.resolvedType && !(f.resolvedType instanceof Enum))
      return {
        key: f.id,
        bytes: concat([this.tag(f.id, wire.len), this.len(this.message(f.resolvedType, value as Message))]),
      };
    const { wireType, bytes } = this.scalar(f.resolvedType instanceof Enum ? 'enum' : f.type, value);
    return { key: f.id, bytes: concat([this.tag(f.id, wireType), bytes]) };
  }

  /** A singular message, whole or as two occurrences that merge back into it. */
  private messageField(f: Field, type: Type, value: Message): Entry[] {
    const inner = this.order(this.entries(type, value));
    if (!this.o.split || inner.length < 2 || !this.r.chance(0.4)) {
      return [
        { key: f.id, bytes: concat([this.tag(f.id, wire.len), this.len(concat(inner.map((e) => e.bytes)))]) },
      ];
    }
    const cut = 1 + this.r.int(inner.length - 1);
    return [inner.slice(0, cut), inner.slice(cut)].map((part) => ({
      key: f.id,
      bytes: concat([this.tag(f.id, wire.len), this.len(concat(part.map((e) => e.bytes)))]),
    }));
  }

  private packedOrNot(f: Field, kind: string, values: unknown[]): Entry[] {
    const mode = this.r.int(3);
    if (mode === 0) return values.map((v) => this.field(f, v));
    const runs = mode === 1 || values.length < 2 ? [values] : [values.slice(0, 1), values.slice(1)];
    return runs.map((run) => ({
      key: f.id,
      bytes: concat([this.tag(f.id, wire.len), this.len(concat(run.map((v) => this.scalar(kind, v).bytes)))]),
    }));
  }

  private unknown(): Entry {
    const id = 1000 + this.r.int(1000);
    const kind = this.r.int(4);
    if (kind === 0)
      return { key: id, bytes: concat([this.tag(id, wire.varint), this.v(BigInt(this.r.int(1e9)))]) };
    if (kind === 1) return { key: id, bytes: concat([this.tag(id, wire.i64), Buffer.alloc(8, 7)]) };
    if (kind === 2) return { key: id, bytes: concat([this.tag(id, wire.i32), Buffer.alloc(4, 9)]) };
    return { key: id, bytes: concat([this.tag(id, wire.len), this.len(Buffer.from('unknown field'))]) };
  }

  /** Fields in a random order; entries of one field keep theirs. */
  private order(entries: Entry[]): Entry[] {
    if (!this.o.shuffle) return entries;
    const queues = new Map<number, Entry[]>();
    for (const e of entries) queues.set(e.key, [...(queues.get(e.key) ?? []), e]);
    const out: Entry[] = [];
    const keys = [...queues.keys()];
    while (keys.length > 0) {
      const i = this.r.int(keys.length);
      const q = queues.get(keys[i])!;
      out.push(q.shift()!);
      if (q.length === 0) keys.splice(i, 1);
    }
    return out;
  }
}

function defaultOf(type: string): unknown {
  if (type === 'string') return '';
  if (type === 'bytes') return Buffer.alloc(0);
  if (type === 'bool') return false;
  return 0;
}

/** A value different from nothing in particular: it is overwritten by the real one after it. */
function decoyOf(f: Field): unknown {
  if (f.resolvedType instanceof Enum) return 1;
  switch (f.type) {
    case 'string':
      return 'decoy';
    case 'bytes':
      return Buffer.from('decoy');
    case 'bool':
      return true;
    default:
      return 7;
  }
}

/** `obj` (as `type.fromObject` takes it) encoded with `options`. */
export function encodeVariant(
  type: Type,
  obj: Record<string, unknown>,
  r: Random,
  options: VariantOptions,
): Uint8Array {
  return new Writer(r, options).message(type, type.fromObject(obj));
}
