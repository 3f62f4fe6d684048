/**
 * A single-pass protobuf writer into one growing buffer. A length-delimited field reserves one
 * byte for its length and, in the rare case the body needs a longer varint, moves the body right
 * once (memmove); there is no size-estimation pass and no per-field allocation. Used for SDK spans,
 * where protobufjs would first need an object per span, attribute and value.
 */
export class ProtoWriter {
  buf: Buffer;
  pos = 0;

  constructor(size = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(size);
  }

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** An unsigned varint below 2^32. */
  uint32(v: number): void {
    this.ensure(5);
    const b = this.buf;
    let p = this.pos;
    while (v > 127) {
      b[p++] = (v & 127) | 128;
      v >>>= 7;
    }
    b[p++] = v;
    this.pos = p;
  }

  /** An int64 varint (negative numbers take ten bytes, as protobuf's two's complement wants). */
  int64(n: number): void {
    if (n >= 0 && n <= 0xffffffff) return this.uint32(n);
    this.ensure(10);
    let v = BigInt.asUintN(64, BigInt(n));
    while (v > 127n) {
      this.buf[this.pos++] = Number(v & 127n) | 128;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
  }

  tag(field: number, wireType: number): void {
    this.uint32((field << 3) | wireType);
  }

  /** Starts a length-delimited value; pass the result to `join` when it is written. */
  fork(): number {
    this.ensure(1);
    return this.pos++;
  }

  join(at: number): void {
    const len = this.pos - at - 1;
    if (len < 128) {
      this.buf[at] = len;
      return;
    }
    let extra = 0;
    for (let v = len >>> 7; v > 0; v >>>= 7) extra++;
    this.ensure(extra);
    this.buf.copyWithin(at + 1 + extra, at + 1, this.pos);
    this.pos += extra;
    let v = len;
    let p = at;
    while (v > 127) {
      this.buf[p++] = (v & 127) | 128;
      v >>>= 7;
    }
    this.buf[p] = v;
  }

  string(s: string): void {
    const n = s.length;
    if (n < 128) {
      // ASCII fast path: copy char codes, bail out to the UTF-8 encoder at the first non-ASCII one.
      this.ensure(n + 1);
      const b = this.buf;
      const start = this.pos + 1;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c > 127) break;
        b[start + i] = c;
      }
      if (i === n) {
        b[this.pos] = n;
        this.pos = start + n;
        return;
      }
    }
    const len = Buffer.byteLength(s, 'utf8');
    this.uint32(len);
    this.ensure(len);
    this.buf.write(s, this.pos, len, 'utf8');
    this.pos += len;
  }

  bytes(value: Uint8Array): void {
    this.uint32(value.length);
    this.ensure(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  /** Bytes given as hex text (trace and span IDs), decoded straight into the buffer. */
  hexBytes(hex: string): void {
    const n = hex.length >>> 1;
    this.uint32(n);
    this.ensure(n);
    const b = this.buf;
    for (let i = 0; i < n; i++)
      b[this.pos++] = (nibble(hex.charCodeAt(2 * i)) << 4) | nibble(hex.charCodeAt(2 * i + 1));
  }

  double(v: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(v, this.pos);
    this.pos += 8;
  }

  fixed32(v: number): void {
    this.ensure(4);
    this.buf.writeUInt32LE(v >>> 0, this.pos);
    this.pos += 4;
  }

  /** An HrTime [seconds, nanoseconds] as fixed64 nanoseconds, exact (no float rounding past 2^53). */
  hrTime(t: readonly [number, number]): void {
    // seconds × 1e9 = (high × 2^16 + low) × 1e9, each product below 2^53.
    const low = (t[0] & 0xffff) * 1e9 + t[1];
    const high = Math.floor(t[0] / 0x10000) * 1e9;
    const lowWords = (high % 0x10000) * 0x10000 + low;
    this.ensure(8);
    this.buf.writeUInt32LE(lowWords % 0x100000000, this.pos);
    this.buf.writeUInt32LE(Math.floor(high / 0x10000) + Math.floor(lowWords / 0x100000000), this.pos + 4);
    this.pos += 8;
  }
}

function nibble(c: number): number {
  // '0'-'9' → 0-9, 'a'-'f' / 'A'-'F' → 10-15
  return c <= 57 ? c - 48 : (c | 32) - 87;
}
