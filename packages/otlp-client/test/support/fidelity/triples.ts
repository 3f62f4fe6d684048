import type { Type } from 'protobufjs';
import type { Signal } from '../../../src/proto/signals';
import { officialRequestType } from './official-proto';

const entryFields: Record<Signal, [string, string, string]> = {
  traces: ['resourceSpans', 'scopeSpans', 'spans'],
  metrics: ['resourceMetrics', 'scopeMetrics', 'metrics'],
  logs: ['resourceLogs', 'scopeLogs', 'logRecords'],
};

type Obj = Record<string, unknown>;

/**
 * A decoded message with the values proto3 cannot tell from absent removed (scalars without
 * presence at their default), so that a field sent explicitly as 0 equals one left out. Fields
 * with presence (oneof members, proto3 optional) keep their defaults.
 */
function withoutDefaults(type: Type, obj: Obj): Obj {
  const out: Obj = {};
  for (const f of type.fieldsArray) {
    const v = obj[f.name];
    if (v === undefined) continue;
    const child = f.resolvedType && 'fieldsArray' in f.resolvedType ? f.resolvedType : undefined;
    if (f.repeated) {
      const list = v as unknown[];
      if (list.length === 0) continue;
      out[f.name] = child ? list.map((x) => withoutDefaults(child, x as Obj)) : list;
    } else if (child) out[f.name] = withoutDefaults(child, v as Obj);
    else if (f.partOf || !(v === 0 || v === '0' || v === '' || v === false)) out[f.name] = v;
  }
  return out;
}

export interface Decoded {
  /** JSON of (resource, resource schema_url, scope, scope schema_url, item) → how many times. */
  triples: Map<string, number>;
  items: number;
  /** Resource entries that lack one of the expected identity attributes (or have a wrong value). */
  identityProblems: string[];
}

/**
 * The (resource, scope, item) multiset of Export requests, decoded with the official definitions.
 * With `identity`, the attributes the agent adds are checked on every resource and then removed.
 */
export function decodeTriples(
  signal: Signal,
  bodies: readonly Uint8Array[],
  identity?: Record<string, string>,
): Decoded {
  const type = officialRequestType(signal);
  const [resourceList, scopeList, itemList] = entryFields[signal];
  const entryType = type.fields[resourceList].resolvedType as Type;
  const resourceType = entryType.fields.resource.resolvedType as Type;
  const scopeEntryType = entryType.fields[scopeList].resolvedType as Type;
  const scopeType = scopeEntryType.fields.scope.resolvedType as Type;
  const itemType = scopeEntryType.fields[itemList].resolvedType as Type;
  const triples = new Map<string, number>();
  const identityProblems: string[] = [];
  let items = 0;
  for (const body of bodies) {
    const req = type.toObject(type.decode(body), {
      longs: String,
      bytes: String,
      enums: Number,
      json: true,
    });
    for (const entry of (req[resourceList] as Obj[] | undefined) ?? []) {
      let resource = withoutDefaults(resourceType, (entry.resource as Obj | undefined) ?? {});
      if (identity) {
        const attrs =
          (resource.attributes as { key: string; value: { stringValue?: string } }[] | undefined) ?? [];
        for (const [key, want] of Object.entries(identity)) {
          const found = attrs.filter((a) => a.key === key);
          if (found.length !== 1 || found[0].value?.stringValue !== want)
            identityProblems.push(`${key}: ${JSON.stringify(found)}`);
        }
        const rest = attrs.filter((a) => !(a.key in identity));
        resource = { ...resource };
        if (rest.length > 0) resource.attributes = rest;
        else delete resource.attributes;
      }
      for (const scopeEntry of (entry[scopeList] as Obj[] | undefined) ?? []) {
        const scope = scopeEntry.scope ? withoutDefaults(scopeType, scopeEntry.scope as Obj) : {};
        for (const item of (scopeEntry[itemList] as Obj[] | undefined) ?? []) {
          const key = JSON.stringify([
            resource,
            entry.schemaUrl ?? '',
            scope,
            scopeEntry.schemaUrl ?? '',
            withoutDefaults(itemType, item),
          ]);
          triples.set(key, (triples.get(key) ?? 0) + 1);
          items++;
        }
      }
    }
  }
  return { triples, items, identityProblems };
}

/** The first differences between two multisets, for a failure message. */
export function multisetDiff(
  expected: Map<string, number>,
  received: Map<string, number>,
  limit = 2,
): string[] {
  const out: string[] = [];
  for (const [k, n] of expected)
    if ((received.get(k) ?? 0) !== n && out.length < limit)
      out.push(`expected ${n}× (got ${received.get(k) ?? 0}×): ${k}`);
  for (const [k, n] of received)
    if (!expected.has(k) && out.length < limit * 2) out.push(`unexpected ${n}×: ${k}`);
  return out;
}
