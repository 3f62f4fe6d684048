/**
 * A single-pass protobuf writer into one growing buffer. A length-delimited field reserves one
 * byte for its length and, in the rare case the body needs a longer varint, moves the body right
 * once (memmove); there is no size-estimation pass and no per-field allocation. Used for SDK spans,
 * where protobufjs would first need an object per span, attribute and value.
 */
export class ProtoWriter {
  buf: Buffer;
  pos = 0;
  private lastSeconds = -1;
  private secondsLo = 0;
  private secondsHi = 0;

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

  /** Bytes written as they are (an encoding made earlier, length prefix included). */
  raw(value: Uint8Array): void {
    const n = value.length;
    this.ensure(n);
    const b = this.buf;
    const p = this.pos;
    // Short copies (the usual case: one attribute) are faster in a loop than through set().
    if (n < 64) for (let i = 0; i < n; i++) b[p + i] = value[i];
    else b.set(value, p);
    this.pos = p + n;
  }

  /** Bytes given as hex text (trace and span IDs), decoded straight into the buffer. */
  hexBytes(hex: string): void {
    const n = hex.length >>> 1;
    this.uint32(n);
    this.ensure(n);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < 2 * n; i += 2)
      b[p++] = hexPairs[((hex.charCodeAt(i) & 127) << 7) | (hex.charCodeAt(i + 1) & 127)];
    this.pos = p;
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
    const seconds = t[0];
    // Spans written together mostly share their second: split seconds × 1e9 into 32-bit words
    // once per second, then add the nanoseconds (< 2^30) with a carry.
    if (seconds !== this.lastSeconds) {
      // seconds × 1e9 = (high × 2^16 + low) × 1e9, each product below 2^53.
      const low = (seconds & 0xffff) * 1e9;
      const high = Math.floor(seconds / 0x10000) * 1e9;
      const lowWords = (high % 0x10000) * 0x10000 + low;
      this.lastSeconds = seconds;
      this.secondsLo = lowWords % 0x100000000;
      this.secondsHi = Math.floor(high / 0x10000) + Math.floor(lowWords / 0x100000000);
    }
    let lo = this.secondsLo + t[1];
    let hi = this.secondsHi;
    if (lo >= 0x100000000) {
      lo -= 0x100000000;
      hi++;
    }
    this.ensure(8);
    // Byte stores (typed arrays keep the low 8 bits) skip writeUInt32LE's range checks.
    const b = this.buf;
    const p = this.pos;
    b[p] = lo;
    b[p + 1] = lo >>> 8;
    b[p + 2] = lo >>> 16;
    b[p + 3] = lo >>> 24;
    b[p + 4] = hi;
    b[p + 5] = hi >>> 8;
    b[p + 6] = hi >>> 16;
    b[p + 7] = hi >>> 24;
    this.pos = p + 8;
  }
}

/** Byte value of every pair of hex digits, indexed by (first char code << 7) | second char code. */
const hexPairs = (() => {
  const table = new Uint8Array(1 << 14);
  const digits = '0123456789abcdef';
  for (let hi = 0; hi < 16; hi++)
    for (let lo = 0; lo < 16; lo++)
      for (const a of [digits[hi], digits[hi].toUpperCase()])
        for (const c of [digits[lo], digits[lo].toUpperCase()])
          table[(a.charCodeAt(0) << 7) | c.charCodeAt(0)] = (hi << 4) | lo;
  return table;
})();
