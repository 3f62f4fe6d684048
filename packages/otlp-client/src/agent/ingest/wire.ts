/**
 * The few protobuf wire-format primitives the agent's pass-through needs: walk the fields of a
 * message without decoding it, and write length-delimited fields. Written by hand because
 * protobufjs decodes into objects, and the point here is not to.
 */

/** The bytes are not a well-formed protobuf message (answered with 400 / INVALID_ARGUMENT). */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

export const wireTypes = { varint: 0, i64: 1, len: 2, i32: 5 } as const;

/** A read position inside `buf`, bounded by `end`. */
export interface Cursor {
  buf: Uint8Array;
  pos: number;
  end: number;
}

/** An unsigned varint that must fit in 32 bits (tags and lengths). */
export function readUint32(c: Cursor): number {
  let value = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (c.pos >= c.end) throw new WireError(`truncated varint at byte ${c.pos}`);
    const b = c.buf[c.pos++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) {
      if (value > 0xffffffff) throw new WireError(`varint at byte ${c.pos} exceeds 32 bits`);
      return value;
    }
  }
  throw new WireError(`varint at byte ${c.pos} is too long`);
}

/** Moves past one field value of the given wire type; returns where the value starts. */
export function skipValue(c: Cursor, wireType: number): number {
  const start = c.pos;
  switch (wireType) {
    case wireTypes.varint: {
      for (let i = 0; ; i++) {
        if (i === 10) throw new WireError(`varint at byte ${start} is too long`);
        if (c.pos >= c.end) throw new WireError(`truncated varint at byte ${start}`);
        if (c.buf[c.pos++] < 0x80) break;
      }
      return start;
    }
    case wireTypes.i64:
      c.pos += 8;
      break;
    case wireTypes.i32:
      c.pos += 4;
      break;
    case wireTypes.len: {
      const len = readUint32(c);
      const valueStart = c.pos;
      c.pos += len;
      if (c.pos > c.end)
        throw new WireError(`field at byte ${start} declares ${len} bytes, past the end of its message`);
      return valueStart;
    }
    default:
      // Groups (3, 4) do not occur in OTLP; 6 and 7 do not exist.
      throw new WireError(`wire type ${wireType} at byte ${start} is not used by OTLP`);
  }
  if (c.pos > c.end)
    throw new WireError(`fixed-size field at byte ${start} runs past the end of its message`);
  return start;
}

/** One field of a message, as positions in the buffer. */
export interface FieldSpan {
  field: number;
  wireType: number;
  /** Where the tag starts: [tagStart, end) is the whole field, re-emittable verbatim. */
  tagStart: number;
  /** Where the value (after the length, for wire type 2) starts. */
  valueStart: number;
  end: number;
}

/**
 * Calls `visit` for each field of the message in buf[start, end). Throws WireError on malformed
 * framing; a field number of 0 is malformed too.
 */
export function forEachField(
  buf: Uint8Array,
  start: number,
  end: number,
  visit: (f: FieldSpan) => void,
): void {
  const c: Cursor = { buf, pos: start, end };
  const span: FieldSpan = { field: 0, wireType: 0, tagStart: 0, valueStart: 0, end: 0 };
  while (c.pos < end) {
    span.tagStart = c.pos;
    const tag = readUint32(c);
    span.field = tag >>> 3;
    span.wireType = tag & 7;
    if (span.field === 0) throw new WireError(`field number 0 at byte ${span.tagStart}`);
    span.valueStart = skipValue(c, span.wireType);
    span.end = c.pos;
    visit(span);
  }
}

/** Whether buf[start, end) is a well-framed message (every field's tag, wire type and length). */
export function checkFraming(buf: Uint8Array, start: number, end: number): void {
  forEachField(buf, start, end, () => undefined);
}

function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

function writeVarint(out: Uint8Array, pos: number, n: number): number {
  while (n >= 0x80) {
    out[pos++] = (n & 0x7f) | 0x80;
    n = Math.floor(n / 128);
  }
  out[pos++] = n;
  return pos;
}

/** A length-delimited field `field` whose value is the concatenation of `parts`. */
export function lenField(field: number, parts: readonly Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const tag = (field << 3) | wireTypes.len;
  const out = new Uint8Array(varintSize(tag) + varintSize(len) + len);
  let pos = writeVarint(out, 0, tag);
  pos = writeVarint(out, pos, len);
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

const utf8 = new TextEncoder();

/** A string field. */
export function stringField(field: number, value: string): Uint8Array {
  return lenField(field, [utf8.encode(value)]);
}
