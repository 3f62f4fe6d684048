import type { Env } from '../../config/env.js';
import { forEachField, lenField, stringField, wireTypes } from './wire.js';

/** A resource attribute the agent adds, pre-encoded as a Resource.attributes field. */
export interface IdentityAttribute {
  key: string;
  value: string;
  keyBytes: Uint8Array;
  /** `attributes` (field 1 of Resource) holding KeyValue{key, value: AnyValue{string_value}}. */
  field: Uint8Array;
}

/** Downward-API variables the chart sets, and the semantic-convention keys they become. */
export const podIdentityEnv = {
  POD_NAME: 'k8s.pod.name',
  POD_NAMESPACE: 'k8s.namespace.name',
  NODE_NAME: 'k8s.node.name',
} as const;

const utf8 = new TextEncoder();

export function podIdentity(env: Env): IdentityAttribute[] {
  const attrs: IdentityAttribute[] = [];
  for (const [name, key] of Object.entries(podIdentityEnv)) {
    const value = env[name]?.trim();
    if (!value) continue;
    const keyValue = [stringField(1, key), lenField(2, [stringField(1, value)])];
    attrs.push({ key, value, keyBytes: utf8.encode(key), field: lenField(1, keyValue) });
  }
  return attrs;
}

function sameBytes(buf: Uint8Array, start: number, end: number, want: Uint8Array): boolean {
  if (end - start !== want.length) return false;
  for (let i = 0; i < want.length; i++) if (buf[start + i] !== want[i]) return false;
  return true;
}

/**
 * The identity attributes missing from a Resource sent as the occurrences buf[start, end) (one
 * message, merged): an attribute the sender already set (its own k8s.pod.name, say) is never
 * overwritten.
 */
export function missingIdentity(
  attrs: readonly IdentityAttribute[],
  buf: Uint8Array,
  occurrences: readonly { start: number; end: number }[],
): IdentityAttribute[] {
  if (attrs.length === 0) return [];
  const present = new Set<IdentityAttribute>();
  for (const { start, end } of occurrences)
    forEachField(buf, start, end, (f) => {
      if (f.field !== 1 || f.wireType !== wireTypes.len) return;
      // A KeyValue's key is a string: its last occurrence is the key.
      let key: { start: number; end: number } | undefined;
      forEachField(buf, f.valueStart, f.end, (kv) => {
        if (kv.field === 1 && kv.wireType === wireTypes.len) key = { start: kv.valueStart, end: kv.end };
      });
      if (key) for (const a of attrs) if (sameBytes(buf, key.start, key.end, a.keyBytes)) present.add(a);
    });
  return attrs.filter((a) => !present.has(a));
}
