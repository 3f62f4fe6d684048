import { isSafeNumber, parse as parseLossless } from 'lossless-json';
import type { Signal } from '../../proto/signals.js';
import { signalSpecs } from '../../proto/signals.js';
import { WireError } from './wire.js';

/** OTLP/JSON writes these bytes fields as hex, where protobuf's JSON mapping would use base64. */
const hexIdFields = new Set(['traceId', 'spanId', 'parentSpanId']);

function hexIds(value: unknown, path: string): unknown {
  if (Array.isArray(value)) return value.map((v, i) => hexIds(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (hexIdFields.has(key) && typeof v === 'string') {
      if (!/^([0-9a-fA-F]{2})*$/.test(v)) throw new WireError(`${path}.${key}: "${v}" is not hex`);
      out[key] = Buffer.from(v, 'hex');
    } else out[key] = hexIds(v, `${path}.${key}`);
  }
  return out;
}

/**
 * A JSON number as a JS number when that loses nothing, else as its text: OTLP/JSON may send 64-bit
 * integers (timestamps, intValue, counts) as numbers, which JSON.parse would round above 2^53;
 * protobufjs reads a 64-bit field from text exactly (and a double from text as Number does).
 */
function exactNumber(text: string): number | string {
  return isSafeNumber(text) ? Number(text) : text;
}

/**
 * An OTLP/JSON Export request, re-encoded as protobuf so that it takes the same path as every
 * other request. 64-bit integers arrive exactly whether sent as strings or numbers. Bad JSON or a
 * value of the wrong type is a WireError (400).
 */
export function jsonToProtobuf(signal: Signal, text: string): Uint8Array {
  let parsed: unknown;
  try {
    parsed = parseLossless(text, undefined, exactNumber);
  } catch (err) {
    throw new WireError(`invalid JSON: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new WireError('the body must be a JSON object');
  const type = signalSpecs[signal].request;
  try {
    return type.encode(type.fromObject(hexIds(parsed, '$') as Record<string, unknown>)).finish();
  } catch (err) {
    if (err instanceof WireError) throw err;
    throw new WireError(`not an OTLP ${signal} request: ${(err as Error).message}`);
  }
}
